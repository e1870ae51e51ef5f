"""Stable entity ids derived from the publisher's own record ids."""

from __future__ import annotations

import hashlib

from normality import slugify

# Entity id prefixes, as OpenSanctions spells them where it has one; one OFAC number space
# covers SDN and the consolidated (non-SDN) list, so both share "ofac".
PREFIXES: dict[str, str] = {
    "us_ofac_sdn": "ofac",
    "us_ofac_cons": "ofac",
    "un_sc_sanctions": "unsc",
    "gb_hmt_sanctions": "gb-hmt",
    "gb_fcdo_sanctions": "gb-fcdo",
    "eu_fsf": "eu-fsf",
    "us_trade_csl": "trade-csl",
    "us_bis_denied": "usbis",
}


def entity_id(source: str, source_id: str) -> str:
    """The id of the listed party of a record: `ofac-46168`, `unsc-qdi-154` ..."""
    prefix = PREFIXES.get(source, source)
    slug = slugify(source_id, sep="-") or hash_id(source_id)
    return f"{prefix}-{slug}"


def related_id(parent_id: str, kind: str, *parts: object) -> str:
    """The id of an entity that hangs on a record (its Sanction, a Passport, a link ...)."""
    if not parts:
        return f"{parent_id}-{kind}"
    return f"{parent_id}-{kind}-{hash_id(*parts)}"


def hash_id(*parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
