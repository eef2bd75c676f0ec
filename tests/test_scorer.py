"""The scorer on tiny hand-made gold/prediction pairs; every expected number is worked out in a comment."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.evaluation.matching import match_by_overlap, values_agree
from pipeline.evaluation.scorer import score
from pipeline.records import Claim, Document, Entity, Quantity, Span, Timex

TEXT = (
    "Nvidia a livré environ 2 000 puces H100 à xAI en janvier 2025, selon Jensen Huang. "
    "Les ventes de Nvidia pourraient atteindre entre 1 500 et 2 000 milliards de dollars en 2030. "
    "Chaque année, xAI achète plus de 10 % des puces."
    "\nLire aussi : Nvidia vise 5 000 milliards de dollars"
)
BODY_END = TEXT.index("\nLire aussi")


def locate(surface: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(surface, start + 1)
    end = start + len(surface)
    assert TEXT[start:end] == surface
    return start, end


def entity(surface: str, label: str, entity_id: str, occurrence: int = 1) -> Entity:
    start, end = locate(surface, occurrence)
    return Entity(start, end, surface, label, entity_id)


def quantity(quantity_id: str, surface: str, value: float, unit: str, bound: str = "exact",
             value_max: float | None = None, occurrence: int = 1) -> Quantity:
    start, end = locate(surface, occurrence)
    return Quantity(quantity_id, start, end, surface, value, value_max, unit, bound, False)


def timex(timex_id: str, surface: str, timex_type: str, value: str) -> Timex:
    start, end = locate(surface)
    return Timex(timex_id, start, end, surface, timex_type, value)


def document(doc_id: str = "d1", entities: list[Entity] | None = None, quantities: list[Quantity] | None = None,
             dates: list[Timex] | None = None, claims: list[Claim] | None = None) -> Document:
    return Document(doc_id=doc_id, text_sha256="0" * 64, lang="fr", dct="2025-02-01", body=Span(0, BODY_END),
                    entities=entities or [], quantities=quantities or [], dates=dates or [], claims=claims or [])


def test_scorer_entities_strict_vs_relaxed() -> None:
    gold = document(entities=[entity("Nvidia", "ORG", "nvidia"), entity("Jensen Huang", "PER", "jensen-huang"),
                              entity("xAI", "ORG", "xai")])
    pred = document(entities=[entity("Nvidia", "ORG", "nvidia"), entity("Huang", "PER", "huang"),
                              entity("xAI", "LOC", "xai")])
    metrics = score([gold], [pred])
    # Strict: only Nvidia has the same start, end and label -> tp 1, fp 2 (Huang, xAI/LOC), fn 2 -> P = R = F = 1/3.
    assert (metrics["ents_strict_tp"], metrics["ents_strict_fp"], metrics["ents_strict_fn"]) == (1, 2, 2)
    assert metrics["ents_strict_p"] == pytest.approx(1 / 3)
    assert metrics["ents_strict_f"] == pytest.approx(1 / 3)
    # Relaxed: Nvidia and Huang~Jensen Huang overlap with the same label; xAI differs in label -> tp 2, fp 1, fn 1.
    assert metrics["ents_relaxed_p"] == pytest.approx(2 / 3)
    assert metrics["ents_relaxed_r"] == pytest.approx(2 / 3)
    # Ids on the 2 relaxed matches: nvidia right, huang != jensen-huang -> 1/2.
    assert metrics["ents_id_acc"] == 0.5
    assert metrics["ents_id_n"] == 2
    # Strict per type: ORG tp 1 fp 0 fn 1 -> P 1, R 1/2, F 2/3; PER tp 0 fp 1 fn 1 -> 0; LOC tp 0 fp 1 fn 0 -> 0.
    assert metrics["ents_per_type"]["ORG"] == pytest.approx({"p": 1.0, "r": 0.5, "f": 2 / 3})
    assert metrics["ents_per_type"]["PER"] == {"p": 0.0, "r": 0.0, "f": 0.0}
    assert metrics["ents_per_type"]["LOC"] == {"p": 0.0, "r": 0.0, "f": 0.0}
    # Relaxed per type: PER tp 1 -> 1.0 everywhere.
    assert metrics["ents_relaxed_per_type"]["PER"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    wrong = {(w["field"], w["gold"], w["pred"]) for w in metrics["errors"]["d1"]["wrong"]}
    assert wrong == {("id", "jensen-huang", "huang"), ("extent", "Jensen Huang", "Huang")}
    assert [m["text"] for m in metrics["errors"]["d1"]["misses"]] == ["xAI"]


def test_scorer_duplicate_offsets_count_once() -> None:
    nvidia, nvidia_again = entity("Nvidia", "ORG", "nvidia"), entity("Nvidia", "ORG", "nvidia", occurrence=2)
    gold = document(entities=[nvidia, nvidia, nvidia_again])
    pred = document(entities=[nvidia, nvidia, nvidia])
    metrics = score([gold], [pred])
    # As sets: gold {Nvidia@1, Nvidia@2}, pred {Nvidia@1} -> tp 1, fp 0, fn 1 -> P 1, R 1/2, F 2/3; same relaxed.
    for mode in ("strict", "relaxed"):
        assert (metrics[f"ents_{mode}_tp"], metrics[f"ents_{mode}_fp"], metrics[f"ents_{mode}_fn"]) == (1, 0, 1)
        assert metrics[f"ents_{mode}_f"] == pytest.approx(2 / 3)


def test_scorer_overlap_matching_is_one_to_one() -> None:
    gold = document(quantities=[quantity("q1", "environ 2 000 puces", 2000, "count", "approx")])
    pred = document(quantities=[quantity("p1", "2 000 puces H100", 2000, "count"),
                                quantity("p2", "environ 2 000", 2000, "count", "approx")])
    metrics = score([gold], [pred])
    # Overlaps with the gold span: "environ 2 000" 13 chars, "2 000 puces H100" 11 chars ("2 000 puces").
    # The larger overlap wins; the other prediction is spurious: tp 1, fp 1, fn 0 -> P 1/2, R 1, F 2/3.
    assert metrics["quantities_span_p"] == 0.5
    assert metrics["quantities_span_r"] == 1.0
    assert metrics["quantities_span_f"] == pytest.approx(2 / 3)
    assert [s["text"] for s in metrics["errors"]["d1"]["spurious"]] == ["2 000 puces H100"]
    # The matched one has the gold bound: bound accuracy 1/1.
    assert metrics["quantities_bound_acc"] == 1.0


def test_scorer_exact_match_wins_a_tie() -> None:
    gold = [entity("Jensen Huang", "PER", "jensen-huang")]
    # Both cover all 12 gold characters; the exact one (boundary distance 0) is matched, even listed second.
    preds = [entity("Jensen Huang.", "PER", "jensen-huang"), entity("Jensen Huang", "PER", "jensen-huang")]
    assert match_by_overlap(gold, preds) == [(gold[0], preds[1])]
    metrics = score([document(entities=gold)], [document(entities=preds)])
    # Strict and relaxed both: tp 1, fp 1, fn 0.
    assert metrics["ents_strict_p"] == metrics["ents_relaxed_p"] == 0.5


def test_scorer_value_mismatch_span_right_value_wrong() -> None:
    gold = document(quantities=[quantity("q1", "environ 2 000 puces", 2000, "count", "approx")])
    pred = document(quantities=[quantity("p1", "environ 2 000 puces", 2000, "USD", "approx")])
    metrics = score([gold], [pred])
    # Span: tp 1 -> 1.0. Normalized: the unit differs -> tp 0, fp 1, fn 1 -> 0.0. Bound right -> 1.0.
    assert metrics["quantities_span_f"] == 1.0
    assert metrics["quantities_norm_p"] == metrics["quantities_norm_r"] == metrics["quantities_norm_f"] == 0.0
    assert metrics["quantities_bound_acc"] == 1.0
    assert [(w["field"], w["gold"], w["pred"]) for w in metrics["errors"]["d1"]["wrong"]] == [("unit", "count", "USD")]


def test_scorer_direction_accuracy_where_gold_has_one_and_prf_over_matched_figures() -> None:
    up = {"direction": "up"}
    gold = document(quantities=[replace(quantity("q1", "plus de 10 %", 10, "%", "min"), **up),
                                quantity("q2", "environ 2 000 puces", 2000, "count", "approx"),
                                replace(quantity("q3", "entre 1 500 et 2 000 milliards de dollars", 1.5e12, "USD",
                                                 "range", value_max=2e12), direction="down")])
    pred = document(quantities=[replace(quantity("p1", "10 %", 10, "%", "exact"), **up),
                                replace(quantity("p2", "environ 2 000 puces", 2000, "count", "approx"), **up),
                                quantity("p3", "entre 1 500 et 2 000 milliards de dollars", 1.5e12, "USD", "range",
                                         value_max=2e12)])
    metrics = score([gold], [pred])
    # Accuracy over the 2 matched figures whose gold has a direction: q1 right, q3 missed -> 1/2.
    assert (metrics["quantities_direction_acc"], metrics["quantities_direction_n"]) == (0.5, 2)
    # P/R/F over the 3 matched figures: q1 tp; p2's direction where the gold has none fp; q3's missing one fn.
    assert (metrics["quantities_direction_tp"], metrics["quantities_direction_fp"],
            metrics["quantities_direction_fn"]) == (1, 1, 1)
    wrong = {(w["field"], w["gold"], w["pred"]) for w in metrics["errors"]["d1"]["wrong"]}
    assert {("direction", None, "up"), ("direction", "down", None)} <= wrong
    # The values are right: the direction never changes the normalized score.
    assert metrics["quantities_norm_f"] == 1.0


def test_scorer_values_compared_with_relative_tolerance() -> None:
    assert values_agree(2e12, 2e12 * (1 + 1e-9))
    assert not values_agree(2e12, 2e12 * (1 + 1e-5))
    assert values_agree(None, None)
    assert not values_agree(2e12, None)


@pytest.mark.parametrize(
    ("pred_value_max", "pred_bound", "expected_norm_f", "expected_bound_acc"),
    [
        # Both quantities right, percent bound wrong ("min" read as "exact"): norm 2/2 -> 1.0; bounds 1/2.
        (2e12, "range", 1.0, 0.5),
        # value_max missing: the range is wrong -> norm tp 1 of 2 gold, 2 pred -> P = R = F = 1/2;
        # its bound is wrong too -> bounds 0/2.
        (None, "min", 0.5, 0.0),
        # value_max off by 5 %: outside the 1e-6 tolerance -> as above for the value; bound right -> 1/2.
        (2.1e12, "range", 0.5, 0.5),
    ],
)
def test_scorer_range_value_max_and_bounds(
    pred_value_max: float | None, pred_bound: str, expected_norm_f: float, expected_bound_acc: float
) -> None:
    range_surface = "entre 1 500 et 2 000 milliards de dollars"
    gold = document(quantities=[quantity("q1", range_surface, 1.5e12, "USD", "range", value_max=2e12),
                                quantity("q2", "plus de 10 %", 10, "%", "min")])
    pred = document(quantities=[quantity("p1", range_surface, 1.5e12, "USD", pred_bound, value_max=pred_value_max),
                                quantity("p2", "10 %", 10, "%", "exact")])
    metrics = score([gold], [pred])
    assert metrics["quantities_span_f"] == 1.0
    assert metrics["quantities_norm_f"] == pytest.approx(expected_norm_f)
    assert metrics["quantities_bound_acc"] == pytest.approx(expected_bound_acc)


def test_scorer_dates_type_and_value() -> None:
    gold = document(dates=[timex("t1", "janvier 2025", "DATE", "2025-01"), timex("t2", "2030", "DATE", "2030"),
                           timex("t3", "Chaque année", "SET", "P1Y")])
    pred = document(dates=[timex("d1", "en janvier 2025", "DATE", "2025-01"), timex("d2", "2030", "DATE", "2031"),
                           timex("d3", "Chaque année", "DATE", "P1Y")])
    metrics = score([gold], [pred])
    # Span: all 3 overlap -> 1.0. Value: 2025-01 and P1Y right, 2031 wrong -> tp 2, fp 1, fn 1 -> 2/3.
    # Type on the 3 span matches: SET read as DATE -> 2/3.
    assert metrics["dates_span_f"] == 1.0
    assert metrics["dates_norm_p"] == metrics["dates_norm_r"] == pytest.approx(2 / 3)
    assert metrics["dates_type_acc"] == pytest.approx(2 / 3)
    wrong = {(w["field"], w["gold"], w["pred"]) for w in metrics["errors"]["d1"]["wrong"]}
    assert wrong == {("value", "2030", "2031"), ("type", "SET", "DATE")}


GOLD_CLAIMS = [
    Claim("q1", "xai", "puces H100", "t1", "jensen-huang", "fact"),
    Claim("q2", "nvidia", "ventes", "t2", None, "forecast"),
]


def claims_document(claims: list[Claim], ids: tuple[str, str, str, str] = ("q1", "q2", "t1", "t2"),
                    first_value: float = 2000) -> Document:
    q1, q2, t1, t2 = ids
    return document(
        quantities=[quantity(q1, "environ 2 000 puces", first_value, "count", "approx"),
                    quantity(q2, "entre 1 500 et 2 000 milliards de dollars", 1.5e12, "USD", "range", 2e12)],
        dates=[timex(t1, "janvier 2025", "DATE", "2025-01"), timex(t2, "2030", "DATE", "2030")],
        claims=claims,
    )


@pytest.mark.parametrize(
    ("pred_claims", "expected_f", "expected_accuracies"),
    [
        # Both right -> tp 2 -> P = R = F = 1.
        ([Claim("a", "xai", "x", "d1", "jensen-huang", "fact"), Claim("b", "nvidia", "y", "d2", None, "forecast")],
         1.0, {"subject": 1.0, "date": 1.0, "speaker": 1.0, "modality": 1.0}),
        # Wrong subject on the first: it is both a false positive and a miss -> tp 1, fp 1, fn 1 -> 1/2.
        ([Claim("a", "nvidia", "x", "d1", "jensen-huang", "fact"), Claim("b", "nvidia", "y", "d2", None, "forecast")],
         0.5, {"subject": 0.5, "date": 1.0, "speaker": 1.0, "modality": 1.0}),
        # Date null where gold says 2030 -> tp 1, fp 1, fn 1 -> 1/2.
        ([Claim("a", "xai", "x", "d1", "jensen-huang", "fact"), Claim("b", "nvidia", "y", None, None, "forecast")],
         0.5, {"subject": 1.0, "date": 0.5, "speaker": 1.0, "modality": 1.0}),
        # Speaker and modality wrong: only their accuracies drop, the claims stay right -> F 1.
        ([Claim("a", "xai", "x", "d1", None, "forecast"), Claim("b", "nvidia", "y", "d2", None, "forecast")],
         1.0, {"subject": 1.0, "date": 1.0, "speaker": 0.5, "modality": 0.5}),
    ],
)
def test_scorer_claims_subject_and_date(
    pred_claims: list[Claim], expected_f: float, expected_accuracies: dict[str, float]
) -> None:
    # Predicted ids differ from gold ids (a/b, d1/d2): claims are compared through matched quantities and the
    # TIMEX values of their dates, never through ids.
    gold = claims_document(GOLD_CLAIMS)
    pred = claims_document(pred_claims, ids=("a", "b", "d1", "d2"))
    metrics = score([gold], [pred])
    assert metrics["claims_f"] == pytest.approx(expected_f)
    for role, accuracy in expected_accuracies.items():
        assert metrics[f"claims_{role}_acc"] == pytest.approx(accuracy)
    assert metrics["claims_subject_n"] == 2


def test_scorer_claim_on_wrong_value_is_not_anchored() -> None:
    gold = claims_document(GOLD_CLAIMS)
    pred = claims_document(GOLD_CLAIMS, first_value=3000)
    metrics = score([gold], [pred])
    # q1's value differs -> its claim has no anchor: fp 1 and fn 1; q2 right -> tp 1 -> P = R = F = 1/2.
    # Accuracies are judged on the one anchored pair only.
    assert metrics["claims_p"] == metrics["claims_r"] == 0.5
    assert metrics["claims_subject_n"] == 1
    assert [s["reason"] for s in metrics["errors"]["d1"]["spurious"] if s["layer"] == "claims"] == [
        "quantity value or unit differs"
    ]


def test_scorer_predictions_outside_body_are_spurious() -> None:
    inside = quantity("q1", "environ 2 000 puces", 2000, "count", "approx")
    outside = quantity("q9", "5 000 milliards de dollars", 5e12, "USD")
    straddling = Entity(BODY_END - 6, BODY_END + 5, TEXT[BODY_END - 6:BODY_END + 5], "PRODUCT", "puces")
    gold = document(entities=[entity("Nvidia", "ORG", "nvidia")], quantities=[inside],
                    claims=[Claim("q1", "xai", "puces", None, None, "fact")])
    pred = document(
        entities=[entity("Nvidia", "ORG", "nvidia"), entity("Nvidia", "ORG", "nvidia", occurrence=3), straddling],
        quantities=[inside, outside],
        claims=[Claim("q1", "xai", "puces", None, None, "fact"), Claim("q9", "nvidia", "valeur", None, None, "fact")],
    )
    metrics = score([gold], [pred])
    # Entities: Nvidia in the body right; "Lire aussi : Nvidia" and the entity crossing the body end are spurious
    # -> tp 1, fp 2, fn 0 -> P 1/3, R 1.
    assert metrics["ents_strict_p"] == pytest.approx(1 / 3)
    assert metrics["ents_relaxed_p"] == pytest.approx(1 / 3)
    assert metrics["ents_strict_r"] == 1.0
    assert metrics["ents_outside_body"] == 2
    # Quantities and claims: one right, one outside -> P 1/2, R 1.
    assert metrics["quantities_span_p"] == metrics["quantities_norm_p"] == 0.5
    assert metrics["claims_p"] == 0.5
    assert metrics["claims_r"] == 1.0
    assert (metrics["quantities_outside_body"], metrics["claims_outside_body"], metrics["dates_outside_body"]) == (
        1, 1, 0)
    assert sum(s["outside_body"] for s in metrics["errors"]["d1"]["spurious"]) == 4


def test_scorer_missing_predicted_document() -> None:
    gold_a = document("a", entities=[entity("Nvidia", "ORG", "nvidia")])
    gold_b = document("b", entities=[entity("xAI", "ORG", "xai"), entity("Jensen Huang", "PER", "jensen-huang")])
    pred_a = document("a", entities=[entity("Nvidia", "ORG", "nvidia")])
    pred_without_gold = document("c", entities=[entity("xAI", "ORG", "xai")])
    metrics = score([gold_a, gold_b], [pred_a, pred_without_gold])
    # a: tp 1; b (no prediction): fn 2; c (no gold): ignored -> tp 1, fp 0, fn 2 -> P 1, R 1/3, F 1/2.
    assert (metrics["ents_strict_p"], metrics["ents_strict_f"]) == (1.0, 0.5)
    assert metrics["ents_strict_r"] == pytest.approx(1 / 3)
    assert metrics["docs_scored"] == 2
    assert metrics["docs_without_prediction"] == 1
    assert metrics["per_doc"]["b"]["predicted"] is False
    assert metrics["per_doc"]["b"]["ents_strict_r"] == 0.0
    assert metrics["per_doc"]["a"]["ents_strict_f"] == 1.0
    assert set(metrics["per_doc"]) == {"a", "b"}
    assert len(metrics["errors"]["b"]["misses"]) == 2


def test_scorer_empty_layers_give_none() -> None:
    gold = document(entities=[entity("Nvidia", "ORG", "nvidia")])
    metrics = score([gold], [document(entities=[entity("Nvidia", "ORG", "nvidia")])])
    # Nothing on either side in quantities, dates and claims: nothing was scored.
    for key in ("quantities_span_p", "quantities_norm_f", "dates_span_r", "dates_norm_f", "claims_f",
                "quantities_bound_acc", "dates_type_acc", "claims_subject_acc", "claims_modality_acc"):
        assert metrics[key] is None, key
    assert metrics["quantities_bound_n"] == 0
    assert metrics["ents_strict_f"] == 1.0


def test_scorer_nothing_predicted_against_gold_gives_zero() -> None:
    gold = document(quantities=[quantity("q1", "environ 2 000 puces", 2000, "count", "approx")])
    metrics = score([gold], [document()])
    # tp 0, fp 0, fn 1: recall 0; precision 0 by convention (something was there to find) -> F 0.
    assert (metrics["quantities_span_p"], metrics["quantities_span_r"], metrics["quantities_span_f"]) == (0.0, 0.0, 0.0)
    assert metrics["quantities_bound_acc"] is None


def test_scorer_duplicate_gold_doc_id_is_an_error() -> None:
    with pytest.raises(ValueError, match="duplicate doc_id"):
        score([document("a"), document("a")], [])
