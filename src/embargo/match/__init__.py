"""Scoring: name similarity plus evidence, calibrated and explained."""
