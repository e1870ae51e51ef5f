"""Finding listed parties in running text and payment messages."""
