"""What an evaluation run is held to and compared with: the CI thresholds (a minimum per metric key) and the
history (the previous run's headline metrics, which the report shows changes from)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any


def read_thresholds(path: Path) -> dict[str, float]:
    """``metric_key  minimum`` per line, ``#`` starts a comment; a malformed line raises ValueError."""
    thresholds: dict[str, float] = {}
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        fields = content.split()
        try:
            if len(fields) != 2:
                raise ValueError
            key, minimum = fields[0], float(fields[1])
        except ValueError:
            raise ValueError(f"{path}:{line_number}: expected 'metric_key minimum', got {content!r}") from None
        if key in thresholds:
            raise ValueError(f"{path}:{line_number}: {key!r} given twice")
        thresholds[key] = minimum
    return thresholds


def check_thresholds(metrics: dict[str, Any], path: Path) -> list[str]:
    """Failures: a metric below its minimum, or a key that metrics do not have (a typo must fail loudly).

    A metric that is ``None`` (nothing scored) counts as 0: it passes a 0.0 minimum and fails any other.
    """
    failures = []
    for key, minimum in read_thresholds(path).items():
        if key not in metrics:
            failures.append(f"{key}: unknown metric key (typo?)")
            continue
        value = metrics[key]
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            failures.append(f"{key}: not a number ({type(value).__name__})")
        elif value is None and minimum > 0:
            failures.append(f"{key}: nothing scored (None), minimum {minimum}")
        elif value is not None and (math.isnan(value) or value < minimum):
            failures.append(f"{key}: {value:.4f} < minimum {minimum}")
    return failures


def headline_metrics(metrics: dict[str, Any]) -> dict[str, float | int | None]:
    """The top-level numbers only (no per-type, per-document or error details): what the history keeps."""
    return {key: value for key, value in metrics.items()
            if value is None or (isinstance(value, int | float) and not isinstance(value, bool))}


def load_previous(path: Path) -> dict[str, Any] | None:
    """Headline metrics of the last recorded run, or None when there is none yet."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of metrics")
    return data


def save_metrics(path: Path, metrics: dict[str, Any]) -> None:
    """Record this run's headline metrics as the reference for the next run's changes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(headline_metrics(metrics), indent=1, sort_keys=True) + "\n", encoding="utf-8")
