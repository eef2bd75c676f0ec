"""The learned claim models at run time: linear scorers read from the language's ``claim_models.json``.

A model is a weight per (feature, class) and an intercept per class, trained by ``python -m pipeline train claims``
(:mod:`pipeline.learning`). Linear models keep the file small, readable and free of pickled code, and make every
decision explainable: the features that weighed most are known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.language import load_language_data

MODEL_KEYS = frozenset({"subject", "subject_steps", "modality", "concept_class", "concept", "training"})


@dataclass(frozen=True, slots=True)
class LinearModel:
    """``scores(features)[i]`` = intercept[i] + sum of weights[feature][i] * value, for each class i."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: Mapping[str, Sequence[float]]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinearModel:
        classes = tuple(data["classes"])
        weights = {name: tuple(values) for name, values in data["weights"].items()}
        if any(len(values) != len(classes) for values in weights.values()) or len(data["intercepts"]) != len(classes):
            raise ValueError("a linear model needs one weight per class for every feature")
        return cls(classes, tuple(data["intercepts"]), weights)

    def to_dict(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercepts": list(self.intercepts),
                "weights": {name: list(values) for name, values in sorted(self.weights.items())}}

    def scores(self, features: Mapping[str, float]) -> list[float]:
        get = self.weights.get
        if len(self.intercepts) == 1:
            # A ranker scores a dozen candidates per figure: one class needs no inner loop.
            total = self.intercepts[0]
            for name, value in features.items():
                weights = get(name)
                if weights is not None and value:
                    total += weights[0] * value
            return [total]
        totals = list(self.intercepts)
        for name, value in features.items():
            weights = get(name)
            if weights is not None and value:
                for i, weight in enumerate(weights):
                    totals[i] += weight * value
        return totals

    def best_class(self, features: Mapping[str, float]) -> str:
        scores = self.scores(features)
        return self.classes[max(range(len(scores)), key=scores.__getitem__)]

    def top_features(self, features: Mapping[str, float], class_index: int = 0, n: int = 3) -> list[str]:
        """The features that pushed this class's score most (the decision's explanation)."""
        pushes = [(self.weights[name][class_index] * value, name) for name, value in features.items()
                  if name in self.weights and value]
        return [name for push, name in sorted(pushes, reverse=True)[:n] if push > 0]


@dataclass(frozen=True, slots=True)
class ClaimModels:
    """The models of one language (any may be None: that decision then stays with the rules). The subject ranker
    decides only for the subject rule steps in ``subject_steps``: those where it beat that rule by cross-validation;
    the others keep the rule's answer."""

    subject: LinearModel | None
    modality: LinearModel | None
    concept_class: LinearModel | None
    training: Mapping[str, Any]
    subject_steps: frozenset[str] = frozenset()
    concept: LinearModel | None = None

    @classmethod
    def for_language(cls, lang: str) -> ClaimModels:
        data = load_language_data(lang, "claim_models", MODEL_KEYS)
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ClaimModels:
        def model(key: str) -> LinearModel | None:
            return LinearModel.from_dict(data[key]) if data.get(key) else None

        return cls(model("subject"), model("modality"), model("concept_class"), dict(data.get("training") or {}),
                   frozenset(data.get("subject_steps") or ()), model("concept"))

    def to_dict(self) -> dict[str, Any]:
        def plain(model: LinearModel | None) -> dict[str, Any] | None:
            return model.to_dict() if model is not None else None

        return {"subject": plain(self.subject), "subject_steps": sorted(self.subject_steps),
                "modality": plain(self.modality), "concept_class": plain(self.concept_class),
                "concept": plain(self.concept), "training": dict(self.training)}


NO_MODELS = ClaimModels(None, None, None, {})
