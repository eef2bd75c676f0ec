"""The record model shared by the pipeline's output, the gold file and the scorer.

One JSON object per document, exactly the schema of ``gold/GUIDELINES.md``. Records hold character offsets and
plain values (never spaCy objects) so they cross process boundaries and survive JSON round trips unchanged.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar, TextIO

# Bytes of a JSON-lines file looked at for NUL bytes, which no JSON text holds: a binary file is named as one.
BINARY_SNIFF_BYTES = 8192
# Bumped when the pipeline's output gains or changes fields: stored records of an older format are extracted again.
RECORD_FORMAT = 3
ENTITY_LABELS = ("PER", "ORG", "LOC", "PRODUCT")
BOUNDS = ("exact", "approx", "min", "max", "range")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
# The direction of a figure that states a change (gold/GUIDELINES.md, "Direction of a change").
DIRECTIONS = ("up", "down")
MODALITIES = ("fact", "forecast", "hypothetical")
# The controlled vocabulary of what a claim measures (gold/GUIDELINES.md, "Concept class"); the words that point to
# each class are language data.
CONCEPT_CLASSES = (
    "investment", "funding", "valuation", "revenue", "profit", "cost", "market_size", "hardware_count", "compute",
    "power", "energy", "memory", "share", "growth", "users", "jobs", "area", "distance", "duration", "other",
)


_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """The schema's entity id: lowercase ASCII, accents stripped, every run of other characters (spaces,
    apostrophes...) -> "-" ("Royaume-Uni" -> "royaume-uni", "L’Oréal" -> "l-oreal")."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return _NON_ALNUM_RE.sub("-", bare).strip("-")


def is_slug(text: str) -> bool:
    return bool(_SLUG_RE.match(text))


def text_sha256(text: str) -> str:
    """The ``text_sha256`` of a record: sha256 of the text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class RecordError(ValueError):
    """A JSON object that does not follow the record schema."""


def _from_mapping(cls: type, data: dict[str, Any], where: str) -> Any:
    names = [f.name for f in fields(cls)]
    unknown = set(data) - set(names)
    if unknown:
        raise RecordError(f"{where}: unknown field(s) {sorted(unknown)}")
    missing = [f.name for f in fields(cls) if f.name not in data and f.name not in cls.OPTIONAL]
    if missing:
        raise RecordError(f"{where}: missing field(s) {missing}")
    return cls(**{name: data[name] for name in names if name in data})


@dataclass(frozen=True, slots=True)
class Span:
    """The article body (or any character region): ``text[start:end]``."""

    start: int
    end: int
    OPTIONAL: ClassVar[tuple[str, ...]] = ()

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    id: str
    OPTIONAL: ClassVar[tuple[str, ...]] = ()


@dataclass(frozen=True, slots=True)
class Quantity:
    id: str
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str
    bound: str
    vague: bool
    # "up" or "down" for a figure that states a change ("a progressé de 22 %", "divisé par deux"); None otherwise.
    # The value keeps the number the text writes; the direction says which way the measure moved.
    direction: str | None = None
    OPTIONAL: ClassVar[tuple[str, ...]] = ("value_max", "vague", "direction")
    # Written only when set, so a gold file labelled before the field existed stays as it was.
    WRITTEN_WHEN_SET: ClassVar[tuple[str, ...]] = ("direction",)


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalized TIMEX3-style (the schema calls this layer ``dates``)."""

    id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    OPTIONAL: ClassVar[tuple[str, ...]] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    quantity: str
    subject: str | None
    concept: str
    date: str | None
    speaker: str | None
    modality: str
    concept_class: str | None = None
    # What decided the subject: "rule:<rule name>" or "model:<the features that weighed most>" (pipeline output
    # only; gold files leave it out and the scorer ignores it).
    subject_evidence: str | None = None
    # Provenance (pipeline output only, never in gold; the scorer ignores it): the sentence holding the figure, as
    # offsets into the document text (end exclusive) and as text, so a reader of the JSONL alone can quote it.
    sentence_start: int | None = None
    sentence_end: int | None = None
    sentence: str | None = None
    # The same figure stated again in the article (a headline repeated in the body, a figure restated in brackets;
    # pipeline output only, never in gold, ignored by the scorer): the first claim lists the quantity ids of the
    # repeats in ``mentions``, each repeat names the first one's quantity in ``repeat_of``.
    mentions: list[str] | None = None
    repeat_of: str | None = None
    OPTIONAL: ClassVar[tuple[str, ...]] = (
        "concept_class", "subject_evidence", "sentence_start", "sentence_end", "sentence", "mentions", "repeat_of",
    )
    WRITTEN_WHEN_SET: ClassVar[tuple[str, ...]] = OPTIONAL


@dataclass(slots=True)
class Document:
    doc_id: str
    text_sha256: str
    lang: str
    dct: str | None
    body: Span
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # Provenance (pipeline output only, never in gold): the article's first line, the URL it came from and that URL's
    # host without "www." (the site).
    title: str | None = None
    url: str | None = None
    site: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # Optional fields are written only when set: a gold file without them stays as it was labelled.
        for key, cls_ in (("quantities", Quantity), ("claims", Claim)):
            data[key] = [{name: value for name, value in item.items()
                          if value is not None or name not in cls_.WRITTEN_WHEN_SET} for item in data[key]]
        return {key: data[key] for key in _DOCUMENT_KEYS if key not in _OPTIONAL_DOCUMENT_KEYS or data[key] is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "record") -> Document:
        if not isinstance(data, dict):
            raise RecordError(f"{where}: expected a JSON object, got {type(data).__name__}")
        unknown = set(data) - set(_DOCUMENT_KEYS)
        if unknown:
            raise RecordError(f"{where}: unknown field(s) {sorted(unknown)}")
        missing = [key for key in ("doc_id", "text_sha256", "lang", "body") if key not in data]
        if missing:
            raise RecordError(f"{where}: missing field(s) {missing}")

        def many(key: str, cls_: type) -> list[Any]:
            items = data.get(key) or []
            if not isinstance(items, list):
                raise RecordError(f"{where}: {key} must be a list")
            return [_from_mapping(cls_, item, f"{where}: {key}[{i}]") for i, item in enumerate(items)]

        if not isinstance(data["body"], dict):
            raise RecordError(f"{where}: body must be an object with start and end")
        return cls(
            doc_id=data["doc_id"],
            text_sha256=data["text_sha256"],
            lang=data["lang"],
            dct=data.get("dct"),
            body=_from_mapping(Span, data["body"], f"{where}: body"),
            entities=many("entities", Entity),
            quantities=many("quantities", Quantity),
            dates=many("dates", Timex),
            claims=many("claims", Claim),
            **{key: _optional_string(data, key, where) for key in _OPTIONAL_DOCUMENT_KEYS},
        )


def _optional_string(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise RecordError(f"{where}: {key} must be a string or null")
    return value


_OPTIONAL_DOCUMENT_KEYS = ("title", "url", "site")
_DOCUMENT_KEYS = (
    "doc_id", "text_sha256", "lang", "dct", *_OPTIONAL_DOCUMENT_KEYS, "body", "entities", "quantities", "dates",
    "claims",
)


def json_lines(path: Path, error: type[Exception]) -> Iterator[tuple[str, Any]]:
    """("file:line", parsed value) for every non-blank line; a line that is not UTF-8 JSON (a binary file, another
    format) raises ``error`` naming it. A file that cannot be opened raises OSError."""
    with path.open("rb") as handle:
        if b"\x00" in handle.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES]:
            raise error(f"{path}: binary data, not JSON lines")
        for line_number, raw in enumerate(handle, start=1):
            where = f"{path}:{line_number}"
            try:  # a byte-order mark, which editors on Windows write, may open the file
                line = raw.decode("utf-8-sig" if line_number == 1 else "utf-8")
            except UnicodeDecodeError as decode_error:
                raise error(f"{where}: not valid UTF-8 (byte {decode_error.start} of the line)") from decode_error
            if not line.strip():
                continue
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as decode_error:
                raise error(f"{where}: not valid JSON ({decode_error.msg})") from decode_error


def read_documents(path: Path) -> Iterator[Document]:
    """Yield the documents of a JSON-lines file; a bad line raises RecordError naming file and line."""
    for where, data in json_lines(path, RecordError):
        yield Document.from_dict(data, where)


def dump_document(document: Document) -> str:
    """The record as one line of strict JSON: a value that is not finite raises ValueError instead of being written
    as ``Infinity`` or ``NaN``, which strict readers (and the JSON Schema) refuse."""
    return json.dumps(document.to_dict(), ensure_ascii=False, allow_nan=False)


def write_documents(documents: Iterable[Document], handle: TextIO) -> int:
    count = 0
    for document in documents:
        handle.write(dump_document(document) + "\n")
        count += 1
    return count
