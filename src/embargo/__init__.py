"""Embargo: sanctions screening and sanctions-list intelligence."""

__version__ = "0.1.0"
