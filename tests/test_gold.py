import io
import json
from pathlib import Path

import pytest

from pipeline.evaluation.gold import TIMEX_VALUE, GoldSourceError, build_gold, check_gold_file, locate
from pipeline.records import write_documents

ROOT = Path(__file__).resolve().parent.parent


def test_gold_file_is_valid_and_covers_the_corpus() -> None:
    assert check_gold_file(ROOT / "gold" / "seeds.jsonl", ROOT / "corpus") == []
    ids = [json.loads(line)["doc_id"] for line in (ROOT / "gold" / "seeds.jsonl").read_text().splitlines()]
    assert sorted(ids) == sorted(p.stem for p in (ROOT / "corpus").glob("*.txt"))


def test_gold_file_is_exactly_what_its_sources_build() -> None:
    buffer = io.StringIO()
    write_documents(build_gold(ROOT / "gold" / "src", ROOT / "corpus"), buffer)
    assert buffer.getvalue() == (ROOT / "gold" / "seeds.jsonl").read_text(encoding="utf-8")


def test_gold_locate_whole_words_occurrence_anchor_and_no_break_space() -> None:
    text = "Huang parle. Jensen Huang répond à Huang\u00a0Junior."
    assert locate(text, "Huang", occurrence=2) == (20, 25)
    assert locate(text, "Huang", anchor="à Huang") == (35, 40)
    assert locate(text, "Huang Junior") == (35, 47)
    with pytest.raises(GoldSourceError, match="occurs 3 times"):
        locate(text, "Huang")
    with pytest.raises(GoldSourceError, match="not found"):
        locate(text, "Hua")


def test_gold_check_reports_each_broken_rule(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d.txt").write_text("Nvidia vend 2 000 puces.\nLe plus lu", encoding="utf-8")
    record = {
        "doc_id": "d", "text_sha256": "0" * 64, "lang": "fr", "dct": None, "body": {"start": 0, "end": 24},
        "entities": [{"start": 0, "end": 6, "text": "Nvidia", "label": "COMPANY", "id": "Nvidia"}],
        "quantities": [
            {"id": "q1", "start": 12, "end": 23, "text": "2 000 puces", "value": 2000, "value_max": None,
             "unit": "count", "bound": "exact", "vague": False},
            {"id": "q1", "start": 12, "end": 17, "text": "2 000", "value": 2000, "value_max": 3000,
             "unit": "count", "bound": "exact", "vague": False},
            {"id": "q3", "start": 25, "end": 35, "text": "Le plus lu", "value": 1, "value_max": None,
             "unit": "count", "bound": "exact", "vague": False, "direction": "sideways"},
        ],
        "dates": [],
        "claims": [{"quantity": "q9", "subject": "amd", "concept": "puces", "date": "t1", "speaker": None,
                    "modality": "sure", "repeat_of": "q7"}],
    }
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    messages = "\n".join(str(p) for p in check_gold_file(path, corpus))
    for expected in ("text_sha256 differs", "label 'COMPANY'", "not a lowercase ASCII slug", "duplicate id 'q1'",
                     "value_max is set exactly when bound is 'range'", "overlap", "outside the body",
                     "'q9' is not a quantity id", "'t1' is not a date id", "subject 'amd'", "modality 'sure'",
                     "quantities without a claim", "direction 'sideways' not in",
                     "repeated figure 'q7' is not a quantity id"):
        assert expected in messages


def test_gold_sets_label_a_direction_only_on_figures_that_state_a_change() -> None:
    """Every claim of class growth (a rate of change) has a direction in every gold set; a direction is up or down."""
    gold_files = [ROOT / "gold" / "seeds.jsonl", *sorted((ROOT / "tests").glob("**/gold.jsonl"))]
    directions = []
    for path in gold_files:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            quantities = {q["id"]: q for q in record["quantities"]}
            directions += [q["direction"] for q in quantities.values() if "direction" in q]
            for claim in record["claims"]:
                if claim.get("concept_class") == "growth":
                    assert "direction" in quantities[claim["quantity"]], (path, record["doc_id"], claim)
    assert set(directions) == {"up", "down"}


@pytest.mark.parametrize("value", [
    "2025-07-20", "2025-01", "2025-02-23T19:19", "P5Y", "XXXX-04-22", "XXXX-WXX-5", "XXXX-WXX-1T16",
    "2025-08-27TEV", "(2025-05,2025-07,P2M)", "(T16,T18,PT2H)", "(2020,2024,P4Y)", "2025-Q2", "2025-H2", "2025-SU",
    "PRESENT_REF", "202", "PT2H",
])
def test_gold_check_accepts_the_guidelines_timex_values(value: str) -> None:
    assert TIMEX_VALUE.fullmatch(value)


@pytest.mark.parametrize("value", ["hello", "P", "PT", "2025-Q5", "(2025,2025)", "2025-13-01T"])
def test_gold_check_rejects_other_timex_values(value: str) -> None:
    assert not TIMEX_VALUE.fullmatch(value)
