"""Learned components: training examples from the gold sets, training and cross-validation by article."""
