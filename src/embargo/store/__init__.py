"""The versioned list store: every published version, changes between any two."""
