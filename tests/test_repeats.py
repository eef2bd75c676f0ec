"""Repeated figures within an article (gold/GUIDELINES.md, "Repeated figures"): one figure, its mentions linked, on
short French articles through the pipeline and on hand-made claims for each rule."""

from __future__ import annotations

import io
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.readers.inputs import Article
from pipeline.records import Claim, Document, Quantity, Span, Timex
from pipeline.runner.extract import extract_batch
from pipeline.runner.store import ClaimStore
from pipeline.views.export import readable_claims, write_csv
from pipeline.views.grouping import group_claims, groups_table
from pipeline.views.repeats import link_repeats, same_number, significant_digits
from pipeline.views.summary import summary_table

ARTICLE = (
    "Mistral AI lève 1,7 milliard d’euros\n\n"
    "Publié le 9 septembre 2025\n\n"
    "La start-up française Mistral AI a levé 1,7 milliard d’euros auprès d’ASML, qui devient son premier actionnaire. "
    "Le groupe néerlandais apporte 1,3 milliard d’euros. "
    "Son campus de l’Essonne doit atteindre une puissance de 1,4 gigawatt (1,4 GW) en 2028."
)


@pytest.fixture(scope="module")
def record(nlp: Language) -> Document:
    (document,) = extract_batch(nlp, [Article("m1", ARTICLE, "fr", "2025-09-09")], batch_size=4)
    assert isinstance(document, Document)
    return document


def _claim(record: Document, surface: str, occurrence: int = 1) -> Claim:
    quantity = [q for q in record.quantities if q.text == surface][occurrence - 1]
    return next(c for c in record.claims if c.quantity == quantity.id)


def test_a_headline_figure_repeated_in_the_body_is_one_figure(record: Document) -> None:
    title, body = _claim(record, "1,7 milliard d’euros", 1), _claim(record, "1,7 milliard d’euros", 2)
    assert title.mentions == [body.quantity] and title.repeat_of is None
    assert body.repeat_of == title.quantity and body.mentions is None
    # Another figure of the same subject, with another number, is not a repeat.
    other = _claim(record, "1,3 milliard d’euros")
    assert other.repeat_of is None and not other.mentions


def test_a_figure_restated_in_brackets_is_one_figure(record: Document) -> None:
    words, symbol = _claim(record, "1,4 gigawatt"), _claim(record, "1,4 GW")
    assert words.mentions == [symbol.quantity] and symbol.repeat_of == words.quantity


def test_every_view_shows_one_row_per_figure_with_its_mentions(record: Document, tmp_path: Path) -> None:
    figures = [c for c in record.claims if c.repeat_of is None]
    summary = summary_table([record])
    assert summary.count("| m1 | mistral-ai | 1,7 Md€ | 2 |") == 1
    with ClaimStore(tmp_path / "s.sqlite") as store:
        store.put(record, "v1", ARTICLE)
    columns, rows = readable_claims(tmp_path / "s.sqlite")
    assert len(rows) == len(figures)
    by_figure = {row[columns.index("figure")]: row[columns.index("mentions")] for row in rows}
    assert by_figure["1,7 Md€"] == 2 and by_figure["1,3 Md€"] == 1
    buffer = io.StringIO()
    write_csv(columns, rows, buffer)
    assert buffer.getvalue().count("1,7 Md€") == 1
    with sqlite3.connect(tmp_path / "s.sqlite") as connection:  # the raw claims keep every mention
        (claims,) = connection.execute("SELECT COUNT(*) FROM claims").fetchone()
    assert claims == len(record.claims)
    # The claims command: the figure carried by two articles counts the mentions of each.
    second = replace(record, doc_id="m2")
    table = groups_table(group_claims([record, second]))
    assert "| 2 | 4 | mistral-ai | 1,7 Md€ |" in table


# --- the rules, on hand-made claims ---------------------------------------------------------------------------


def _document(*figures: tuple[float, str, str | None, str, str | None, str | None]) -> Document:
    """Figures as (value, unit, subject, concept, concept_class, date value), one per 20 characters of text."""
    quantities, claims, dates = [], [], []
    for i, (value, unit, subject, concept, concept_class, date) in enumerate(figures, 1):
        quantities.append(Quantity(f"q{i}", i * 20, i * 20 + 5, "xxxxx", value, None, unit, "exact", False))
        if date is not None:
            dates.append(Timex(f"t{i}", i * 20 + 6, i * 20 + 10, date, "DATE", date))
        claims.append(Claim(f"q{i}", subject, concept, f"t{i}" if date else None, None, "fact", concept_class))
    return Document("d", "0" * 64, "fr", None, Span(0, 1000), quantities=quantities, dates=dates, claims=claims)


def _links(document: Document) -> list[tuple[list[str] | None, str | None]]:
    return [(c.mentions, c.repeat_of) for c in link_repeats(document).claims]


def test_repeats_need_the_same_subject_unit_and_number() -> None:
    assert _links(_document((2e9, "W", "meta", "puissance du site", "power", None),
                            (2e9, "W", "meta", "puissance", "power", None),
                            (2e9, "W", "xai", "puissance", "power", None),
                            (2e9, "USD", "meta", "puissance", "power", None),
                            (2.4e9, "W", "meta", "puissance", "power", None))) == [
        (["q2"], None), (None, "q1"), (None, None), (None, None), (None, None)]


def test_repeats_never_join_two_dates_but_a_mention_without_date_joins_a_dated_one() -> None:
    assert _links(_document((1e9, "W", "meta", "puissance", "power", None),
                            (1e9, "W", "meta", "puissance", "power", "2026"),
                            (1e9, "W", "meta", "puissance", "power", "2030"))) == [
        (["q2"], None), (None, "q1"), (None, None)]


def test_repeats_concepts_close_or_same_class() -> None:
    assert _links(_document((5e4, "count", "nvidia", "GPU", "hardware_count", None),
                            (5e4, "count", "nvidia", "processeurs graphiques", "hardware_count", None),
                            (5e4, "count", "nvidia", "salariés", "jobs", None))) == [
        (["q2"], None), (None, "q1"), (None, None)]


def test_repeats_a_change_is_never_the_level_of_the_same_number() -> None:
    rise = _document((20, "%", "nvidia", "hausse des ventes", "growth", None),
                     (20, "%", "nvidia", "hausse des ventes", "growth", None))
    rise.quantities[0] = replace(rise.quantities[0], direction="up")
    assert _links(rise) == [(None, None), (None, None)]


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [(74322.432, 74300.0, True),  # "800 000 sqft (74 300 m²)"
     (2.0234e7, 2e7, True),  # "5 000 acres (2 000 hectares)"
     (1.2e9, 1.2e9, True), (65.0, 66.0, False), (2e9, 2.4e9, False), (114e9, 116e9, False), (0.0, 0.0, True),
     (0.0, 1.0, False)],
)
def test_same_number_up_to_the_less_precise_mention(left: float, right: float, same: bool) -> None:
    assert same_number(left, right) is same


def test_significant_digits_of_stored_values() -> None:
    assert [significant_digits(v) for v in (74300.0, 74322.432, 2e7, 1.2e9, 0.0002)] == [3, 8, 1, 2, 1]
