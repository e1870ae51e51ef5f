"""Scoring: name similarity plus evidence, calibrated and explained."""

from embargo.match.screener import DEFAULT_THRESHOLD, Screener
from embargo.match.types import Feature, Match, Query

__all__ = ["DEFAULT_THRESHOLD", "Feature", "Match", "Query", "Screener"]
