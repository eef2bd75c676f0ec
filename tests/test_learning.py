"""Training the claim models: folds by article, a ranker that learns an obvious signal, model-or-rules choice."""

from dataclasses import replace

from pipeline.components.claims.component import ClaimEvidence
from pipeline.components.claims.concept_options import ConceptOption, choose_concept
from pipeline.components.claims.features import Candidate
from pipeline.learning.dataset import Example
from pipeline.learning.train import CONCEPT, TASKS, cross_validate, decided_by_model, fit, folds, predict
from pipeline.records import Claim, Quantity

SUBJECT = next(task for task in TASKS if task.name == "subject")
MODALITY = next(task for task in TASKS if task.name == "modality")


def example(doc: int, figure: int, right: str, rule_subject: str | None, future: bool) -> Example:
    """A figure whose gold subject is the candidate carrying the feature "center", and whose modality follows
    the feature "future"; the rules answer ``rule_subject`` and "fact"."""
    quantity = Quantity(f"q{figure}", 0, 3, "1 GW", 1e9, None, "W", "exact", False)
    candidates = [Candidate(None, {"none": 1.0}),
                  *(Candidate(name, {"center": float(name == right), "bias": 1.0}) for name in ("acme", "globex"))]
    modality = "forecast" if future else "fact"
    rule = Claim(quantity.id, rule_subject, "puissance", None, None, "fact", "power")
    gold = Claim(quantity.id, right, "puissance", None, None, modality, "power")
    # The measured noun names the concept when its feature "names" is set, else the class's noun does.
    names = bool(figure % 2)
    gold = replace(gold, concept="site de calcul" if names else "puissance électrique")
    options = [ConceptOption("site", {"step=governing_noun": 1.0, "names": float(names)}),
               ConceptOption(None, {"class_noun": 1.0})]
    evidence = ClaimEvidence(quantity, rule, "discourse", candidates, {"bias": 1.0, "future": float(future)},
                             {"unit=W": 1.0}, "governing_noun", options)
    return Example("press-train", f"d{doc}", evidence, gold, "fr", {"power": "puissance électrique"})


ITEMS = [example(doc, figure, ("acme", "globex")[(doc + figure) % 2], "acme", bool(figure % 2))
         for doc in range(10) for figure in range(4)]


def test_folds_never_put_an_article_on_both_sides() -> None:
    for train, test in folds(ITEMS, 5):
        assert {e.doc_id for e in train}.isdisjoint({e.doc_id for e in test})
        assert test


def test_ranker_learns_the_signal_the_rules_miss() -> None:
    model = fit(SUBJECT, ITEMS, c=1.0)
    assert all(predict(SUBJECT, model, e) == e.gold.subject for e in ITEMS)
    result = cross_validate(SUBJECT, ITEMS, c=1.0, n_folds=5)
    assert result["all"]["model"] == 1.0
    assert result["all"]["rules"] == 0.5  # the rules always say "acme"
    assert result["subject_steps"] == ["discourse"]  # the ranker beat the rule of that step


def test_ranker_only_decides_the_learned_steps() -> None:
    item = ITEMS[1]
    ruled = Example(item.set_name, item.doc_id, ClaimEvidence(
        item.evidence.quantity, item.evidence.rule_claim, "clause_subject", item.evidence.candidates,
        item.evidence.modality_features, item.evidence.class_features, "governing_noun", []), item.gold, "fr", {})
    steps = frozenset({"discourse"})
    assert not decided_by_model(SUBJECT, ruled, steps)
    assert predict(SUBJECT, fit(SUBJECT, ITEMS, c=1.0), ruled, steps) == "acme"
    assert predict(SUBJECT, fit(SUBJECT, ITEMS, c=1.0), ruled) == "globex"  # every step by default


def test_ranker_keeps_the_rule_of_a_step_it_does_not_beat() -> None:
    # The rules of the "antecedent" step are always right: the ranker, right on every figure too, is no better.
    items = [Example(e.set_name, e.doc_id, ClaimEvidence(
        e.evidence.quantity, replace(e.evidence.rule_claim, subject=e.gold.subject), "antecedent",
        e.evidence.candidates, e.evidence.modality_features, e.evidence.class_features, "governing_noun", []),
        e.gold, "fr", {}) if e.doc_id in ("d0", "d1") else e for e in ITEMS]
    assert cross_validate(SUBJECT, items, c=1.0, n_folds=5)["subject_steps"] == ["discourse"]


def test_classifier_learns_modality() -> None:
    model = fit(MODALITY, ITEMS, c=1.0)
    assert {predict(MODALITY, model, e) for e in ITEMS if e.gold.modality == "forecast"} == {"forecast"}
    assert {predict(MODALITY, model, e) for e in ITEMS if e.gold.modality == "fact"} == {"fact"}


def test_concept_ranker_learns_when_the_class_noun_names_the_concept() -> None:
    assert CONCEPT.label(ITEMS[0]) == [0, 1] and CONCEPT.label(ITEMS[1]) == [1, 0]
    model = fit(CONCEPT, ITEMS, c=10.0)
    for item in ITEMS:
        chosen = choose_concept(item.evidence.concept_options, "power", item.class_nouns, model)
        assert chosen == ("site" if item.gold.concept == "site de calcul" else "puissance électrique")
