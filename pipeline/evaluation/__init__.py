"""The gold file (built from hand-written labels), the scorer, the HTML report and the evaluation command."""
