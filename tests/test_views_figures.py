"""Every place an analyst reads a figure shows it the same readable way: the summary, the claims command (figures
across articles), the HTML report's labels, the store's claims_readable view (so the export and the browser's
claims pages) and the browser's figure() SQL function for totals. One figure of each kind: m², hectares, years, %,
FLOP/s, money, GW, and a change."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.evaluation.report import html_report
from pipeline.evaluation.scorer import score
from pipeline.records import Claim, Document, Quantity, Span
from pipeline.runner.store import ClaimStore
from pipeline.views.grouping import group_claims, groups_table
from pipeline.views.summary import summary_table

YEAR = 365.25 * 86400
# (value, unit, bound, value_max, direction, readable figure)
FIGURES = [
    (74322.432, "m2", "exact", None, None, "74 322 m²"),
    (9e5, "m2", "exact", None, None, "90 ha"),
    (15 * YEAR, "s", "exact", None, None, "15 ans"),
    (75.0, "%", "approx", None, None, "≈ 75 %"),
    (2e20, "FLOP/s", "approx", None, None, "≈ 200 EFLOP/s"),
    (1.2e9, "EUR", "exact", None, None, "1,2 Md€"),
    (1.5e12, "USD", "range", 2e12, None, "1 500–2 000 Md$"),
    (2e9, "W", "min", None, None, "≥ 2 GW"),
    (20.0, "%", "exact", None, "down", "−20 %"),
]
TEXT = "".join(f"Figure numéro {i:02d}. " for i in range(len(FIGURES)))


def _document(doc_id: str = "d1") -> Document:
    quantities, claims = [], []
    for i, (value, unit, bound, value_max, direction, _) in enumerate(FIGURES):
        start = TEXT.index(f"{i:02d}")
        quantities.append(Quantity(f"q{i}", start, start + 2, TEXT[start:start + 2], value, value_max, unit, bound,
                                   False, direction))
        claims.append(Claim(f"q{i}", "nvidia", f"mesure {i}", None, None, "fact"))
    return Document(doc_id, "0" * 64, "fr", None, Span(0, len(TEXT)), quantities=quantities, claims=claims)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("figures") / "s.sqlite"
    with ClaimStore(path) as claims:
        claims.put(_document(), "v1", TEXT)
    return path


@pytest.mark.parametrize(("index", "figure"), [(i, row[-1]) for i, row in enumerate(FIGURES)])
def test_every_view_reads_the_figure(store: Path, index: int, figure: str) -> None:
    assert f"| nvidia | {figure} | 1 | mesure {index} |" in summary_table([_document()])
    claims = groups_table(group_claims([_document("a"), _document("b")]))
    assert f"| 2 | 2 | nvidia | {figure} | mesure {index} | a, b |" in claims
    gold = _document()
    assert f"QTY {figure}" in html_report([gold], [gold], {"d1": TEXT}, score([gold], [gold]))
    with sqlite3.connect(store) as connection:
        (shown,) = connection.execute("SELECT figure FROM claims_readable WHERE quantity_id = ?",
                                      (f"q{index}",)).fetchone()
    assert shown == figure


@pytest.mark.parametrize(("index", "figure"), [(0, "74 322 m²"), (1, "90 ha"), (2, "15 ans"), (4, "200 EFLOP/s"),
                                               (5, "1,2 Md€"), (7, "2 GW")])
def test_browser_totals_read_like_figures(store: Path, index: int, figure: str) -> None:
    """The browser's figure(value, unit) for its totals: a total has no bound and no direction."""
    from pipeline.views import browser

    connection = sqlite3.connect(store)
    browser.prepare_connection(connection)
    try:
        (shown,) = connection.execute("SELECT figure(value, unit) FROM claims_readable WHERE quantity_id = ?",
                                      (f"q{index}",)).fetchone()
    finally:
        connection.close()
    assert shown == figure


def test_the_english_record_reads_in_english(store: Path) -> None:
    english = replace(_document(), lang="en")
    assert "| nvidia | €1.2bn |" in summary_table([english]) and "| nvidia | 74,322 m² |" in summary_table([english])
