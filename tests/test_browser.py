"""The claims browser (``python -m pipeline browse``): its Datasette metadata, its canned queries on a real store, and
its pages in headless Chromium."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.views import browser
from pipeline.views.figures import format_figure

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
HAS_PLAYWRIGHT = importlib.util.find_spec("playwright") is not None
# Two articles of corpus/ (OpenAI's and xAI's chips) and one press article with power figures, facts and forecasts.
ARTICLES = (
    ROOT / "corpus" / "001_d0949c9f1e4526a6.txt",
    ROOT / "corpus" / "002_2c5cca89cfe92403.txt",
    ROOT / "tests" / "press" / "train" / "corpus" / "p31.txt",
)


# --- metadata and templates (no store, no browser) -------------------------------------------------------------


def test_metadata_has_the_facets_and_canned_queries_under_the_store_name() -> None:
    metadata = browser.browser_metadata("claims")
    database = metadata["databases"]["claims"]
    assert database["tables"]["claims_browser"]["facets"] == [
        "subject_name", "concept_class", "unit", "modality", "year"]
    assert set(database["queries"]) == {
        "power_by_company", "money_by_company", "chips_by_company", "company_timeline", "article"}
    assert ":subject" in database["queries"]["company_timeline"]["sql"]
    assert {":doc_id", ":quantity_id"} <= set(database["queries"]["article"]["sql"].split())
    assert browser.database_name(Path("out/claims.sqlite")) == "claims"


def test_article_template_is_named_for_the_database_and_marks_the_sentence(tmp_path: Path) -> None:
    path, base = browser.write_templates(tmp_path, "claims")
    assert path.name == "query-claims-article.html"
    template = path.read_text(encoding="utf-8")
    assert "<mark>" in template and '{% for mention in rows %}' in template and "<strong>" in template
    # Every page extends Datasette's own base with the browser's styles (a figure never breaks over two lines).
    assert base.name == "base.html" and '{% extends "default:base.html" %}' in base.read_text(encoding="utf-8")
    assert "td.col-figure" in base.read_text(encoding="utf-8")


def test_links_escape_their_parameters_and_carry_the_chart() -> None:
    assert browser.article_path("/claims", "a&b", "q1") == "/claims/article?doc_id=a%26b&quantity_id=q1"
    timeline = browser.timeline_path("/claims", "nvidia", "W")
    assert timeline.startswith("/claims/company_timeline?subject=nvidia&unit=W#")
    assert "g.mark=circle" in timeline and "g.x_column=period" in timeline and "g.y_column=value" in timeline


def test_browse_refuses_a_missing_store(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "browse", str(tmp_path / "none.sqlite")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "none.sqlite: no such store" in result.stderr
    assert not (tmp_path / "none.sqlite").exists()


# --- a real store ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of ARTICLES, extracted by the CLI, with their manifest rows (publication dates)."""
    folder = tmp_path_factory.mktemp("browser-articles")
    rows: list[dict[str, str]] = []
    for article in ARTICLES:
        shutil.copy(article, folder / article.name)
        with (article.parent / "manifest.csv").open(encoding="utf-8") as handle:
            rows += [row for row in csv.DictReader(handle) if row["doc_id"] == article.stem]
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    path = folder.parent / "claims.sqlite"
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(folder), "--db", str(path), "--quiet"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    browser.prepare_store(path)
    return path


def _query(store: Path, sql: str, **params: str) -> list[sqlite3.Row]:
    connection = sqlite3.connect(store)
    connection.row_factory = sqlite3.Row
    browser.prepare_connection(connection)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def _power_by_subject(store: Path) -> dict[str, tuple[str | None, str | None]]:
    """The facts' and the forecasts' W totals per subject, summed here from the view's rows (levels only: a figure
    that states a change is not added to them)."""
    totals: dict[str, dict[str, float]] = {}
    for row in _query(store, "SELECT subject, modality, value FROM claims_readable WHERE unit = 'W' "
                             "AND direction IS NULL"):
        if row["subject"] and row["modality"] in ("fact", "forecast"):
            by_modality = totals.setdefault(row["subject"], {})
            by_modality[row["modality"]] = by_modality.get(row["modality"], 0.0) + row["value"]
    return {subject: tuple(format_figure(t[m], "W") if m in t else None for m in ("fact", "forecast"))
            for subject, t in totals.items()}


def test_year_is_the_period_year_else_the_publication_year(store: Path) -> None:
    rows = _query(store, "SELECT period_start, dct, year FROM claims_browser")
    assert rows
    for row in rows:
        expected = (row["period_start"] or row["dct"] or "")[:4] or None
        assert row["year"] == expected


def test_canned_queries_sum_power_apart_and_count_chips(store: Path) -> None:
    power = _query(store, browser.CANNED_QUERIES["power_by_company"]["sql"])
    shown = {row["subject"]: (row["facts_total"], row["forecasts_total"]) for row in power}
    assert shown == _power_by_subject(store)
    # "OpenAI s'offre 6 GW de GPU AMD" (the press article's title, a fact) counts once (its body repeats it), and
    # OpenAI's forecasts ("jusqu'à 2 kW" per chip at least) are summed apart from its facts
    facts, forecasts = shown["openai"]
    assert facts in ("6 GW", "8 GW") and forecasts
    chips = {row["subject"]: row for row in _query(store, browser.CANNED_QUERIES["chips_by_company"]["sql"])}
    assert {"openai", "xai"} <= set(chips)
    assert chips["xai"]["forecasts_largest"] == format_figure(550_000, "count")  # "environ 550 000" GPU
    counted = _query(store, "SELECT subject, modality, unit, value, direction FROM claims_readable "
                            "WHERE concept_class = 'hardware_count' AND subject = 'openai'")
    assert {row["unit"] for row in counted} - {"count"}, "the store should hold a chip figure that is not a count"
    expected = sum(row["value"] for row in counted
                   if row["unit"] == "count" and row["modality"] == "forecast" and row["direction"] is None)
    assert chips["openai"]["forecasts_total_value"] == pytest.approx(expected)
    money = _query(store, browser.CANNED_QUERIES["money_by_company"]["sql"])
    assert money and all(len(row["unit"]) == 3 and row["unit"].isupper() for row in money)


def test_timeline_is_one_subject_in_period_order(store: Path) -> None:
    rows = _query(store, browser.CANNED_QUERIES["company_timeline"]["sql"], subject="OpenAI", unit="")
    assert rows and {row["subject_name"] for row in rows} == {"OpenAI"}
    periods = [row["period"] for row in rows if row["period"]]
    assert periods == sorted(periods)
    assert _query(store, browser.CANNED_QUERIES["company_timeline"]["sql"], subject="openai", unit="W")


# --- the pages, in headless Chromium -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    """The browse command serving the store; yields the database's base URL."""
    port = _free_port()
    log = store.with_suffix(".browse.log")
    with log.open("w", encoding="utf-8") as output:  # a file, not a pipe: a chatty server never blocks on it
        process = subprocess.Popen([sys.executable, "-m", "pipeline", "browse", str(store), "--port", str(port)],
                                   cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"browse did not start: {log.read_text(encoding='utf-8')}") from error
                time.sleep(0.3)
        yield f"{base}/{browser.database_name(store)}"
    finally:
        process.terminate()
        process.wait(timeout=10)


needs_chromium = pytest.mark.skipif(
    not (CHROMIUM.exists() and HAS_PLAYWRIGHT),
    reason="needs /usr/bin/chromium and the playwright package (pip install -e '.[dev]'; apt-get install chromium)",
)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield chromium.new_page()
        finally:
            chromium.close()


@needs_chromium
def test_claims_page_shows_the_facets(server: str, page, store: Path) -> None:
    page.goto(f"{server}/claims_browser")
    for facet in browser.FACETS:
        assert page.locator(f"#facet-{facet}").is_visible()
    subjects = page.locator("#facet-subject_name li").all_inner_texts()
    assert any(text.startswith("OpenAI") for text in subjects)
    years = {row["year"] for row in _query(store, "SELECT DISTINCT year FROM claims_browser WHERE year IS NOT NULL")}
    shown_years = " ".join(page.locator("#facet-year li").all_inner_texts())
    assert all(year in shown_years for year in years)


@needs_chromium
def test_power_query_page_shows_the_totals(server: str, page, store: Path) -> None:
    page.goto(f"{server}/power_by_company")
    subjects = page.locator("td.col-subject").all_inner_texts()
    facts = page.locator("td.col-facts_total").all_inner_texts()
    forecasts = page.locator("td.col-forecasts_total").all_inner_texts()
    shown = {s: (f.strip() or None, c.strip() or None) for s, f, c in zip(subjects, facts, forecasts, strict=True)}
    assert shown == _power_by_subject(store)
    openai = page.locator("td.col-subject_name a", has_text="OpenAI")
    assert "subject=openai&unit=W#" in openai.get_attribute("href")


@needs_chromium
def test_a_claims_figure_opens_its_article_with_the_sentence_marked(server: str, page, store: Path) -> None:
    claim = _query(store, "SELECT * FROM claims_readable WHERE subject = 'openai' AND unit = 'W' "
                          "AND modality = 'fact' ORDER BY quantity_start LIMIT 1")[0]
    page.goto(f"{server}/claims_browser?doc_id={claim['doc_id']}&quantity_id={claim['quantity_id']}")
    page.locator("td.col-figure a").first.click()
    page.wait_for_selector("div.article-text mark")
    assert page.locator("div.article-text mark").first.inner_text().strip() == claim["sentence"].strip()
    assert claim["quantity_text"] in page.locator("mark").first.inner_text()
    assert page.locator("h1.article-title").inner_text() == claim["title"]
    # The whole article is there, the sentence at its place.
    assert page.locator("div.article-text").inner_text().count(claim["sentence"].strip()) >= 1
    assert len(page.locator("div.article-text").inner_text()) > 5 * len(claim["sentence"])


@needs_chromium
def test_a_subjects_timeline_draws_its_chart(server: str, page) -> None:
    page.goto(f"{server}/claims_browser?subject=openai&unit=count")
    page.locator("td.col-subject_name a").first.click()
    page.wait_for_selector("svg.marks, canvas.marks", timeout=20_000)
    assert page.locator("td.col-subject_name").first.inner_text() == "OpenAI"
    assert "company_timeline" in page.url and "g.mark=" in page.url


def test_a_figure_stated_twice_is_one_row_with_its_mentions(store: Path) -> None:
    """xAI's title is printed twice ("Elon Musk investit des milliards ..."): one claims_readable row for that
    figure, with two mentions; the claims table keeps both claims, the second a repeat of the first."""
    rows = _query(store, "SELECT quantity_id, mentions FROM claims_readable WHERE doc_id = '002_2c5cca89cfe92403' "
                         "AND quantity_text = 'des milliards'")
    assert [(row["quantity_id"], row["mentions"]) for row in rows] == [("q1", 2)]
    claims = _query(store, "SELECT quantity_id, repeat_of FROM claims WHERE doc_id = '002_2c5cca89cfe92403' "
                           "AND quantity_id IN ('q1', 'q2') ORDER BY quantity_id")
    assert [tuple(row) for row in claims] == [("q1", None), ("q2", "q1")]


@needs_chromium
def test_an_article_page_marks_every_sentence_of_a_repeated_figure(server: str, page, store: Path) -> None:
    claim = _query(store, "SELECT * FROM claims_readable WHERE mentions > 1 ORDER BY doc_id, quantity_start")[0]
    sentences = _query(store, "SELECT DISTINCT sentence_start FROM claims WHERE doc_id = :doc AND "
                              "(quantity_id = :q OR repeat_of = :q)", doc=claim["doc_id"], q=claim["quantity_id"])
    page.goto(browser.article_path(server, claim["doc_id"], claim["quantity_id"]))
    page.wait_for_selector("div.article-text mark")
    assert page.locator("div.article-text mark").count() == len(sentences) > 1
    # The figure itself is set in bold inside its sentence.
    assert claim["quantity_text"] in page.locator("div.article-text mark strong").first.inner_text()
    assert f"states this figure {claim['mentions']} times" in page.locator("p.article-mentions").inner_text()
