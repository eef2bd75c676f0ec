"""The English path end to end: an English article, declared or identified, is read by the English pipeline; a
language without a pipeline is an error naming it; the other articles of the batch are extracted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ENGLISH = (
    "Acme to Buy 250,000 Nvidia GPUs in $14 Billion Deal\n\n"
    "Acme Corp said on Tuesday it would spend $14 billion on 250,000 Nvidia GPUs for a data center campus in "
    "Texas that will draw up to 1.2 gigawatts when it opens in 2027, chief executive Jane Doe told reporters.\n"
)
FRENCH = (
    "Nvidia a vendu 3 000 GPU à la start-up française, qui construit un centre de données de 40 MW près de Paris.\n"
)
GERMAN = (
    "Die Bundesregierung will bis 2030 zehn Milliarden Euro in neue Rechenzentren investieren, sagte der Minister.\n"
)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict], subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("mixed")
    out = tmp_path_factory.mktemp("out") / "out.jsonl"
    (folder / "acme.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "paris.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "berlin.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "declared.jsonl").write_text(
        json.dumps({"id": "declared", "text": ENGLISH, "lang": "en", "published": "2025-11-04"}) + "\n",
        encoding="utf-8",
    )
    result = run_cli("extract", str(folder), "--out", str(out))
    assert out.is_file(), result.stderr
    records = {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    return records, result


def test_english_identified_and_declared_are_read_as_english(mixed_run) -> None:
    records, _ = mixed_run
    for doc_id in ("acme", "declared"):
        record = records[doc_id]
        assert record["lang"] == "en"
        values = {q["text"]: (q["value"], q["unit"], q["bound"]) for q in record["quantities"]}
        assert values["$14 billion"] == (pytest.approx(1.4e10), "USD", "exact")  # not the French 1.4e13
        assert values["250,000 Nvidia GPUs"] == (250000, "count", "exact")
        assert values["up to 1.2 gigawatts"] == (pytest.approx(1.2e9), "W", "max")
        assert "2027" in [t["value"] for t in record["dates"]]
    assert records["declared"]["dct"] == "2025-11-04"


def test_english_tuesday_resolved_from_the_publication_date(mixed_run) -> None:
    records, _ = mixed_run
    assert ("Tuesday", "2025-11-04") in [(t["text"], t["value"]) for t in records["declared"]["dates"]]


def test_french_article_of_the_same_batch_stays_french(mixed_run) -> None:
    records, _ = mixed_run
    assert records["paris"]["lang"] == "fr"
    assert [q["text"] for q in records["paris"]["quantities"]] == ["3 000 GPU", "40 MW"]


def test_language_without_pipeline_is_an_error_naming_it(mixed_run) -> None:
    records, result = mixed_run
    assert "berlin" not in records
    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if "berlin.txt" in line]
    assert "no pipeline for language 'de'" in line and "identified from the text" in line
    assert result.stderr.strip().splitlines()[-1] == "4 articles, 3 extracted, 1 failed"
