"""The in-memory screening index built from the store."""
