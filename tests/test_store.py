import sqlite3
from pathlib import Path

import pytest

from pipeline.records import Claim, Document, Entity, Quantity, Span
from pipeline.runner.store import ClaimStore, StoreError


def _document(value: float = 2000.0) -> Document:
    return Document(
        doc_id="d1",
        text_sha256="a" * 64,
        lang="fr",
        dct=None,
        body=Span(0, 40),
        entities=[Entity(0, 8, "DeepSeek", "ORG", "deepseek")],
        quantities=[Quantity("q1", 20, 31, "2 000 puces", value, None, "count", "exact", False)],
        claims=[Claim("q1", "deepseek", "puces", None, None, "fact")],
    )


def test_store_put_twice_keeps_one_copy(tmp_path: Path) -> None:
    with ClaimStore(tmp_path / "s.sqlite") as store:
        store.put(_document(), "v1")
        store.put(_document(3000.0), "v1")
        assert store.counts() == {"documents": 1, "entities": 1, "quantities": 1, "dates": 0, "claims": 1, "errors": 0}
        (stored,) = store.documents()
        assert stored.quantities[0].value == 3000.0


def test_store_unchanged_record_found_only_for_same_text_and_version(tmp_path: Path) -> None:
    with ClaimStore(tmp_path / "s.sqlite") as store:
        store.put(_document(), "v1")
        assert store.stored_record("d1", "a" * 64, "v1") == _document()
        assert store.stored_record("d1", "b" * 64, "v1") is None
        assert store.stored_record("d1", "a" * 64, "v2") is None


def test_store_survives_reopen_and_claim_view_joins(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with ClaimStore(path) as store:
        store.put(_document(), "v1")
        store.put_error("x.txt", None, "x", "empty text")
    with ClaimStore(path) as store:
        rows = store.connection.execute("SELECT subject, value, unit, modality FROM claim_rows").fetchall()
        assert rows == [("deepseek", 2000.0, "count", "fact")]
        assert store.counts()["errors"] == 1


def test_store_changed_document_replaced_in_one_transaction(tmp_path: Path) -> None:
    """A replacement that fails half-way (a duplicate quantity id) leaves the previous rows whole."""
    path = tmp_path / "s.sqlite"
    with ClaimStore(path) as store:
        store.put(_document(), "v1")
        before = store.counts()
        broken = _document(3000.0)
        broken.quantities.append(broken.quantities[0])
        with pytest.raises(StoreError, match="cannot write to the store: UNIQUE constraint failed") as error:
            store.put(broken, "v2")
        assert isinstance(error.value.__cause__, sqlite3.IntegrityError)
        assert store.counts() == before
        (stored,) = store.documents()
        assert stored == _document()
        store.put(_document(3000.0), "v2")
    with ClaimStore(path) as store:
        assert store.counts() == before
        assert store.connection.execute("SELECT value FROM quantities").fetchall() == [(3000.0,)]
        assert store.connection.execute("SELECT pipeline_version FROM documents").fetchall() == [("v2",)]


def test_store_keeps_a_change_direction_and_shows_it_in_the_readable_figure(tmp_path: Path) -> None:
    fall = Document(
        doc_id="d2", text_sha256="b" * 64, lang="fr", dct=None, body=Span(0, 60),
        quantities=[Quantity("q1", 30, 34, "20 %", 20.0, None, "%", "exact", False, "down")],
        claims=[Claim("q1", None, "baisse du chiffre d’affaires", None, None, "fact", "growth")],
    )
    with ClaimStore(tmp_path / "s.sqlite") as store:
        store.put(fall, "v1")
        row = store.connection.execute("SELECT value, direction, figure FROM claims_readable").fetchone()
        (stored,) = store.documents()
    assert row == (20.0, "down", "−20 %")
    assert stored == fall
