"""Train the claim models (subject ranker, modality, concept class) and score them by cross-validation by article.

``python -m pipeline train claims`` runs the pipeline over the training gold sets, fits logistic regressions
(scikit-learn, fixed seed) on the evidence the claim component computes, reports accuracy pooled over folds in which
no article is both trained on and scored (GroupKFold by doc_id), next to the rules' accuracy on the same examples,
then fits on everything and writes ``pipeline/resources/<lang>/claim_models.json`` with the data's digest.

The subject model is a pointwise ranker: one row per (figure, candidate), label "is the gold subject"; at run time
the candidate with the highest score wins ("no subject" is a candidate like the others). It decides where no
sentence rule named the subject (the discourse step); the sentence rules stay ordered, named steps before it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.components.claims.component import LEARNED_SUBJECT_STEPS
from pipeline.components.claims.model import ClaimModels, LinearModel
from pipeline.language.text import concept_head_found
from pipeline.learning.dataset import Example, GoldSet, data_digest, examples, training_sets

SEED = 13
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0, 3.0)
# Real press is the yardstick: a model replaces the rules only where it beats them on the press training part
# (the regularization is chosen on all the sets, less noisy than one).
SELECTION_SET = "press-train"
_DIGITS = 5


@dataclass(frozen=True, slots=True)
class Task:
    """One decision to learn: its rows and labels per example, the label the rules gave, and the model kind."""

    name: str
    ranker: bool
    rows: Callable[[Example], list[dict[str, float]]]
    label: Callable[[Example], Any]
    rule: Callable[[Example], Any]


def _subject_rows(example: Example) -> list[dict[str, float]]:
    return [candidate.features for candidate in example.evidence.candidates]


def _subject_label(example: Example) -> list[int]:
    return [int(candidate.entity_id == example.gold.subject) for candidate in example.evidence.candidates]


TASKS = (
    Task("subject", True, _subject_rows, _subject_label, lambda e: e.evidence.rule_claim.subject),
    Task("modality", False, lambda e: [e.evidence.modality_features], lambda e: e.gold.modality,
         lambda e: e.evidence.rule_claim.modality),
    Task("concept_class", False, lambda e: [e.evidence.class_features], lambda e: e.gold.concept_class,
         lambda e: e.evidence.rule_claim.concept_class),
)


def usable(task: Task, example: Example) -> bool:
    """An example can teach a task when its gold answer is reachable: a labelled class, a candidate subject."""
    if task.ranker:
        return decided_by_model(task, example) and any(_subject_label(example))
    return task.label(example) is not None and bool(task.rows(example)[0])


def fit(task: Task, train: Sequence[Example], c: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [row for example in train for row in task.rows(example)]
    labels = [label for example in train for label in (task.label(example) if task.ranker
                                                      else [task.label(example)])]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    classes = ["subject"] if task.ranker else [str(label) for label in model.classes_]
    coefficients = model.coef_
    intercepts = list(model.intercept_)
    if not task.ranker and len(classes) == 2:
        # scikit-learn keeps one row for two classes (the second's score against the first's zero).
        coefficients = [[0.0] * len(names), list(coefficients[0])]
        intercepts = [0.0, intercepts[0]]
    if task.ranker:
        coefficients = [list(coefficients[0])]
    weights = {}
    for j, name in enumerate(names):
        values = [round(float(row[j]), _DIGITS) for row in coefficients]
        if any(values):
            weights[str(name)] = values
    return LinearModel(tuple(classes), tuple(round(float(b), _DIGITS) for b in intercepts), weights)


def decided_by_model(task: Task, example: Example) -> bool:
    """Whether the model decides this example at run time (the subject ranker only where no sentence rule did)."""
    if task.ranker:
        return bool(example.evidence.candidates) and example.evidence.subject_rule in LEARNED_SUBJECT_STEPS
    return True


def predict(task: Task, model: LinearModel, example: Example) -> Any:
    if not decided_by_model(task, example):
        return task.rule(example)
    if task.ranker:
        candidates = example.evidence.candidates
        best = max(range(len(candidates)), key=lambda i: model.scores(candidates[i].features)[0])
        return candidates[best].entity_id
    return model.best_class(task.rows(example)[0])


def folds(items: Sequence[Example], n: int) -> list[tuple[list[Example], list[Example]]]:
    """GroupKFold by article: every article's figures are in one scoring fold only."""
    from sklearn.model_selection import GroupKFold

    groups = [f"{e.set_name}/{e.doc_id}" for e in items]
    splitter = GroupKFold(n_splits=n)
    return [([items[i] for i in train], [items[i] for i in test])
            for train, test in splitter.split(list(range(len(items))), groups=groups)]


def cross_validate(task: Task, items: list[Example], c: float, n_folds: int) -> dict[str, dict[str, float]]:
    """Accuracy of the model and of the rules per gold set and overall, pooled over the folds. Every example is
    scored (one the model cannot learn from counts as it answers); training uses the usable ones only."""

    def judge(model: LinearModel, example: Example) -> tuple[bool, bool] | None:
        gold = example.gold.subject if task.ranker else task.label(example)
        if gold is None and not task.ranker:
            return None
        return predict(task, model, example) == gold, task.rule(example) == gold

    return _pooled(task, items, c, n_folds, judge)


def _pooled(task: Task, items: list[Example], c: float, n_folds: int,
            judge: Callable[[LinearModel, Example], tuple[bool, bool] | None]) -> dict[str, dict[str, float]]:
    """``judge(model trained without the fold, example)`` -> (model right, rules right), or None to skip, pooled
    over the folds per gold set and overall."""
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # model right, rules right, n
    for train, test in folds(items, n_folds):
        model = fit(task, [e for e in train if usable(task, e)], c)
        for example in test:
            verdict = judge(model, example)
            if verdict is None:
                continue
            for key in (example.set_name, "all"):
                right[key][0] += verdict[0]
                right[key][1] += verdict[1]
                right[key][2] += 1
    return {key: {"model": round(m / n, 3), "rules": round(r / n, 3), "n": n} for key, (m, r, n) in right.items()}


def train_claim_models(nlp: Any, root: Path, n_folds: int = FOLDS,
                       report: Callable[[str], None] = print) -> ClaimModels:
    sets: list[GoldSet] = training_sets(root)
    items = [example for gold_set in sets for example in examples(nlp, gold_set)]
    report(f"{len(items)} figures from {len({(e.set_name, e.doc_id) for e in items})} articles")
    models: dict[str, LinearModel | None] = {}
    training: dict[str, Any] = {"data_sha256": data_digest(sets), "seed": SEED, "folds": n_folds,
                                "sets": [gold_set.name for gold_set in sets], "cross_validation": {}}
    for task in TASKS:
        results = {c: cross_validate(task, items, c, n_folds) for c in C_GRID}
        best_c = max(C_GRID, key=lambda c: (results[c]["all"]["model"], -c))
        chosen = results[best_c][SELECTION_SET]
        # Keep the model only where it beats the rules on the target domain, on the same folds.
        keep = chosen["model"] > chosen["rules"]
        training["cross_validation"][task.name] = {"C": best_c, "kept": keep, **results[best_c]}
        verdict = "model kept" if keep else "rules kept: the model is no better on real press"
        report(f"{_table(task.name, best_c, results[best_c])}\n  ({verdict})")
        models[task.name] = fit(task, [e for e in items if usable(task, e)], best_c) if keep else None
    concepts = cross_validate_concepts(items, training["cross_validation"]["concept_class"]["C"], n_folds)
    training["cross_validation"]["concept_head"] = concepts
    report(_table("concept head (rules; class noun from the fold's class model)", None, concepts))
    return ClaimModels(models["subject"], models["modality"], models["concept_class"], training)


def cross_validate_concepts(items: list[Example], c: float, n_folds: int) -> dict[str, dict[str, float]]:
    """Concept head accuracy on the same folds: the concept is the rules' noun phrase, or the class's noun (from
    the class model trained without the fold) where the sentence names nothing measured."""
    task = next(task for task in TASKS if task.name == "concept_class")

    def judge(model: LinearModel, example: Example) -> tuple[bool, bool]:
        rules = example.evidence.rule_claim.concept
        concept = rules
        if example.evidence.concept_step == "unit_default":
            concept = example.class_nouns.get(predict(task, model, example), rules)
        return (concept_head_found(example.gold.concept, concept, example.lang),
                concept_head_found(example.gold.concept, rules, example.lang))

    return _pooled(task, items, c, n_folds, judge)


def _table(name: str, c: float | None, result: dict[str, dict[str, float]]) -> str:
    regularization = "" if c is None else f" (C={c})"
    lines = [f"{name}{regularization}, cross-validated by article: set  model  rules  n"]
    for key, row in sorted(result.items(), key=lambda item: item[0] == "all"):
        lines.append(f"  {key:<12} {row['model']:.3f}  {row['rules']:.3f}  {int(row['n'])}")
    return "\n".join(lines)


def write_models(models: ClaimModels, path: Path) -> None:
    data = models.to_dict()
    # One line per model part keeps the file small and its diffs readable.
    lines = [f" {json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False, sort_keys=True)}" for key in sorted(data)]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
