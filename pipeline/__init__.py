"""News claims pipeline."""
