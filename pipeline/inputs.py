"""Read articles from paths: .txt files, folders of them, and JSON-lines files of articles.

Reading is lazy (one article in memory at a time) and never stops at a bad input: each problem is yielded as an
:class:`InputError` naming the file (and line), in input order, between the good articles.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Folder reading takes these suffixes, in name order.
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
MANIFEST_NAME = "manifest.csv"
# Legacy encoding tried when a text file is not UTF-8: Windows-1252 is what French pages and exports use
# in practice (a superset of Latin-1 for printable characters).
LEGACY_ENCODING = "cp1252"
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    text: str
    lang: str | None = None
    published: str | None = None
    url: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class InputError:
    """A path or line that yields no article; ``doc_id`` is known when the error is about one article."""

    source: str
    message: str
    line: int | None = None
    doc_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class InputWarning:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: warning: {self.message}"


InputItem = Article | InputError | InputWarning


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return bool(sample) and control / len(sample) > 0.05


def decode_text(data: bytes, source: str) -> tuple[str | None, InputError | InputWarning | None]:
    """UTF-8 (BOM tolerated), else the legacy encoding with a warning; binary data is refused."""
    if _looks_binary(data):
        return None, InputError(source, "binary file, not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        try:
            text = data.decode(LEGACY_ENCODING)
        except UnicodeDecodeError:
            return None, InputError(source, f"not valid UTF-8 (byte {error.start}) nor {LEGACY_ENCODING}")
        return text, InputWarning(source, f"not valid UTF-8; decoded as {LEGACY_ENCODING}")


def _checked(article: Article, max_chars: int, line: int | None = None) -> Article | InputError:
    if not article.text.strip():
        return InputError(article.source, "empty text", line, article.doc_id)
    if len(article.text) > max_chars:
        return InputError(
            article.source,
            f"text of {len(article.text):,} characters exceeds the limit of {max_chars:,} (--max-chars)",
            line,
            article.doc_id,
        )
    return article


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Rows of ``manifest.csv`` (doc_id, lang, published, published_source) keyed by doc_id, if the folder has one."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["doc_id"]: row for row in csv.DictReader(handle)}


def read_text_file(path: Path, max_chars: int, metadata: dict[str, str] | None = None) -> Iterator[InputItem]:
    try:
        data = path.read_bytes()
    except OSError as error:
        yield InputError(str(path), f"cannot read: {error.strerror}", doc_id=path.stem)
        return
    text, problem = decode_text(data, str(path))
    if problem is not None:
        yield problem if isinstance(problem, InputWarning) else InputError(
            problem.source, problem.message, doc_id=path.stem
        )
    if text is None:
        return
    metadata = metadata or {}
    yield _checked(
        Article(
            doc_id=path.stem,
            text=text,
            lang=metadata.get("lang") or None,
            published=metadata.get("published") or None,
            source=str(path),
        ),
        max_chars,
    )


def read_jsonl_file(path: Path, max_chars: int) -> Iterator[InputItem]:
    """Articles ``{"id", "text", "lang"?, "published"?, "url"?}``, one per line."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield InputError(str(path), f"cannot read: {error.strerror}")
        return
    with handle:
        for line_number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                yield InputError(str(path), f"not valid UTF-8 (byte {error.start})", line_number)
                continue
            except json.JSONDecodeError as error:
                yield InputError(str(path), f"malformed JSON ({error.msg}, column {error.colno})", line_number)
                continue
            if not isinstance(data, dict):
                yield InputError(str(path), "expected a JSON object per line", line_number)
                continue
            doc_id, text = data.get("id"), data.get("text")
            if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or str(doc_id) == "":
                yield InputError(str(path), "missing or invalid 'id'", line_number)
                continue
            if not isinstance(text, str):
                yield InputError(str(path), "missing or invalid 'text'", line_number, str(doc_id))
                continue
            optional = {key: data.get(key) for key in ("lang", "published", "url")}
            bad = [key for key, value in optional.items() if value is not None and not isinstance(value, str)]
            if bad:
                yield InputError(str(path), f"{', '.join(bad)} must be strings", line_number, str(doc_id))
                continue
            yield _checked(
                Article(doc_id=str(doc_id), text=text, source=f"{path}:{line_number}", **optional),
                max_chars,
                line_number,
            )


def read_inputs(paths: Iterable[Path], max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[InputItem]:
    """Articles, warnings and errors from every path, in the order given (folders in file-name order)."""
    for path in paths:
        if path.is_dir():
            manifest = read_manifest(path)
            files = sorted(p for p in path.iterdir() if p.suffix in TEXT_SUFFIXES + JSONL_SUFFIXES)
            if not files:
                yield InputError(str(path), "folder holds no .txt or .jsonl file")
            for file in files:
                if file.suffix in JSONL_SUFFIXES:
                    yield from read_jsonl_file(file, max_chars)
                else:
                    yield from read_text_file(file, max_chars, manifest.get(file.stem))
        elif not path.exists():
            yield InputError(str(path), "no such file or folder")
        elif path.suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path, max_chars)
        else:
            yield from read_text_file(path, max_chars, read_manifest(path.parent).get(path.stem))
