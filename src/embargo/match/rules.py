"""The constants of name scoring (match.names explains the rules; match.align applies them)."""

LIST_EXTRA = 0.5  # cost of a listed token the query does not mention, relative to a query token
ALIGN_MIN = 0.55  # below this two tokens are not the same name part
STRONG_PART = 0.75  # a part that counts towards the two-part rule
PARTIAL_CAP = 0.6
# A one-part name (SOBAR, AL-HISN) must be spelled nearly the same: one edit in five letters
# or a consonant skeleton is another name. Ship names are copied by hand into shipping papers,
# so for vessels and aircraft one typo is allowed; a company's one distinctive word may carry
# one in six letters or more (KONTUD OOO, KONTUR OOO), but not an abjad spelling, compared by
# its consonants (match.align).
SINGLE_PART_MIN = 0.86
SINGLE_PART_MIN_ORG = 0.83
SINGLE_PART_MIN_OBJECT = 0.8
OBJECT_SCHEMATA = frozenset({"Vessel", "Airplane", "Vehicle"})
PATRONYMIC_FACTOR = 0.5  # a listed patronymic (Vladimirovich) is often left out
FAMILY_FACTOR = 1.75  # a listed family name left out costs more than a middle name
MIDDLE_FACTOR = 0.6  # a listed middle name (second given name) is the part most often left out
LEGAL_FACTOR = 0.25
# An honorific only one side of a person's name writes (Sheikh Ahmad Khazai, KHAZAI, Ahmad).
HONORIFIC_FACTOR = 0.25
LEGAL_SWAP = 0.1  # a different legal form on each side (GmbH vs Co. Ltd.): nearly no evidence
INITIAL_SIM = 0.85
COMPACT_MIN = 0.88  # joined spellings (Abubakar / Abu Bakar) compare as one string
COMPACT_DISCOUNT = 0.04
# A person's name with the same letters but a part joined or split (Kim Jongun, KIM Jong Un;
# Mao Ze Dong, MAO Zedong) is one name part written two ways: it passes the two-part rule.
COMPACT_PERSON_MIN = 0.95
HANGUL_SIM = 0.95  # one Korean syllable in another romanisation (Jong, Jeong, Chong)
# A query word of TYPO_LENGTH letters or more that no list has and rigour's names do not know,
# one edit from a listed word, is that word mistyped (Trtding, Jelaeic): TYPO_SIM at least,
# not the edit similarity of two listed or known names one letter apart (Hassan, Hasan).
TYPO_LENGTH = 6
TYPO_SIM = 0.9
SKELETON_BOUND = 0.5  # skeleton edit similarity below which an abjad pair is not scored
