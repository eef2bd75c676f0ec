"""Pure functions for numbers, units and TIMEX3 values: no spaCy, no language words (those come as data)."""
