"""Provenance of claims: the figure's sentence and the article's title, URL and site, in records and in the store."""

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import jsonschema
from spacy.language import Language

from pipeline.evaluation.scorer import score
from pipeline.readers.inputs import Article, read_inputs
from pipeline.records import Claim, Document, Entity, Quantity, Span, Timex, dump_document, read_documents
from pipeline.runner.extract import extract_batch, site_of, title_of
from pipeline.runner.store import ClaimStore

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "seeds.jsonl"
SCHEMA = json.loads((ROOT / "pipeline" / "schema" / "document.schema.json").read_text(encoding="utf-8"))
TEXT = "Un titre sur l’IA\n\nMistral AI a levé 1,7 milliard d’euros en 2025. Nvidia vend 😀 des puces."
URL = "https://www.example.fr/eco/mistral.html"


def _document() -> Document:
    figure = TEXT.index("1,7 milliard d’euros")
    sentence_start = TEXT.index("Mistral AI")
    sentence_end = TEXT.index("2025.") + len("2025.")
    year = TEXT.index("2025")
    return Document(
        doc_id="d1", text_sha256="a" * 64, lang="fr", dct="2025-06-01", body=Span(0, len(TEXT)),
        entities=[Entity(sentence_start, sentence_start + 10, "Mistral AI", "ORG", "mistral-ai"),
                  Entity(sentence_start, sentence_start + 7, "Mistral", "ORG", "mistral-ai")],
        quantities=[Quantity("q1", figure, figure + 20, "1,7 milliard d’euros", 1.7e9, None, "EUR", "exact", False)],
        dates=[Timex("t1", year, year + 4, "2025", "DATE", "2025")],
        claims=[Claim("q1", "mistral-ai", "levée de fonds", "t1", None, "fact", "funding", "rule:clause_subject",
                      sentence_start, sentence_end, TEXT[sentence_start:sentence_end])],
        title="Un titre sur l’IA", url=URL, site="example.fr",
    )


def test_provenance_helpers() -> None:
    assert title_of("\n  Le titre  \nLe corps") == "Le titre"
    assert title_of("   \n") is None
    assert site_of("https://www.lemonde.fr/economie/a.html") == "lemonde.fr"
    assert site_of("http://news.example.com:8080/x") == "news.example.com"
    assert site_of(None) is None and site_of("pas une adresse") is None


def test_provenance_fields_round_trip_and_validate() -> None:
    document = _document()
    data = json.loads(dump_document(document))
    assert data["title"] == "Un titre sur l’IA" and data["url"] == URL and data["site"] == "example.fr"
    assert data["claims"][0]["sentence"] == "Mistral AI a levé 1,7 milliard d’euros en 2025."
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert Document.from_dict(data) == document


def test_provenance_fields_absent_from_gold_which_round_trips_byte_identically() -> None:
    original = GOLD.read_text(encoding="utf-8")
    written = "".join(dump_document(document) + "\n" for document in read_documents(GOLD))
    assert written == original
    for document in read_documents(GOLD):
        data = document.to_dict()
        assert not {"title", "url", "site"} & set(data)
        assert all(not {"sentence_start", "sentence_end", "sentence"} & set(claim) for claim in data["claims"])


def test_provenance_ignored_by_the_scorer() -> None:
    golds = list(read_documents(GOLD))
    with_provenance = [
        replace(d, title="t", url=URL, site="example.fr",
                claims=[replace(c, sentence_start=0, sentence_end=1, sentence="x") for c in d.claims])
        for d in golds
    ]
    plain, provenance = score(golds, golds), score(golds, with_provenance)
    assert provenance == plain
    assert provenance["claims_f"] == 1.0


def test_provenance_extracted_sentence_holds_the_figure(nlp: Language) -> None:
    (document,) = extract_batch(nlp, [Article("d1", TEXT, "fr", "2025-06-01", URL)], 8)
    assert isinstance(document, Document)
    assert (document.title, document.url, document.site) == ("Un titre sur l’IA", URL, "example.fr")
    quantities = {q.id: q for q in document.quantities}
    assert document.claims
    for claim in document.claims:
        quantity = quantities[claim.quantity]
        assert claim.sentence_start is not None and claim.sentence_end is not None
        assert claim.sentence_start <= quantity.start and quantity.end <= claim.sentence_end
        assert TEXT[claim.sentence_start:claim.sentence_end] == claim.sentence == claim.sentence.strip()
        assert "\n" not in claim.sentence


def test_provenance_url_kept_from_jsonl_and_manifest(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"id": "a1", "text": "Texte.", "url": URL}) + "\n", encoding="utf-8")
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "b1.txt").write_text("Texte.", encoding="utf-8")
    (folder / "manifest.csv").write_text("doc_id,lang,published,published_source,url\nb1,fr,,,https://x.org/b\n",
                                         encoding="utf-8")
    articles = list(read_inputs([jsonl, folder]))
    assert [(a.doc_id, a.url) for a in articles] == [("a1", URL), ("b1", "https://x.org/b")]


def test_provenance_in_the_store_and_its_readable_view(tmp_path: Path) -> None:
    with ClaimStore(tmp_path / "s.sqlite") as store:
        store.put(_document(), "v1", TEXT)
        store.connection.row_factory = sqlite3.Row
        row = store.connection.execute("SELECT * FROM claims_readable").fetchone()
        document_row = store.connection.execute("SELECT text, title, url, site FROM documents").fetchone()
    assert tuple(document_row) == (TEXT, "Un titre sur l’IA", URL, "example.fr")
    assert row["subject_name"] == "Mistral AI" and row["subject_type"] == "ORG"  # the longest mention names it
    assert row["figure"] == "1,7 Md€" and row["value"] == 1.7e9 and row["unit"] == "EUR"
    assert (row["period_start"], row["period_end"]) == ("2025-01-01", "2025-12-31")
    # SQLite's substr counts characters like Python's slices, so the offsets resolve in the store too
    assert row["sentence"] == "Mistral AI a levé 1,7 milliard d’euros en 2025."
    assert (row["title"], row["url"], row["site"], row["dct"]) == ("Un titre sur l’IA", URL, "example.fr",
                                                                   "2025-06-01")
    assert row["concept_class"] == "funding" and row["modality"] == "fact" and row["speaker_name"] is None


def test_provenance_sentence_after_a_character_outside_the_bmp_resolves(tmp_path: Path) -> None:
    start = TEXT.index("des puces")
    document = replace(_document(), claims=[replace(_document().claims[0], sentence_start=start,
                                                    sentence_end=len(TEXT) - 1, sentence=TEXT[start:-1])])
    with ClaimStore(tmp_path / "s.sqlite") as store:
        store.put(document, "v1", TEXT)
        (sentence,) = store.connection.execute("SELECT sentence FROM claims_readable").fetchone()
    assert sentence == "des puces"


OLD_SCHEMA = """
CREATE TABLE documents (doc_id TEXT PRIMARY KEY, text_sha256 TEXT NOT NULL, lang TEXT NOT NULL, dct TEXT,
    body_start INTEGER NOT NULL, body_end INTEGER NOT NULL, pipeline_version TEXT NOT NULL, record TEXT NOT NULL,
    extracted_at TEXT NOT NULL);
CREATE TABLE dates (doc_id TEXT NOT NULL, date_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (doc_id, date_id));
CREATE TABLE claims (doc_id TEXT NOT NULL, quantity_id TEXT NOT NULL, subject TEXT, concept TEXT NOT NULL,
    date_id TEXT, speaker TEXT, modality TEXT NOT NULL, PRIMARY KEY (doc_id, quantity_id));
INSERT INTO documents VALUES ('old', 'b', 'fr', NULL, 0, 1, 'v0', '{}', 'then');
"""


def test_provenance_old_store_gains_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as connection:
        connection.executescript(OLD_SCHEMA)
    with ClaimStore(path) as store:
        store.put(_document(), "v1", TEXT)
    with ClaimStore(path) as store:  # reopened: the added columns are not added twice
        rows = store.connection.execute("SELECT doc_id, title FROM documents ORDER BY doc_id").fetchall()
        (figure,) = store.connection.execute("SELECT figure FROM claims_readable").fetchone()
    assert rows == [("d1", "Un titre sur l’IA"), ("old", None)]
    assert figure == "1,7 Md€"
