"""End-to-end: the CLI as a user runs it, on corpus/ and on bad inputs (one subprocess per scenario)."""

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCHEMA = json.loads((ROOT / "pipeline" / "schema" / "document.schema.json").read_text(encoding="utf-8"))


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("run")
    result = run_cli("extract", str(CORPUS), "--out", str(out / "claims.jsonl"), "--db", str(out / "claims.sqlite"))
    return out / "claims.jsonl", out / "claims.sqlite", result


def test_cli_extract_corpus_one_valid_record_per_article(corpus_run) -> None:
    jsonl, _, result = corpus_run
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "5 articles, 5 extracted, 0 failed"
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == sorted(p.stem for p in CORPUS.glob("*.txt"))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for record in records:
        validator.validate(record)
        text = (CORPUS / f"{record['doc_id']}.txt").read_text(encoding="utf-8")
        for layer in ("entities", "quantities", "dates"):
            for item in record[layer]:
                assert text[item["start"] : item["end"]] == item["text"]
                assert record["body"]["start"] <= item["start"] and item["end"] <= record["body"]["end"]
        quantity_ids = {q["id"] for q in record["quantities"]}
        assert {c["quantity"] for c in record["claims"]} <= quantity_ids
    assert sum(len(r["quantities"]) for r in records) > 0 and sum(len(r["dates"]) for r in records) > 0
    assert next(r for r in records if r["doc_id"].startswith("003"))["dct"] == "2025-02-23"


def test_cli_extract_rerun_with_store_is_incremental_without_duplicates(corpus_run, tmp_path: Path) -> None:
    _, db, _ = corpus_run
    before = _counts(db)
    result = run_cli("extract", str(CORPUS), "--out", str(tmp_path / "again.jsonl"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "5 articles, 0 extracted, 5 unchanged, 0 failed"
    assert _counts(db) == before and before["documents"] == 5


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        tables = ("documents", "entities", "quantities", "dates", "claims")
        return {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def test_cli_bad_inputs_reported_and_the_rest_extracted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "003_546742847a512ba8.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03\x04 binaire")
    (folder / "latin1.txt").write_bytes("Nvidia a vendu 2 000 puces à l’été.".encode("cp1252"))
    with (folder / "big.txt").open("wb") as handle:  # 10 MB (sparse): refused before it is read
        handle.truncate(10 * 1024 * 1024)
    (folder / "more.jsonl").write_text('{"id": "j1", "text": "OpenAI achète 100 000 GPU."}\n{oops\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli(
        "extract", str(folder), str(tmp_path / "missing.txt"), "--out", str(out), "--db", str(tmp_path / "s.sqlite")
    )
    assert result.returncode == 1
    stderr = result.stderr
    assert f"{folder / 'empty.txt'}: empty text" in stderr
    assert f"{folder / 'binary.txt'}: binary file" in stderr
    assert f"{folder / 'more.jsonl'}:2: malformed JSON" in stderr
    assert f"{tmp_path / 'missing.txt'}: no such file" in stderr
    assert f"{folder / 'big.txt'}: file of 10,485,760 bytes exceeds what --max-chars allows" in stderr
    assert f"{folder / 'latin1.txt'}: warning: not valid UTF-8; decoded as cp1252" in stderr
    assert stderr.strip().splitlines()[-1] == "8 articles, 3 extracted, 5 failed"
    ids = [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["good", "latin1", "j1"]
    with sqlite3.connect(tmp_path / "s.sqlite") as connection:
        assert connection.execute("SELECT COUNT(*) FROM errors").fetchone()[0] == 5


@pytest.mark.parametrize("option", ["--out", "--db"])
def test_cli_extract_never_overwrites_an_input(tmp_path: Path, option: str) -> None:
    articles = tmp_path / "in.jsonl"
    articles.write_text('{"id": "a", "text": "Nvidia a vendu 3 millions de GPU."}\n', encoding="utf-8")
    before = articles.read_bytes()
    result = run_cli("extract", str(articles), option, str(articles))
    assert result.returncode == 2
    assert result.stderr == f"error: {option} {articles} is read as an input of this run; not overwritten\n"
    assert articles.read_bytes() == before


@pytest.mark.parametrize(("option", "value"), [("--max-chars", "-1"), ("--batch-size", "0")])
def test_cli_extract_refuses_counts_below_one(tmp_path: Path, option: str, value: str) -> None:
    result = run_cli("extract", str(tmp_path), option, value)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith(f"error: argument {option}: must be at least 1, not {value}")


def test_cli_extract_to_stdout(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Selon Nvidia, plus de 40 000 entreprises utilisent ses GPU en 2024.", encoding="utf-8")
    result = run_cli("extract", str(article))
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["doc_id"] == "a"
    assert [(q["value"], q["unit"], q["bound"]) for q in record["quantities"]] == [(40000.0, "count", "min")]


def test_cli_gold_check_passes_on_the_gold() -> None:
    result = run_cli("gold", "check", "gold/seeds.jsonl")
    assert result.returncode == 0, result.stderr
    assert "0 problem(s)" in result.stdout


def test_cli_export_csv_of_the_readable_claims_filtered(corpus_run, tmp_path: Path) -> None:
    import csv

    jsonl, db, _ = corpus_run
    out = tmp_path / "power.csv"
    result = run_cli("export", str(db), "--where", "unit = 'W' AND bound != 'range'", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows and all(row["unit"] == "W" for row in rows)
    assert all(row["figure"].split()[-1] in ("W", "kW", "MW", "GW", "TW") for row in rows)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    for row in rows:
        text = texts[row["doc_id"]]
        assert row["sentence"] == text[int(row["sentence_start"]) : int(row["sentence_end"])]
        assert int(row["sentence_start"]) <= int(row["quantity_start"]) < int(row["sentence_end"])
        assert row["title"] == text.strip().splitlines()[0].strip()
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    power_claims = [c for r in records for c in r["claims"] if "repeat_of" not in c  # one row per figure
                    and next(q for q in r["quantities"] if q["id"] == c["quantity"])["unit"] == "W"
                    and next(q for q in r["quantities"] if q["id"] == c["quantity"])["bound"] != "range"]
    assert len(rows) == len(power_claims)


def test_cli_export_parquet_keeps_types(corpus_run, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    _, db, _ = corpus_run
    out = tmp_path / "claims.parquet"
    result = run_cli("export", str(db), "--format", "parquet", "--out", str(out))
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    with sqlite3.connect(db) as connection:  # one row per figure: a repeated figure's later mentions are counted
        claims = connection.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        repeats = connection.execute("SELECT COUNT(*) FROM claims WHERE repeat_of IS NOT NULL").fetchone()[0]
    assert table.num_rows == claims - repeats and repeats > 0
    assert sum(table.column("mentions").to_pylist()) == claims
    assert str(table.schema.field("mentions").type) == "int64"
    assert str(table.schema.field("value").type) == "double"
    assert str(table.schema.field("sentence_start").type) == "int64"
    assert str(table.schema.field("vague").type) == "bool"
    dated = [row for row in table.to_pylist() if row["date_value"] and row["date_value"][:4].isdigit()]
    assert dated and all(row["period_start"] <= row["period_end"] for row in dated)


def test_cli_export_refuses_a_missing_store_a_bad_condition_and_parquet_to_stdout(corpus_run, tmp_path: Path) -> None:
    _, db, _ = corpus_run
    missing = run_cli("export", str(tmp_path / "none.sqlite"))
    assert missing.returncode == 2 and "no such store" in missing.stderr
    assert not (tmp_path / "none.sqlite").exists()
    bad = run_cli("export", str(db), "--where", "nope = 1")
    assert bad.returncode == 2 and "no such column: nope" in bad.stderr
    writing = run_cli("export", str(db), "--where", "1; DELETE FROM claims")
    assert writing.returncode == 2
    no_out = run_cli("export", str(db), "--format", "parquet")
    assert no_out.returncode == 2 and "--out" in no_out.stderr


def test_cli_summary_shows_readable_figures(corpus_run) -> None:
    jsonl, _, _ = corpus_run
    result = run_cli("summary", str(jsonl))
    assert result.returncode == 0, result.stderr
    assert "≈ 200 EFLOP/s" in result.stdout and "1 500–2 000 Md$" in result.stdout
    assert "e+" not in result.stdout


def test_cli_summary_says_how_many_claims_it_leaves_out(corpus_run) -> None:
    jsonl, _, _ = corpus_run
    total = sum(1 for line in jsonl.read_text(encoding="utf-8").splitlines()  # one row per figure
                for claim in json.loads(line)["claims"] if "repeat_of" not in claim)
    result = run_cli("summary", str(jsonl), "--max-claims", "3")
    assert result.returncode == 0, result.stderr
    assert f"({total - 3} more claims not shown; raise --max-claims to see them)" in result.stdout
    assert "more claims not shown" not in run_cli("summary", str(jsonl), "--max-claims", str(total)).stdout


@pytest.mark.parametrize(
    "command",
    [["summary"], ["claims"], ["gold", "check"], ["evaluate", "--gold", "gold/seeds.jsonl", "--pred"],
     ["evaluate", "--pred", "gold/seeds.jsonl", "--gold"]],
)
def test_cli_missing_or_binary_file_is_one_line_and_status_2(tmp_path: Path, command: list[str]) -> None:
    binary = tmp_path / "image.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"doc_id": "é"}\n'.encode("cp1252"))
    for path, message in [
        (tmp_path / "missing.jsonl", f"{tmp_path / 'missing.jsonl'}: No such file or directory"),
        (binary, f"{binary}: binary data, not JSON lines"),
        (latin, f"{latin}:1: not valid UTF-8 (byte 12 of the line)"),
        (tmp_path, f"{tmp_path}: Is a directory"),
    ]:
        result = run_cli(*command, str(path))
        assert (result.returncode, result.stderr, result.stdout) == (2, f"error: {message}\n", ""), path


def test_cli_output_cut_short_by_head_exits_quietly(corpus_run, tmp_path: Path) -> None:
    jsonl, _, _ = corpus_run
    many = tmp_path / "many.jsonl"
    many.write_text(jsonl.read_text(encoding="utf-8") * 40, encoding="utf-8")  # a summary far above a pipe's buffer
    with subprocess.Popen([sys.executable, "-m", "pipeline", "summary", str(many), "--max-claims", "100000"], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as reader:
        assert reader.stdout.readline().startswith(b"| doc_id")
        reader.stdout.close()  # what "| head -1" does once it has its line
        stderr = reader.stderr.read()
        reader.wait(timeout=60)
    assert (reader.returncode, stderr) == (141, b"")


def test_cli_extract_help_names_every_input_kind() -> None:
    result = run_cli("extract", "--help")
    assert result.returncode == 0
    help_text = " ".join(result.stdout.split())
    assert all(kind in help_text for kind in (".txt", ".html", ".jsonl", ".gz"))


def test_cli_readme_gold_lines_run_as_written() -> None:
    """The README's gold commands, their optional arguments left out, run from the repository root."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if "-m pipeline gold check" in line)
    words = re.sub(r"\[[^\]]*\]", "", line.split("#")[0]).split()
    assert words[:3] == [".venv/bin/python", "-m", "pipeline"]
    result = run_cli(*words[3:])
    assert result.returncode == 0, result.stderr
    assert "0 problem(s)" in result.stdout
