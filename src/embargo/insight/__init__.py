"""Insight: country ties, links, timelines and change reports over the list history."""
