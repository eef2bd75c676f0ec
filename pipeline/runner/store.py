"""The claims store: one SQLite file with a table per record layer, plus an errors table.

A document's rows are replaced in one transaction, so a crash never leaves half a document and a re-run never
duplicates rows. A document whose text and pipeline version are unchanged is not extracted again.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import astuple
from datetime import UTC, datetime
from pathlib import Path

from pipeline.records import Document, dump_document
from pipeline.views.figures import quantity_figure
from pipeline.views.periods import timex_period

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    text_sha256 TEXT NOT NULL,
    lang TEXT NOT NULL,
    dct TEXT,
    body_start INTEGER NOT NULL,
    body_end INTEGER NOT NULL,
    pipeline_version TEXT NOT NULL,
    record TEXT NOT NULL,
    extracted_at TEXT NOT NULL,
    title TEXT, url TEXT, site TEXT, text TEXT
);
CREATE TABLE IF NOT EXISTS entities (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL, entity_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end", label)
);
CREATE TABLE IF NOT EXISTS quantities (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    quantity_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value REAL NOT NULL, value_max REAL, unit TEXT NOT NULL, bound TEXT NOT NULL, vague INTEGER NOT NULL,
    direction TEXT,
    PRIMARY KEY (doc_id, quantity_id)
);
CREATE TABLE IF NOT EXISTS dates (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    date_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    type TEXT NOT NULL, value TEXT NOT NULL, period_start TEXT, period_end TEXT,
    PRIMARY KEY (doc_id, date_id)
);
CREATE TABLE IF NOT EXISTS claims (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    quantity_id TEXT NOT NULL, subject TEXT, concept TEXT NOT NULL, date_id TEXT, speaker TEXT, modality TEXT NOT NULL,
    concept_class TEXT, subject_evidence TEXT, sentence_start INTEGER, sentence_end INTEGER, figure TEXT,
    repeat_of TEXT,
    PRIMARY KEY (doc_id, quantity_id)
);
CREATE TABLE IF NOT EXISTS errors (
    source TEXT NOT NULL,
    line INTEGER NOT NULL DEFAULT 0,
    doc_id TEXT,
    message TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source, line)
);
DROP VIEW IF EXISTS claim_rows;
CREATE VIEW claim_rows AS
    SELECT c.doc_id, c.subject, c.concept, c.concept_class, q.text AS quantity_text, q.value, q.value_max, q.unit,
           q.bound,
           d.value AS date_value, c.speaker, c.modality, c.repeat_of
    FROM claims c
    JOIN quantities q ON q.doc_id = c.doc_id AND q.quantity_id = c.quantity_id
    LEFT JOIN dates d ON d.doc_id = c.doc_id AND d.date_id = c.date_id;
DROP VIEW IF EXISTS entity_names;
CREATE VIEW entity_names AS
    SELECT doc_id, entity_id, name, label FROM (
        SELECT doc_id, entity_id, text AS name, label,
               ROW_NUMBER() OVER (PARTITION BY doc_id, entity_id ORDER BY length(text) DESC, start) AS rank
        FROM entities
    ) WHERE rank = 1;
DROP VIEW IF EXISTS claims_readable;
-- One row per figure: a figure the article states again (its claims carry repeat_of) is its first mention's row,
-- with the number of times the article states it in mentions.
CREATE VIEW claims_readable AS
    SELECT c.doc_id, c.quantity_id,
           c.subject, COALESCE(s.name, c.subject) AS subject_name, s.label AS subject_type,
           c.concept, c.concept_class,
           q.value, q.value_max, q.unit, c.figure, 1 + COALESCE(r.repeats, 0) AS mentions, q.direction, q.bound,
           q.vague, q.text AS quantity_text,
           d.period_start, d.period_end, d.text AS date_text, d.value AS date_value,
           c.modality, c.speaker, COALESCE(p.name, c.speaker) AS speaker_name,
           substr(doc.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
           c.sentence_start, c.sentence_end, q.start AS quantity_start, q."end" AS quantity_end,
           doc.title, doc.url, doc.site, doc.dct, doc.lang, c.subject_evidence
    FROM claims c
    JOIN quantities q ON q.doc_id = c.doc_id AND q.quantity_id = c.quantity_id
    JOIN documents doc ON doc.doc_id = c.doc_id
    LEFT JOIN dates d ON d.doc_id = c.doc_id AND d.date_id = c.date_id
    LEFT JOIN entity_names s ON s.doc_id = c.doc_id AND s.entity_id = c.subject
    LEFT JOIN entity_names p ON p.doc_id = c.doc_id AND p.entity_id = c.speaker
    LEFT JOIN (SELECT doc_id, repeat_of, COUNT(*) AS repeats FROM claims WHERE repeat_of IS NOT NULL
               GROUP BY doc_id, repeat_of) r ON r.doc_id = c.doc_id AND r.repeat_of = c.quantity_id
    WHERE c.repeat_of IS NULL;
"""


# Columns added after the first release of the store: (table, column, SQL type). Old rows keep NULL in them until
# their article is extracted again (the record format is part of the pipeline version, so the next run does it).
_ADDED_COLUMNS = (
    ("claims", "concept_class", "TEXT"), ("claims", "subject_evidence", "TEXT"),
    ("documents", "title", "TEXT"), ("documents", "url", "TEXT"), ("documents", "site", "TEXT"),
    ("documents", "text", "TEXT"), ("dates", "period_start", "TEXT"), ("dates", "period_end", "TEXT"),
    ("claims", "sentence_start", "INTEGER"), ("claims", "sentence_end", "INTEGER"), ("claims", "figure", "TEXT"),
    ("quantities", "direction", "TEXT"), ("claims", "repeat_of", "TEXT"),
)


def _reason(error: Exception) -> str:
    return (error.strerror or str(error)) if isinstance(error, OSError) else str(error)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class StoreError(Exception):
    """The store cannot be opened or written (a read-only file or folder, a full disk, a file that is no SQLite
    database): the run cannot go on. Each document's transaction is rolled back, so the store stays consistent."""


class ClaimStore:
    """SQLite store of extracted records; use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(path)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"{path}: cannot open the store: {_reason(error)}") from error
        try:
            self.connection.execute("PRAGMA foreign_keys = ON")
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.execute("PRAGMA synchronous = NORMAL")
            self._add_missing_columns()
            self.connection.executescript(SCHEMA)
        except sqlite3.Error as error:
            self.connection.close()
            raise StoreError(f"{path}: cannot open the store: {_reason(error)}") from error

    @contextlib.contextmanager
    def _transaction(self, action: str = "write to") -> Iterator[None]:
        """One transaction (rolled back on any exception); a SQLite failure becomes a :class:`StoreError`."""
        try:
            with self.connection:
                yield
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot {action} the store: {_reason(error)}") from error

    def _add_missing_columns(self) -> None:
        """A store written before a column existed gets it (NULL in its old rows) instead of failing on insert."""
        for table, column, kind in _ADDED_COLUMNS:
            present = {row[1] for row in self.connection.execute(f"PRAGMA table_info({table})")}
            if present and column not in present:
                self.connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def stored_record(self, doc_id: str, text_sha256: str, pipeline_version: str) -> Document | None:
        """The stored record when the same text was extracted by the same pipeline version, else None."""
        line = self.stored_line(doc_id, text_sha256, pipeline_version)
        return Document.from_dict(json.loads(line), f"store:{doc_id}") if line is not None else None

    def stored_line(self, doc_id: str, text_sha256: str, pipeline_version: str) -> str | None:
        """The stored record as its JSON line (what ``dump_document`` writes), without parsing it: a re-run of an
        unchanged folder copies these lines."""
        with self._transaction("read"):
            row = self.connection.execute(
                "SELECT record FROM documents WHERE doc_id = ? AND text_sha256 = ? AND pipeline_version = ?",
                (doc_id, text_sha256, pipeline_version),
            ).fetchone()
        return row[0] if row else None

    def put(self, document: Document, pipeline_version: str, text: str | None = None, source: str = "",
            line: int | None = None) -> None:
        """Replace every row of the document in one transaction; ``text`` (the article's text, which the offsets
        index) is kept so that every span and sentence can be read back from the store. The errors recorded for the
        document or for its input (``source`` and ``line``) are cleared: they are fixed."""
        doc_id = document.doc_id
        with self._transaction():
            self.connection.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
            self._clear_errors(doc_id, source, line)
            self.connection.execute(
                "INSERT INTO documents (doc_id, text_sha256, lang, dct, body_start, body_end, pipeline_version,"
                " record, extracted_at, title, url, site, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    document.text_sha256,
                    document.lang,
                    document.dct,
                    document.body.start,
                    document.body.end,
                    pipeline_version,
                    dump_document(document),
                    _now(),
                    document.title,
                    document.url,
                    document.site,
                    text,
                ),
            )
            self.connection.executemany(
                "INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?, ?)",
                [(doc_id, *astuple(e)) for e in document.entities],
            )
            self.connection.executemany(
                'INSERT INTO quantities (doc_id, quantity_id, start, "end", text, value, value_max, unit, bound, vague,'
                " direction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc_id, q.id, q.start, q.end, q.text, q.value, q.value_max, q.unit, q.bound, int(q.vague),
                     q.direction)
                    for q in document.quantities
                ],
            )
            self.connection.executemany(
                'INSERT INTO dates (doc_id, date_id, start, "end", text, type, value, period_start, period_end)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, t.id, t.start, t.end, t.text, t.type, t.value, *(timex_period(t.value) or (None, None)))
                 for t in document.dates],
            )
            quantities = {q.id: q for q in document.quantities}
            self.connection.executemany(
                "INSERT INTO claims (doc_id, quantity_id, subject, concept, date_id, speaker, modality, concept_class,"
                " subject_evidence, sentence_start, sentence_end, figure, repeat_of)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc_id, c.quantity, c.subject, c.concept, c.date, c.speaker, c.modality, c.concept_class,
                     c.subject_evidence, c.sentence_start, c.sentence_end,
                     quantity_figure(quantities[c.quantity], document.lang) if c.quantity in quantities else None,
                     c.repeat_of)
                    for c in document.claims
                ],
            )

    def put_error(self, source: str, line: int | None, doc_id: str | None, message: str) -> None:
        """Record why an input (a file, or a line of a JSONL file) gave no record."""
        with self._transaction():
            self.connection.execute(
                "INSERT OR REPLACE INTO errors VALUES (?, ?, ?, ?, ?)", (source, line or 0, doc_id, message, _now())
            )

    def clear_errors(self, doc_id: str, source: str, line: int | None) -> None:
        """Forget the errors of a document read unchanged: its input was fixed back to a text already stored."""
        with self._transaction():
            self._clear_errors(doc_id, source, line)

    def _clear_errors(self, doc_id: str, source: str, line: int | None) -> None:
        # by doc_id (an extraction error, an empty file) and by place (a JSONL line that was not JSON has no doc_id)
        self.connection.execute(
            "DELETE FROM errors WHERE doc_id = ? OR (source = ? AND line = ?)", (doc_id, source, line or 0)
        )

    def documents(self) -> Iterator[Document]:
        for (record,) in self.connection.execute("SELECT record FROM documents ORDER BY doc_id"):
            yield Document.from_dict(json.loads(record), "store")

    def counts(self) -> dict[str, int]:
        tables = ("documents", "entities", "quantities", "dates", "claims", "errors")
        return {t: self.connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
