"""KeptResults: a function's results kept, and passed between processes."""

from __future__ import annotations

import pickle

from embargo.memory import KeptResults
from embargo.names.text import read_word


def test_results_are_kept_and_made_once() -> None:
    calls: list[str] = []

    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    kept = KeptResults(shout, kept=3)
    assert [kept(w) for w in ("a", "b", "a")] == ["A", "B", "A"]
    assert calls == ["a", "b"]
    kept("c")
    kept("d")  # a fourth: all forgotten at once, then kept again
    assert len(kept) == 1
    kept("a")
    assert calls == ["a", "b", "c", "d", "a"]


def test_fresh_results_pass_to_another_process_as_made() -> None:
    # The word readings Screener.screen's workers pass on after each chunk: real names.
    made_by, learner = KeptResults(read_word, 1000), KeptResults(read_word, 1000)
    made_by("Yağmur")  # before fresh() is first asked: not kept for passing on
    assert made_by.fresh() == []
    words = ["جهاد", "ДЖИХАД", "Yaghmour", "Cihat"]
    made = [made_by(w) for w in words]
    made_by("Cihat")  # (already made: not passed on again)
    fresh = pickle.loads(pickle.dumps(made_by.fresh()))  # as a queue passes them
    assert [word for word, _ in fresh] == words and made_by.fresh() == []
    learner.learn(fresh)

    def refuse(word: str) -> tuple[tuple[str, ...], str, bool, bool]:
        raise AssertionError(f"{word} read again")

    learner.func = refuse
    assert [learner(w) for w in words] == made
    assert made[0][1] == "arabic" and made[1][0] == ("dzhihad",)
