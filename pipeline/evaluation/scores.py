"""The scorer's accumulators: P/R/F and accuracy counts, the per-document :class:`Tally` that adds up over a corpus
and flattens into the result dict, and the error lists a person reads. Which measures exist is fixed here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

PRF_MEASURES = (
    "ents_strict", "ents_relaxed", "quantities_span", "quantities_norm", "quantities_direction", "dates_span",
    "dates_norm", "claims",
)
ACCURACY_MEASURES = (
    "ents_id", "quantities_bound", "quantities_direction", "dates_type",
    "claims_subject", "claims_date", "claims_speaker", "claims_modality", "claims_concept", "claims_concept_class",
)
PER_TYPE_MEASURES = ("ents_per_type", "ents_relaxed_per_type")
LAYERS = ("ents", "quantities", "dates", "claims")


@dataclass(slots=True)
class PRFScore:
    """True positive, false positive and false negative counts; P, R, F computed from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def score_set(self, candidates: set[Any], golds: set[Any]) -> None:
        self.tp += len(candidates & golds)
        self.fp += len(candidates - golds)
        self.fn += len(golds - candidates)

    def add(self, other: PRFScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def scored(self) -> bool:
        return self.tp + self.fp + self.fn > 0

    @property
    def precision(self) -> float | None:
        if not self.scored:
            return None
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float | None:
        if not self.scored:
            return None
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def fscore(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None or recall is None:
            return None
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def to_dict(self) -> dict[str, float | None]:
        return {"p": self.precision, "r": self.recall, "f": self.fscore}


@dataclass(slots=True)
class AccuracyScore:
    right: int = 0
    total: int = 0

    def judge(self, is_right: bool) -> None:
        self.right += int(is_right)
        self.total += 1

    def add(self, other: AccuracyScore) -> None:
        self.right += other.right
        self.total += other.total

    @property
    def accuracy(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass(slots=True)
class Tally:
    """Every accumulator of one document, or of a whole corpus once documents are added together."""

    prf: dict[str, PRFScore] = field(default_factory=lambda: {name: PRFScore() for name in PRF_MEASURES})
    accuracy: dict[str, AccuracyScore] = field(
        default_factory=lambda: {name: AccuracyScore() for name in ACCURACY_MEASURES}
    )
    per_type: dict[str, dict[str, PRFScore]] = field(
        default_factory=lambda: {name: defaultdict(PRFScore) for name in PER_TYPE_MEASURES}
    )
    outside_body: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LAYERS, 0))

    def add(self, other: Tally) -> None:
        for name, score in other.prf.items():
            self.prf[name].add(score)
        for name, accuracy in other.accuracy.items():
            self.accuracy[name].add(accuracy)
        for name, by_label in other.per_type.items():
            for label, score in by_label.items():
                self.per_type[name][label].add(score)
        for layer, count in other.outside_body.items():
            self.outside_body[layer] += count

    def metrics(self) -> dict[str, Any]:
        """The flat result dict: ``<measure>_p/_r/_f/_tp/_fp/_fn``, ``<measure>_acc/_n``, per-type dicts, counts."""
        result: dict[str, Any] = {}
        for name, score in self.prf.items():
            result[f"{name}_p"] = score.precision
            result[f"{name}_r"] = score.recall
            result[f"{name}_f"] = score.fscore
            result[f"{name}_tp"], result[f"{name}_fp"], result[f"{name}_fn"] = score.tp, score.fp, score.fn
        for name, accuracy in self.accuracy.items():
            result[f"{name}_acc"] = accuracy.accuracy
            result[f"{name}_n"] = accuracy.total
        for name, by_label in self.per_type.items():
            result[name] = {label: by_label[label].to_dict() for label in sorted(by_label)}
        for layer, count in self.outside_body.items():
            result[f"{layer}_outside_body"] = count
        return result


@dataclass(slots=True)
class DocumentErrors:
    """What a person reads to fix the pipeline: plain dicts, ready for JSON and for the HTML report."""

    misses: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {"misses": self.misses, "spurious": self.spurious, "wrong": self.wrong}
