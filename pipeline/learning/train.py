"""Train the claim models (subject ranker, modality, concept class) and score them by cross-validation by article.

``python -m pipeline train claims`` runs the pipeline over the training gold sets, fits logistic regressions
(scikit-learn, fixed seed) on the evidence the claim component computes, reports accuracy pooled over folds in which
no article is both trained on and scored (GroupKFold by doc_id), next to the rules' accuracy on the same examples,
then fits on everything and writes ``pipeline/resources/<lang>/claim_models.json`` with the data's digest.

The subject model is a pairwise ranker: for each figure, the gold subject's features minus each other candidate's
(and the reverse) teach a linear score whose highest candidate wins at run time ("no subject" is a candidate like
the others). It learns from the figures of every subject rule step, each step's vote being a feature, and decides
only for the steps where it beats that step's rule on the press training part, on the same folds
(``subject_steps`` in the model file); the other steps keep their rule.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.components.claims.concept_options import choose_concept, complete
from pipeline.components.claims.model import ClaimModels, LinearModel
from pipeline.components.claims.subject import SUBJECT_RULES
from pipeline.language.text import concept_head_found
from pipeline.learning.dataset import Example, GoldSet, data_digest, examples, training_sets

SEED = 13
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0, 3.0)
# The subject ranker sees a row per pair of candidates (a dozen per figure, many features each): it wants stronger
# regularization; the concept ranker, a few options per figure with few features, weaker.
SUBJECT_C_GRID = (0.03, 0.1, 0.3, 1.0)
CONCEPT_C_GRID = (0.3, 1.0, 3.0, 10.0)
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
    c_grid: tuple[float, ...] = C_GRID


def _subject_rows(example: Example) -> list[dict[str, float]]:
    return [candidate.features for candidate in example.evidence.candidates]


def _subject_label(example: Example) -> list[int]:
    return [int(candidate.entity_id == example.gold.subject) for candidate in example.evidence.candidates]


def _concept_choices(example: Example) -> list[tuple[str, dict[str, float]]]:
    """The concept options with the gold class (the ranker learns to choose given the right class; at run time
    and in cross-validation the class is the class model's)."""
    concept_class = example.gold.concept_class or example.evidence.rule_claim.concept_class
    return [complete(option, concept_class, example.class_nouns) for option in example.evidence.concept_options]


CONCEPT = Task("concept", True, lambda e: [features for _, features in _concept_choices(e)],
               lambda e: [int(bool(phrase) and concept_head_found(e.gold.concept, phrase, e.lang))
                          for phrase, _ in _concept_choices(e)],
               lambda e: e.evidence.rule_claim.concept, CONCEPT_C_GRID)

TASKS = (
    Task("subject", True, _subject_rows, _subject_label, lambda e: e.evidence.rule_claim.subject, SUBJECT_C_GRID),
    Task("modality", False, lambda e: [e.evidence.modality_features], lambda e: e.gold.modality,
         lambda e: e.evidence.rule_claim.modality),
    Task("concept_class", False, lambda e: [e.evidence.class_features], lambda e: e.gold.concept_class,
         lambda e: e.evidence.rule_claim.concept_class),
)


def usable(task: Task, example: Example) -> bool:
    """An example can teach a task when its gold answer is reachable: a labelled class, a candidate subject."""
    if task.ranker:
        return any(task.label(example))
    return task.label(example) is not None and bool(task.rows(example)[0])


def set_weights(train: Sequence[Example]) -> list[float]:
    """A weight per example such that every gold set weighs the same in the ranker's training: the five founding
    articles and the held-out ones are not drowned by the larger sets (their figures are more often about no one
    or about the current center). The classifiers stay unweighted: weighted, modality gained 0.004 on press
    cross-validated but lost its fit of the press training part (0.915 -> 0.853 in-sample)."""
    sizes = Counter(example.set_name for example in train)
    return [len(train) / (len(sizes) * sizes[example.set_name]) for example in train]


def _pairs(task: Task, train: Sequence[Example], vectorizer: Any) -> tuple[Any, list[int], list[float]]:
    """The ranker's rows: gold minus other (label 1) and other minus gold (label 0), for every figure, each
    with its figure's weight."""
    from scipy.sparse import vstack

    differences, labels, weights = [], [], []
    for example, weight in zip(train, set_weights(train), strict=True):
        matrix = vectorizer.transform(task.rows(example))
        flags = task.label(example)
        others = [j for j, flag in enumerate(flags) if not flag]
        for gold in (i for i, flag in enumerate(flags) if flag):
            difference = matrix[[gold] * len(others)] - matrix[others]
            differences += [difference, -difference]
            labels += [1] * len(others) + [0] * len(others)
            weights += [weight] * 2 * len(others)
    return vstack(differences).tocsr(), labels, weights


def fit(task: Task, train: Sequence[Example], c: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [row for example in train for row in task.rows(example)]
    vectorizer = DictVectorizer()
    names = vectorizer.fit(rows).get_feature_names_out()
    if task.ranker:
        # Only score differences between candidates of one figure matter: no intercept.
        matrix, labels, weights = _pairs(task, train, vectorizer)
        model = LogisticRegression(C=c, max_iter=5000, random_state=SEED, fit_intercept=False)
        model.fit(matrix, labels, sample_weight=weights)
        classes = ["subject"]
        coefficients = [list(model.coef_[0])]
        intercepts = [0.0]
    else:
        model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
        model.fit(vectorizer.transform(rows), [task.label(example) for example in train])
        classes = [str(label) for label in model.classes_]
        coefficients = model.coef_
        intercepts = list(model.intercept_)
        if len(classes) == 2:
            # scikit-learn keeps one row for two classes (the second's score against the first's zero).
            coefficients = [[0.0] * len(names), list(coefficients[0])]
            intercepts = [0.0, intercepts[0]]
    weights = {}
    for j, name in enumerate(names):
        values = [round(float(row[j]), _DIGITS) for row in coefficients]
        if any(values):
            weights[str(name)] = values
    return LinearModel(tuple(classes), tuple(round(float(b), _DIGITS) for b in intercepts), weights)


def decided_by_model(task: Task, example: Example, steps: frozenset[str] = frozenset(SUBJECT_RULES)) -> bool:
    """Whether the model decides this example (the subject ranker only for the rule steps in ``steps``)."""
    if task.ranker:
        return bool(example.evidence.candidates) and example.evidence.subject_rule in steps
    return True


def predict(task: Task, model: LinearModel, example: Example,
            steps: frozenset[str] = frozenset(SUBJECT_RULES)) -> Any:
    if not decided_by_model(task, example, steps):
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


def out_of_fold(task: Task, items: list[Example], c: float, n_folds: int) -> list[tuple[Example, LinearModel]]:
    """Every example with the model trained without its fold (on the usable examples of the other folds)."""
    return [(example, model) for train, test in folds(items, n_folds)
            for model in [fit(task, [e for e in train if usable(task, e)], c)] for example in test]


def cross_validate(task: Task, items: list[Example], c: float, n_folds: int) -> dict[str, Any]:
    """Accuracy of the model and of the rules per gold set and overall, pooled over the folds. Every example is
    scored (one the model cannot learn from counts as it answers); training uses the usable ones only. For the
    ranker, also the steps it decides (``subject_steps``) and its accuracy per step."""
    scored = out_of_fold(task, items, c, n_folds)
    steps = frozenset(SUBJECT_RULES)
    extra: dict[str, Any] = {}
    if task.ranker:
        by_step = {name: _tally((example.evidence.subject_rule, predict(task, model, example) == example.gold.subject,
                                 task.rule(example) == example.gold.subject)
                                for example, model in scored if name == "all" or example.set_name == name)
                   for name in (SELECTION_SET, "all")}
        # A step goes to the ranker where it beats the step's rule on real press without losing on all the sets
        # together (the rules of some steps may suit the other sets' style better).
        pooled = by_step["all"]
        steps = frozenset(step for step, row in by_step[SELECTION_SET].items()
                          if row["model"] > row["rules"] and pooled[step]["model"] >= pooled[step]["rules"])
        extra = {"subject_steps": sorted(steps), SELECTION_SET + " by step": by_step[SELECTION_SET],
                 "all by step": by_step["all"]}

    def verdicts() -> Any:
        for example, model in scored:
            gold = example.gold.subject if task.ranker else task.label(example)
            if gold is None and not task.ranker:
                continue
            verdict = (predict(task, model, example, steps) == gold, task.rule(example) == gold)
            yield from ((key, *verdict) for key in (example.set_name, "all"))

    return {**_tally(verdicts()), **extra}


def _tally(verdicts: Any) -> dict[str, dict[str, float]]:
    """(key, model right, rules right) triples -> accuracy of model and rules per key."""
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # model right, rules right, n
    for key, model_right, rules_right in verdicts:
        right[key][0] += model_right
        right[key][1] += rules_right
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
    subject_steps: frozenset[str] = frozenset()
    for task in TASKS:
        results = {c: cross_validate(task, items, c, n_folds) for c in task.c_grid}
        best_c = max(task.c_grid, key=lambda c: (results[c]["all"]["model"], -c))
        chosen = results[best_c][SELECTION_SET]
        # Keep the model only where it beats the rules on the same folds both on the target domain and on all the
        # sets pooled: a model that only ties the rules over all the sets adds weights and buys nothing.
        pooled = results[best_c]["all"]
        keep = chosen["model"] > chosen["rules"] and pooled["model"] > pooled["rules"]
        training["cross_validation"][task.name] = {"C": best_c, "kept": keep, **results[best_c]}
        verdict = "model kept" if keep else "rules kept: the model is no better on real press, or on all sets"
        report(f"{_table(task.name, best_c, results[best_c])}\n  ({verdict})")
        models[task.name] = fit(task, [e for e in items if usable(task, e)], best_c) if keep else None
        if task.ranker and keep:
            subject_steps = frozenset(results[best_c]["subject_steps"])
            report(_table(f"  by step on {SELECTION_SET} (the ranker decides {', '.join(sorted(subject_steps))})",
                          None, results[best_c][SELECTION_SET + " by step"]))
    concept = None
    if models["concept_class"] is not None:
        class_c = training["cross_validation"]["concept_class"]["C"]
        results = {c: cross_validate_concepts(items, class_c, c, n_folds) for c in CONCEPT.c_grid}
        best_c = max(CONCEPT.c_grid, key=lambda c: (results[c]["ranker"]["all"]["model"], -c))
        ranker, default = results[best_c]["ranker"], results[best_c]["class_noun_default"]
        # The ranker replaces the concept steps (and the class noun where they find nothing) where it beats them.
        keep = ranker[SELECTION_SET]["model"] > default[SELECTION_SET]["model"]
        training["cross_validation"]["concept_head"] = {"C": best_c, "kept": keep, **ranker,
                                                        "without ranker": default}
        report(_table("concept head (ranker over the steps' phrases and the class noun)", best_c, ranker))
        report(_table("  without the ranker (the first step; the class noun where none finds a noun)", None, default)
               + f"\n  ({'ranker kept' if keep else 'ranker dropped: no better on real press'})")
        concept = fit(CONCEPT, [e for e in items if usable(CONCEPT, e)], best_c) if keep else None
    return ClaimModels(models["subject"], models["modality"], models["concept_class"], training, subject_steps,
                       concept)


def cross_validate_concepts(items: list[Example], class_c: float, c: float,
                            n_folds: int) -> dict[str, dict[str, Any]]:
    """Concept head accuracy on the same folds, the class coming from the class model trained without the fold:
    of the concept ranker ("ranker") and of the steps alone with the class noun where no step finds a noun
    ("class_noun_default"), each beside the steps' first phrase ("rules")."""
    task = next(task for task in TASKS if task.name == "concept_class")
    classes = {id(example): predict(task, model, example) for example, model in out_of_fold(task, items, class_c,
                                                                                            n_folds)}
    verdicts: dict[str, list[tuple[str, bool, bool]]] = {"ranker": [], "class_noun_default": []}
    for example, model in out_of_fold(CONCEPT, items, c, n_folds):
        concept_class = classes[id(example)]
        rules = example.evidence.rule_claim.concept
        chosen = choose_concept(example.evidence.concept_options, concept_class, example.class_nouns, model)
        default = (example.class_nouns.get(concept_class, rules) if example.evidence.concept_step == "unit_default"
                   else rules)
        rules_right = concept_head_found(example.gold.concept, rules, example.lang)
        for name, concept in (("ranker", chosen or rules), ("class_noun_default", default)):
            right = concept_head_found(example.gold.concept, concept, example.lang)
            verdicts[name] += [(key, right, rules_right) for key in (example.set_name, "all")]
    return {name: _tally(found) for name, found in verdicts.items()}


def _table(name: str, c: float | None, result: dict[str, Any]) -> str:
    regularization = "" if c is None else f" (C={c})"
    lines = [f"{name}{regularization}, cross-validated by article: set  model  rules  n"]
    rows = [(key, row) for key, row in result.items() if isinstance(row, dict) and "model" in row]
    for key, row in sorted(rows, key=lambda item: item[0] == "all"):
        lines.append(f"  {key:<16} {row['model']:.3f}  {row['rules']:.3f}  {int(row['n'])}")
    return "\n".join(lines)


def write_models(models: ClaimModels, path: Path) -> None:
    data = models.to_dict()
    # One line per model part keeps the file small and its diffs readable.
    lines = [f" {json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False, sort_keys=True)}" for key in sorted(data)]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
