"""Inputs: text, HTML, JSON lines, gzip and folder manifests, read lazily into articles."""
