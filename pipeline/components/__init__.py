"""The registered spaCy components, one module (or sub-package) each, in the order of the data path."""
