"""Errors of insight queries: bad input the user can fix (the CLI exits 2 on each)."""

from __future__ import annotations


class InsightError(ValueError):
    """A query that cannot be answered as asked; the message says what was not found."""


class UnknownParty(InsightError):
    pass


class AmbiguousParty(InsightError):
    def __init__(self, ref: str, candidates: list[str]) -> None:
        self.ref = ref
        self.candidates = candidates
        listed = "; ".join(candidates)
        super().__init__(f"{ref!r} names {len(candidates)} parties, give an id: {listed}")


class NoVersion(InsightError):
    """A date before the first stored version, or no versions at all."""


class UnknownProgram(InsightError):
    pass


class UnknownSource(InsightError):
    pass
