"""The learned claim models at run time: linear scoring, the file format, and where a model decides."""

from pipeline.components.claims.component import ClaimEvidence, decide
from pipeline.components.claims.concept_options import ConceptOption, choose_concept, complete
from pipeline.components.claims.features import Candidate
from pipeline.components.claims.model import NO_MODELS, ClaimModels, LinearModel
from pipeline.components.claims.subject import SUBJECT_RULES
from pipeline.records import Claim, Quantity

SUBJECT = LinearModel(("subject",), (0.0,), {"center": (2.0,), "none": (0.5,)})
MODALITY = LinearModel(("fact", "forecast"), (0.0, 0.0), {"future": (0.0, 3.0)})
CLASSES = LinearModel(("investment", "power"), (0.1, 0.0), {"unit=W": (0.0, 2.0)})


OPTIONS = [ConceptOption("site", {"step=governing_noun": 1.0, "cue=power": 1.0}),
           ConceptOption(None, {"class_noun": 1.0})]
CONCEPT = LinearModel(("subject",), (0.0,), {"class_noun&class=power": (2.0,), "step=governing_noun": (1.0,)})


def evidence(rule: str, modality_features: dict[str, float] | None = None) -> ClaimEvidence:
    quantity = Quantity("q1", 0, 4, "2 GW", 2e9, None, "W", "exact", False)
    rule_claim = Claim("q1", "acme", "montant", None, None, "fact", "investment")
    candidates = [Candidate(None, {"none": 1.0}), Candidate("acme", {}), Candidate("globex", {"center": 1.0})]
    return ClaimEvidence(quantity, rule_claim, rule, candidates, modality_features or {"future": 1.0},
                         {"unit=W": 1.0}, "unit_default", OPTIONS)


def test_linear_model_scores_and_explains() -> None:
    assert SUBJECT.scores({"center": 1.0, "unknown": 5.0}) == [2.0]
    assert MODALITY.best_class({"future": 1.0}) == "forecast"
    assert MODALITY.best_class({}) == "fact"
    assert SUBJECT.top_features({"center": 1.0, "none": 1.0}) == ["center", "none"]


def test_models_round_trip_through_their_file_format() -> None:
    models = ClaimModels(SUBJECT, MODALITY, None, {"data_sha256": "0" * 64}, frozenset({"discourse", "none"}))
    again = ClaimModels.from_dict(models.to_dict())
    assert again == models
    assert again.concept_class is None


def test_linear_model_refuses_a_weight_count_that_is_not_the_class_count() -> None:
    try:
        LinearModel.from_dict({"classes": ["a", "b"], "intercepts": [0, 0], "weights": {"x": [1.0]}})
    except ValueError as error:
        assert "one weight per class" in str(error)
    else:
        raise AssertionError("a malformed model was accepted")


def test_subject_model_decides_only_the_learned_steps() -> None:
    models = ClaimModels(SUBJECT, MODALITY, CLASSES, {}, frozenset({"discourse"}))
    learned = decide(evidence("discourse"), models, {"power": "puissance électrique"})
    assert learned.subject == "globex"
    assert learned.subject_evidence == "model:center"
    ruled = decide(evidence("clause_subject"), models, {"power": "puissance électrique"})
    assert ruled.subject == "acme"
    assert ruled.subject_evidence == "rule:clause_subject"


def test_modality_and_class_models_replace_the_rules_and_name_the_concept() -> None:
    claim = decide(evidence("clause_subject"), ClaimModels(None, MODALITY, CLASSES, {}), {"power": "puissance"})
    assert (claim.modality, claim.concept_class, claim.concept) == ("forecast", "power", "puissance")


def test_without_models_the_rules_decide_everything() -> None:
    claim = decide(evidence("discourse"), NO_MODELS, {})
    assert (claim.subject, claim.modality, claim.concept_class) == ("acme", "fact", "investment")


def test_packaged_models_load_and_record_their_training_data() -> None:
    models = ClaimModels.for_language("fr")
    assert len(models.training["data_sha256"]) == 64
    assert models.subject is not None and models.subject.classes == ("subject",)
    assert models.subject_steps and models.subject_steps <= set(SUBJECT_RULES)


def test_concept_options_are_completed_with_the_class_then_ranked() -> None:
    assert complete(OPTIONS[1], "power", {"power": "puissance électrique"}) == (
        "puissance électrique", {"class_noun": 1.0, "class_noun&class=power": 1.0})
    assert complete(OPTIONS[0], "power", {})[1]["cue_of_class"] == 1.0  # the phrase's words point to the class
    nouns = {"power": "puissance électrique", "investment": "investissement"}
    assert choose_concept(OPTIONS, "power", nouns, CONCEPT) == "puissance électrique"
    assert choose_concept(OPTIONS, "investment", nouns, CONCEPT) == "site"
    assert choose_concept([OPTIONS[1]], "other", {}, CONCEPT) is None  # no class noun: nothing to choose


def test_concept_model_chooses_the_concept_after_the_class() -> None:
    models = ClaimModels(None, None, CLASSES, {}, frozenset(), CONCEPT)
    claim = decide(evidence("clause_subject"), models, {"power": "puissance électrique"})
    assert (claim.concept_class, claim.concept) == ("power", "puissance électrique")
