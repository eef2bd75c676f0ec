"""Read articles from paths: .txt and .html files, JSON-lines files of articles, .gz of any of those, and folders.

Reading is lazy (one article in memory at a time) and never stops at a bad input: each problem is yielded as an
:class:`InputError` naming the file (and line), in input order, between the good articles. A file is never read
(or decompressed) past what ``max_chars`` allows, so an oversized input is refused in bounded memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

# Folder reading takes these suffixes (each also compressed as ``<suffix>.gz``), in name order.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
GZIP_SUFFIX = ".gz"
MANIFEST_NAME = "manifest.csv"
# Legacy encoding tried when a text file is not UTF-8: Windows-1252 is what French pages and exports use
# in practice (a superset of Latin-1 for printable characters).
LEGACY_ENCODING = "cp1252"
DEFAULT_MAX_CHARS = 1_000_000
# A file is refused unread above these many bytes per allowed character: UTF-8 takes at most 4 bytes a character,
# and a page's markup (navigation, scripts, styles) is typically several times its text.
TEXT_BYTES_PER_CHAR = 4
HTML_BYTES_PER_CHAR = 16


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


def _checked(article: Article, max_chars: int, line: int | None = None) -> Iterator[InputItem]:
    """The article, or the error that refuses it; a ``published`` that is no date is a warning and left out."""
    if not article.text.strip():
        yield InputError(article.source, "empty text", line, article.doc_id)
        return
    if len(article.text) > max_chars:
        yield InputError(
            article.source,
            f"text of {len(article.text):,} characters exceeds the limit of {max_chars:,} (--max-chars)",
            line,
            article.doc_id,
        )
        return
    # ``published`` becomes the record's dct, which the schema wants as "YYYY-MM-DD": anything else is left out
    published = iso_date(article.published)
    if article.published is not None and published is None:
        yield InputWarning(article.source, f"published {article.published!r} is not an ISO date; left out")
    yield replace(article, published=published)


def iso_date(value: str | None) -> str | None:
    """``value`` as "YYYY-MM-DD" (an ISO date, or the date of an ISO date-time), or None when it is no date."""
    try:
        return dt.datetime.fromisoformat(value or "").date().isoformat()
    except ValueError:
        return None


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Rows of ``manifest.csv`` (doc_id, lang, published, published_source, and optionally url) keyed by doc_id, if
    the folder has one."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["doc_id"]: row for row in csv.DictReader(handle)}


def _kind(path: Path) -> tuple[str, bool]:
    """The inner suffix of a path (``a.html.gz`` -> ``.html``) and whether it is gzip-compressed."""
    compressed = path.suffix == GZIP_SUFFIX
    return (Path(path.stem).suffix if compressed else path.suffix).lower(), compressed


def _doc_id(path: Path) -> str:
    return Path(path.stem).stem if path.suffix == GZIP_SUFFIX else path.stem


def _read_bounded(path: Path, compressed: bool, limit: int) -> bytes | str:
    """The file's bytes (decompressed), or a message when it is unreadable or larger than ``limit`` bytes."""
    try:
        if not compressed:
            size = path.stat().st_size
            if size > limit:
                return f"file of {size:,} bytes exceeds what --max-chars allows ({limit:,} bytes); not read"
            return path.read_bytes()
        with gzip.open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    except (EOFError, zlib.error) as error:
        return f"corrupt gzip data: {error}"
    if len(data) > limit:
        return f"decompressed data exceeds what --max-chars allows ({limit:,} bytes); not read further"
    return data


def _file_article(
    path: Path,
    doc_id: str,
    text: str,
    metadata: dict[str, str] | None,
    max_chars: int,
    page_published: str | None = None,
) -> Iterator[InputItem]:
    """The article of one file; the folder's manifest row wins over a date found in the file itself."""
    metadata = metadata or {}
    article = Article(
        doc_id=doc_id,
        text=text,
        lang=metadata.get("lang") or None,
        published=metadata.get("published") or page_published,
        url=metadata.get("url") or None,
        source=str(path),
    )
    return _checked(article, max_chars)


def read_text_file(path: Path, max_chars: int, metadata: dict[str, str] | None = None) -> Iterator[InputItem]:
    """One article from a .txt file (or .txt.gz); the doc_id is the file name without its suffixes."""
    doc_id = _doc_id(path)
    data = _read_bounded(path, _kind(path)[1], max_chars * TEXT_BYTES_PER_CHAR)
    if isinstance(data, str):
        yield InputError(str(path), data, doc_id=doc_id)
        return
    text, problem = decode_text(data, str(path))
    if problem is not None:
        yield (
            problem if isinstance(problem, InputWarning) else InputError(problem.source, problem.message, doc_id=doc_id)
        )
    if text is None:
        return
    yield from _file_article(path, doc_id, text, metadata, max_chars)


def html_article(html: bytes) -> tuple[str, str | None, str | None]:
    """Main text (title first, paragraphs separated by a blank line as in the .txt corpus), title and
    publication date (ISO) of a web page, through trafilatura; navigation, footers and comments are left out."""
    import trafilatura  # lazy: only HTML inputs pay for its import

    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if found is None or not (found.text or "").strip():
        return "", getattr(found, "title", None), getattr(found, "date", None)
    paragraphs = [line.strip() for line in found.text.splitlines() if line.strip()]
    title = (found.title or "").strip() or None
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs), title, found.date or None


def read_html_file(path: Path, max_chars: int, metadata: dict[str, str] | None = None) -> Iterator[InputItem]:
    """One article from a web page (or .html.gz): its main text; the page's date becomes ``published``
    unless the folder's manifest gives one."""
    doc_id = _doc_id(path)
    data = _read_bounded(path, _kind(path)[1], max_chars * HTML_BYTES_PER_CHAR)
    if isinstance(data, str):
        yield InputError(str(path), data, doc_id=doc_id)
        return
    if b"\x00" in data[:8192]:
        yield InputError(str(path), "binary file, not HTML", doc_id=doc_id)
        return
    try:
        text, _title, published = html_article(data)
    except Exception as error:  # noqa: BLE001 - a page trafilatura cannot parse is one failed input
        yield InputError(str(path), f"cannot extract the page's text: {type(error).__name__}: {error}", doc_id=doc_id)
        return
    if not text:
        yield InputError(str(path), "no main text found in the page", doc_id=doc_id)
        return
    yield from _file_article(path, doc_id, text, metadata, max_chars, page_published=published)


def read_jsonl_file(path: Path, max_chars: int) -> Iterator[InputItem]:
    """Articles ``{"id", "text", "lang"?, "published"?, "url"?}``, one per line."""
    try:
        handle = gzip.open(path, "rb") if _kind(path)[1] else path.open("rb")  # noqa: SIM115 - closed below
    except OSError as error:
        yield InputError(str(path), f"cannot read: {error.strerror}")
        return
    limit = max_chars * TEXT_BYTES_PER_CHAR
    with handle:
        for line_number, raw in _bounded_lines(handle, limit):
            if isinstance(raw, str):
                yield InputError(str(path), raw, line_number)
                if raw.startswith("corrupt"):
                    return
                continue
            if not raw.strip():
                continue
            try:  # a BOM, which editors on Windows write, may open the file
                data = json.loads(raw.decode("utf-8-sig" if line_number == 1 else "utf-8"))
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
            yield from _checked(
                Article(doc_id=str(doc_id), text=text, source=f"{path}:{line_number}", **optional),
                max_chars,
                line_number,
            )


def _bounded_lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | str]]:
    """Numbered lines of a binary file; a line longer than ``limit`` bytes is skipped unread (a message instead),
    and corrupt compressed data ends the file with a message."""
    line_number = 0
    try:
        while True:
            raw = handle.readline(limit + 1)
            if not raw:
                return
            line_number += 1
            if len(raw) <= limit or raw.endswith(b"\n"):
                yield line_number, raw
                continue
            while raw and not raw.endswith(b"\n"):  # skip the rest of the oversized line, a chunk at a time
                raw = handle.readline(limit + 1)
            yield line_number, f"line exceeds what --max-chars allows ({limit:,} bytes); not read"
    except (OSError, EOFError, zlib.error) as error:
        yield line_number + 1, f"corrupt data: {error}"


def _read_file(path: Path, max_chars: int, manifest: dict[str, dict[str, str]]) -> Iterator[InputItem]:
    suffix, _ = _kind(path)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl_file(path, max_chars)
    if suffix in HTML_SUFFIXES:
        return read_html_file(path, max_chars, manifest.get(_doc_id(path)))
    return read_text_file(path, max_chars, manifest.get(_doc_id(path)))


def is_input_file(path: Path) -> bool:
    """Whether a folder's file is read: .txt, .html, .htm, .jsonl, or any of them .gz."""
    return path.is_file() and _kind(path)[0] in INPUT_SUFFIXES


def read_inputs(paths: Iterable[Path], max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[InputItem]:
    """Articles, warnings and errors from every path, in the order given (folders in file-name order).

    A doc_id is the key of the output and of the store: an article whose id an earlier article of the run already
    has ("a.txt" and "a.html", two folders, a JSONL id twice) is an error naming both sources, never a second record
    that would silently replace the first in the store.
    """
    first_source: dict[str, str] = {}
    for item in _read_paths(paths, max_chars):
        if isinstance(item, Article):
            if item.doc_id in first_source:
                message = f"duplicate id {item.doc_id!r}: already the id of {first_source[item.doc_id]}; not extracted"
                yield InputError(item.source, message, doc_id=item.doc_id)
                continue
            first_source[item.doc_id] = item.source
        yield item


def _read_paths(paths: Iterable[Path], max_chars: int) -> Iterator[InputItem]:
    for path in paths:
        if path.is_dir():
            manifest = read_manifest(path)
            files = sorted(p for p in path.iterdir() if is_input_file(p))
            if not files:
                yield InputError(str(path), "folder holds no .txt, .html or .jsonl file (or .gz of one)")
            for file in files:
                yield from _read_file(file, max_chars, manifest)
        elif not path.exists():
            yield InputError(str(path), "no such file or folder")
        else:
            yield from _read_file(path, max_chars, read_manifest(path.parent))


def reads(paths: Iterable[Path], target: Path) -> bool:
    """Whether :func:`read_inputs` over ``paths`` reads ``target``, or would once it exists: one of the paths, a file
    of an input folder with an input suffix, or the manifest read beside an input (compared after symlinks)."""
    target = target.resolve()
    for path in paths:
        path = path.resolve()
        folder = path if path.is_dir() else path.parent
        if target == path or target == folder / MANIFEST_NAME:
            return True
        if path.is_dir() and target.parent == path and _kind(target)[0] in INPUT_SUFFIXES:
            return True
    return False


def count_articles(paths: Iterable[Path]) -> int:
    """How many articles ``read_inputs`` will yield at most (one per file, one per non-blank JSON line), without
    parsing: the total of the progress bar. A JSONL file is counted from fixed-size chunks, so a line of a gigabyte
    costs no more memory than a short one."""
    total = 0
    for path in paths:
        files = sorted(p for p in path.iterdir() if is_input_file(p)) if path.is_dir() else [path]
        for file in files:
            if _kind(file)[0] not in JSONL_SUFFIXES:
                total += 1
                continue
            try:
                with gzip.open(file, "rb") if _kind(file)[1] else file.open("rb") as handle:
                    total += _count_lines(handle)
            except (OSError, EOFError, zlib.error):
                continue
    return total


COUNT_CHUNK_BYTES = 1 << 20


def _count_lines(handle: IO[bytes]) -> int:
    """Lines holding something other than white space, read a chunk at a time (a line is never materialized)."""
    count = 0
    open_line_has_text = False  # the line that the previous chunk left unfinished
    while chunk := handle.read(COUNT_CHUNK_BYTES):
        *finished, rest = chunk.split(b"\n")
        for piece in finished:
            count += open_line_has_text or bool(piece.strip())
            open_line_has_text = False
        open_line_has_text = open_line_has_text or bool(rest.strip())
    return count + open_line_has_text
