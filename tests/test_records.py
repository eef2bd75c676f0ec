import io
import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.records import Document, Quantity, RecordError, dump_document, read_documents, write_documents

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "seeds.jsonl"

SCHEMA = json.loads((ROOT / "pipeline" / "schema" / "document.schema.json").read_text(encoding="utf-8"))


def test_records_round_trip_gold_unchanged() -> None:
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    buffer = io.StringIO()
    write_documents(read_documents(GOLD), buffer)
    assert [json.loads(line) for line in buffer.getvalue().splitlines()] == [json.loads(line) for line in lines]


def test_records_gold_validates_against_json_schema() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for document in read_documents(GOLD):
        validator.validate(document.to_dict())


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"doc_id": "a"}', "missing field"),
        ('{"doc_id": "a", "text_sha256": "x", "lang": "fr", "body": {"start": 0, "end": 1}, "extra": 1}', "unknown"),
        ('{"doc_id": "a", "text_sha256": "x", "lang": "fr", "body": {"start": 0, "end": 1}, '
         '"entities": [{"start": 0}]}', "entities[0]"),
    ],
)
def test_records_bad_line_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(RecordError) as error:
        list(read_documents(path))
    assert f"{path}:2" in str(error.value)
    assert message in str(error.value)


def test_records_document_from_dict_defaults_empty_layers() -> None:
    data = {"doc_id": "a", "text_sha256": "0" * 64, "lang": "fr", "body": {"start": 0, "end": 3}}
    document = Document.from_dict(data)
    assert document.entities == [] and document.claims == [] and document.dct is None


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_records_value_that_is_not_finite_is_refused_not_written(value: float) -> None:
    data = {"doc_id": "a", "text_sha256": "0" * 64, "lang": "fr", "body": {"start": 0, "end": 3}}
    document = Document.from_dict(data)
    document.quantities.append(Quantity("q1", 0, 3, "1e400", value, None, "count", "exact", False))
    with pytest.raises(ValueError, match="not JSON compliant"):
        dump_document(document)


def test_records_optional_fields_are_written_only_when_set() -> None:
    """A direction, mentions and repeat_of appear in a record only when the pipeline sets them, so gold files written
    before the fields existed read and write unchanged; a set direction survives the round trip."""
    data = {"doc_id": "a", "text_sha256": "0" * 64, "lang": "fr", "body": {"start": 0, "end": 30},
            "quantities": [{"id": "q1", "start": 0, "end": 4, "text": "20 %", "value": 20, "value_max": None,
                            "unit": "%", "bound": "exact", "vague": False}]}
    plain = Document.from_dict(data).to_dict()
    assert "direction" not in plain["quantities"][0]
    data["quantities"][0]["direction"] = "down"
    data["claims"] = [{"quantity": "q1", "subject": None, "concept": "baisse", "date": None, "speaker": None,
                       "modality": "fact", "mentions": ["q2"]}]
    written = Document.from_dict(data).to_dict()
    assert written["quantities"][0]["direction"] == "down"
    assert written["claims"][0]["mentions"] == ["q2"] and "repeat_of" not in written["claims"][0]
    jsonschema.Draft202012Validator(SCHEMA).validate(written)
