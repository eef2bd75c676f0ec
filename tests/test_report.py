"""The markdown table, the HTML page, the thresholds, the history, and the gold scored against itself."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluation.evaluate import run_evaluation
from pipeline.evaluation.report import CHANGE_LEGEND, ROWS, annotation_label, html_report, markdown_table
from pipeline.evaluation.scorer import score
from pipeline.evaluation.thresholds import (
    check_thresholds,
    headline_metrics,
    load_previous,
    read_thresholds,
    save_metrics,
)
from pipeline.records import Claim, Document, Entity, Quantity, Span, Timex, read_documents, write_documents

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "gold" / "seeds.jsonl"
THRESHOLDS = ROOT / "gold" / "thresholds"
CORPUS = ROOT / "corpus"

TEXT = "Nvidia a livré environ 2 000 puces à xAI en janvier 2025.\nLire aussi : Nvidia"
BODY = Span(0, TEXT.index("\nLire"))


def _at(surface: str) -> tuple[int, int]:
    start = TEXT.index(surface)
    return start, start + len(surface)


def _documents() -> tuple[Document, Document]:
    quantity = Quantity("q1", *_at("environ 2 000 puces"), "environ 2 000 puces", 2000, None, "count", "approx", False)
    gold = Document(
        doc_id="d1", text_sha256="0" * 64, lang="fr", dct=None, body=BODY,
        entities=[Entity(*_at("Nvidia"), "Nvidia", "ORG", "nvidia"), Entity(*_at("xAI"), "xAI", "ORG", "xai")],
        quantities=[quantity],
        dates=[Timex("t1", *_at("janvier 2025"), "janvier 2025", "DATE", "2025-01")],
        claims=[Claim("q1", "xai", "puces", "t1", None, "fact", "hardware_count")],
    )
    # Misses xAI, reads the date as 2024-01, and adds a spurious Nvidia after the body.
    outside_start = TEXT.rindex("Nvidia")
    pred = Document(
        doc_id="d1", text_sha256="0" * 64, lang="fr", dct=None, body=BODY,
        entities=[Entity(*_at("Nvidia"), "Nvidia", "ORG", "nvidia"),
                  Entity(outside_start, outside_start + 6, "Nvidia", "ORG", "nvidia")],
        quantities=[quantity],
        dates=[Timex("t1", *_at("janvier 2025"), "janvier 2025", "DATE", "2024-01")],
        claims=[Claim("q1", "xai", "puces", "t1", None, "fact", "hardware_count")],
    )
    return gold, pred


@pytest.fixture(scope="module")
def scored() -> tuple[Document, Document, dict[str, Any]]:
    gold, pred = _documents()
    return gold, pred, score([gold], [pred])


@pytest.fixture(scope="module")
def seed_metrics() -> dict[str, Any]:
    seeds = list(read_documents(SEEDS))
    return score(seeds, seeds)


def _table_rows(markdown: str) -> list[list[str]]:
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def test_report_markdown_table_one_row_per_measure(scored: tuple[Document, Document, dict[str, Any]]) -> None:
    _, _, metrics = scored
    rows = _table_rows(markdown_table(metrics))
    assert [row[0] for row in rows] == [row.title for row in ROWS]
    for cells in rows:
        # Every row carries at least one number (P/R/F or an accuracy), but a measure with nothing to judge: no
        # figure of these documents states a change, so the direction rows show a dash.
        if cells[0].startswith("Quantity direction"):
            assert set(cells[1:5]) <= {"–", ""}, cells
            continue
        assert any(re.fullmatch(r"\d\.\d{3}", cell) for cell in cells[1:5]), cells
    entities_strict = rows[0]
    # Nvidia right, xAI missed, Nvidia after the body spurious: tp 1, fp 1, fn 1 -> 0.500 everywhere.
    assert entities_strict[1:4] == ["0.500", "0.500", "0.500"]


def test_report_markdown_table_shows_change(scored: tuple[Document, Document, dict[str, Any]]) -> None:
    _, _, metrics = scored
    previous = {**headline_metrics(metrics), "ents_strict_f": 0.25, "dates_norm_f": None}
    rows = {row[0]: row for row in _table_rows(markdown_table(metrics, previous))}
    assert rows["Entities (strict)"][3] == "0.500 (+0.250)"
    assert rows["Entities (strict)"][1] == "0.500 (±0)"
    assert rows["Dates (normalized)"][3] == "0.000"  # no previous value: no change shown
    # The brackets are explained under the table, and only when they are shown.
    assert CHANGE_LEGEND in markdown_table(metrics, previous) and "(±0): unchanged" in CHANGE_LEGEND
    assert CHANGE_LEGEND not in markdown_table(metrics)
    gold, pred = _documents()
    assert CHANGE_LEGEND in html_report([gold], [pred], {"d1": TEXT}, metrics, previous)


def test_report_html_is_self_contained_with_displacy_spans_and_misses(
    scored: tuple[Document, Document, dict[str, Any]],
) -> None:
    gold, pred, metrics = scored
    page = html_report([gold], [pred], {"d1": TEXT}, metrics)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page)
    assert "<script" not in page and "@import" not in page and "<link" not in page
    assert 'class="spans"' in page  # displaCy's span view
    assert "QTY ≈ 2 000" in page and "DATE 2025-01" in page and "ORG xai" in page
    assert "ORG xai ✗ missed" in page
    assert "Misses (1)" in page and "xAI" in page
    assert "end of the gold body" in page
    assert "outside the gold body" in page  # why the Nvidia after the body is spurious
    assert "2024-01" in page  # the wrong date value is listed


def test_report_labels_stay_on_one_line_and_say_a_factors_direction() -> None:
    """displaCy wraps a label to the width of its token, and a wrapped wrong-value label grew over the words of the
    next line: the page keeps each label on one line. A factor's direction is spelled, so a wrong one shows."""
    gold, pred = _documents()
    page = html_report([gold], [pred], {"d1": TEXT}, score([gold], [pred]))
    assert '.spans span[style*="z-index: 10"] { white-space: nowrap; }' in page
    factor = {"value": 3, "value_max": None, "unit": "x", "bound": "exact", "vague": False}
    assert annotation_label("quantities", {**factor, "direction": "up"}) == "QTY ×3 ↑"
    assert annotation_label("quantities", {**factor, "direction": "down"}) == "QTY ÷3 ↓"
    assert annotation_label("quantities", factor) == "QTY ×3"
    assert annotation_label("quantities", {**factor, "unit": "%", "direction": "down"}) == "QTY −3 %"


def test_report_thresholds_report_failures_and_unknown_keys(
    tmp_path: Path, scored: tuple[Document, Document, dict[str, Any]]
) -> None:
    _, _, metrics = scored
    thresholds = tmp_path / "thresholds"
    thresholds.write_text(
        "# comment\n"
        "ents_strict_f   0.9   # 0.5 is below\n"
        "ents_strct_f    0.0\n"
        "quantities_span_f 0.5\n"
        "claims_subject_acc 0.0\n",
        encoding="utf-8",
    )
    failures = check_thresholds(metrics, thresholds)
    assert len(failures) == 2
    assert failures[0].startswith("ents_strict_f: 0.5000 < minimum 0.9")
    assert "ents_strct_f" in failures[1] and "unknown" in failures[1]


def test_report_thresholds_none_passes_zero_only(tmp_path: Path) -> None:
    thresholds = tmp_path / "thresholds"
    thresholds.write_text("claims_f 0.0\ndates_norm_f 0.1\n", encoding="utf-8")
    failures = check_thresholds({"claims_f": None, "dates_norm_f": None}, thresholds)
    assert failures == ["dates_norm_f: nothing scored (None), minimum 0.1"]


def test_report_thresholds_malformed_line_raises(tmp_path: Path) -> None:
    thresholds = tmp_path / "thresholds"
    thresholds.write_text("claims_f\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":1:"):
        read_thresholds(thresholds)


def test_report_history_round_trip(tmp_path: Path, scored: tuple[Document, Document, dict[str, Any]]) -> None:
    _, _, metrics = scored
    history = tmp_path / "history" / "last.json"
    assert load_previous(history) is None
    save_metrics(history, metrics)
    previous = load_previous(history)
    assert previous is not None
    assert previous["ents_strict_f"] == 0.5
    assert "per_doc" not in previous and "errors" not in previous and "ents_per_type" not in previous


def test_report_gold_scored_against_itself_is_perfect(seed_metrics: dict[str, Any]) -> None:
    for row in ROWS:
        for key in row.keys:
            assert seed_metrics[key] == 1.0, key
    for key in ("ents_outside_body", "quantities_outside_body", "dates_outside_body", "claims_outside_body"):
        assert seed_metrics[key] == 0
    assert all(not any(errors.values()) for errors in seed_metrics["errors"].values())


def test_report_thresholds_file_parses_and_names_real_keys(seed_metrics: dict[str, Any]) -> None:
    thresholds = read_thresholds(THRESHOLDS)
    assert thresholds
    assert set(thresholds) <= set(seed_metrics)
    assert check_thresholds(seed_metrics, THRESHOLDS) == []


def test_report_run_evaluation_writes_reports(tmp_path: Path) -> None:
    seeds = list(read_documents(SEEDS))
    pred_path = tmp_path / "pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as handle:
        write_documents(seeds[1:], handle)  # the first document has no prediction
    outputs = {name: tmp_path / name for name in ("report.html", "metrics.json", "history.json")}
    # A missing document loses recall: entities 87 gold, 69 predicted (the first document holds 18).
    thresholds = tmp_path / "thresholds"
    thresholds.write_text("ents_relaxed_p 1.0\nents_relaxed_r 0.79\n", encoding="utf-8")
    first = run_evaluation(SEEDS, pred_path, CORPUS, html_path=outputs["report.html"],
                           json_path=outputs["metrics.json"], history_path=outputs["history.json"],
                           thresholds_path=thresholds)
    assert all(path.is_file() for path in outputs.values())
    assert first.metrics["docs_without_prediction"] == 1
    assert first.metrics["ents_relaxed_r"] == pytest.approx(69 / 87)
    assert first.threshold_failures == [] and first.passed
    thresholds.write_text("ents_relaxed_r 0.8\n", encoding="utf-8")
    failing = run_evaluation(SEEDS, pred_path, CORPUS, thresholds_path=thresholds)
    assert not failing.passed and failing.threshold_failures[0].startswith("ents_relaxed_r")
    assert "No prediction for this document" in outputs["report.html"].read_text(encoding="utf-8")
    second = run_evaluation(SEEDS, pred_path, CORPUS, history_path=outputs["history.json"])
    assert "(±0)" in second.markdown
