"""Read articles from paths: .txt and .html files, JSON-lines files of articles, .gz of any of those, and folders.

Reading is lazy (one article in memory at a time) and never stops at a bad input: each problem is yielded as an
:class:`InputError` naming the file (and line), in input order, between the good articles. A file is never read
(or decompressed) past what ``max_chars`` allows, so an oversized input is refused in bounded memory.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from pipeline.readers.decoding import Decoded, decode_text, page_markup
from pipeline.readers.manifest import ManifestError, read_manifest
from pipeline.readers.paths import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    doc_id_of,
    folder_entries,
    kind,
    unreadable,
)

DEFAULT_MAX_CHARS = 1_000_000
# A file is refused unread above these many bytes per allowed character: UTF-8 takes at most 4 bytes a character,
# and a page's markup (navigation, scripts, styles) is typically several times its text.
TEXT_BYTES_PER_CHAR = 4
HTML_BYTES_PER_CHAR = 16
# A page whose main text (its title aside) is shorter than this is no article: what is left of a menu, a cookie
# notice or a paywall ("Accueil", "Abonnez-vous").
MIN_PAGE_TEXT_CHARS = 100


@dataclass(frozen=True, slots=True)
class Article:
    """One article to extract; ``source`` is the file it comes from and ``line`` its line in a JSONL file."""

    doc_id: str
    text: str
    lang: str | None = None
    published: str | None = None
    url: str | None = None
    source: str = ""
    line: int | None = None

    @property
    def where(self) -> str:
        """"file" or "file:line", as every message and the store's errors table name an input."""
        return _where(self.source, self.line)


def _where(source: str, line: int | None) -> str:
    return f"{source}:{line}" if line is not None else source


@dataclass(frozen=True, slots=True)
class InputError:
    """A path or line that yields no article; ``doc_id`` is known when the error is about one article."""

    source: str
    message: str
    line: int | None = None
    doc_id: str | None = None

    def __str__(self) -> str:
        return f"{_where(self.source, self.line)}: {self.message}"


@dataclass(frozen=True, slots=True)
class InputWarning:
    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{_where(self.source, self.line)}: warning: {self.message}"


InputItem = Article | InputError | InputWarning


def _checked(article: Article, max_chars: int) -> Iterator[InputItem]:
    """The article, or the error that refuses it; a ``published`` that is no date is a warning and left out."""
    source, line, doc_id = article.source, article.line, article.doc_id
    if not article.text.strip():
        yield InputError(source, "empty text", line, doc_id)
        return
    if len(article.text) > max_chars:
        message = f"text of {len(article.text):,} characters exceeds the limit of {max_chars:,} (--max-chars)"
        yield InputError(source, message, line, doc_id)
        return
    # ``published`` becomes the record's dct, which the schema wants as "YYYY-MM-DD": anything else is left out
    published = iso_date(article.published)
    if article.published is not None and published is None:
        yield InputWarning(source, f"published {article.published!r} is not an ISO date; left out", line)
    yield replace(article, published=published)


def iso_date(value: str | None) -> str | None:
    """``value`` as "YYYY-MM-DD" (an ISO date, or the date of an ISO date-time), or None when it is no date."""
    try:
        return dt.datetime.fromisoformat(value or "").date().isoformat()
    except ValueError:
        return None


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
    doc_id = doc_id_of(path)
    data = _read_bounded(path, kind(path)[1], max_chars * TEXT_BYTES_PER_CHAR)
    if isinstance(data, str):
        yield InputError(str(path), data, doc_id=doc_id)
        return
    decoded = decode_text(data)
    yield from _decoding_problems(path, doc_id, decoded)
    if isinstance(decoded.content, str):
        yield from _file_article(path, doc_id, decoded.content, metadata, max_chars)


def _decoding_problems(path: Path, doc_id: str, decoded: Decoded) -> Iterator[InputItem]:
    yield from (InputWarning(str(path), warning) for warning in decoded.warnings)
    if decoded.error is not None:
        yield InputError(str(path), decoded.error, doc_id=doc_id)


def html_article(html: bytes | str) -> tuple[str, str | None, str | None]:
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
    doc_id = doc_id_of(path)
    data = _read_bounded(path, kind(path)[1], max_chars * HTML_BYTES_PER_CHAR)
    if isinstance(data, str):
        yield InputError(str(path), data, doc_id=doc_id)
        return
    markup = page_markup(data)
    yield from _decoding_problems(path, doc_id, markup)
    if markup.content is None:
        return
    try:
        text, title, published = html_article(markup.content)
    except Exception as error:  # noqa: BLE001 - a page trafilatura cannot parse is one failed input
        yield InputError(str(path), f"cannot extract the page's text: {type(error).__name__}: {error}", doc_id=doc_id)
        return
    if not text:
        yield InputError(str(path), "no main text found in the page", doc_id=doc_id)
        return
    main_text = text.removeprefix(title or "").strip()
    if len(main_text) < MIN_PAGE_TEXT_CHARS:
        message = (f"main text of {len(main_text)} characters is too short for an article "
                   f"(at least {MIN_PAGE_TEXT_CHARS}, title aside); not extracted")
        yield InputError(str(path), message, doc_id=doc_id)
        return
    yield from _file_article(path, doc_id, text, metadata, max_chars, page_published=published)


def read_jsonl_file(path: Path, max_chars: int) -> Iterator[InputItem]:
    """Articles ``{"id", "text", "lang"?, "published"?, "url"?}``, one per line."""
    try:
        handle = gzip.open(path, "rb") if kind(path)[1] else path.open("rb")  # noqa: SIM115 - closed below
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
                Article(doc_id=str(doc_id), text=text, source=str(path), line=line_number, **optional), max_chars
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
    suffix, _ = kind(path)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl_file(path, max_chars)
    if suffix in HTML_SUFFIXES:
        return read_html_file(path, max_chars, manifest.get(doc_id_of(path)))
    return read_text_file(path, max_chars, manifest.get(doc_id_of(path)))


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
                yield InputError(item.source, message, item.line, item.doc_id)
                continue
            first_source[item.doc_id] = item.where
        yield item


def _read_paths(paths: Iterable[Path], max_chars: int) -> Iterator[InputItem]:
    for path in paths:
        if path.is_dir():
            yield from _read_folder(path, max_chars)
            continue
        problem = unreadable(path)
        if problem is not None:
            yield InputError(str(path), problem)
            continue
        try:
            manifest = read_manifest(path.parent)
        except ManifestError as error:
            yield _manifest_error(error, "this file is not read")
            continue
        yield from _read_file(path, max_chars, manifest)


def _read_folder(folder: Path, max_chars: int) -> Iterator[InputItem]:
    try:
        manifest = read_manifest(folder)
        entries = folder_entries(folder)
    except ManifestError as error:
        yield _manifest_error(error, "the folder's files are not read")
        return
    except OSError as error:
        yield InputError(str(folder), f"cannot read the folder: {error.strerror or error}")
        return
    if not entries:
        yield InputError(str(folder), "folder holds no .txt, .html or .jsonl file (or .gz of one)")
    for file, problem in entries:
        if problem is not None:
            yield InputError(str(file), problem, doc_id=doc_id_of(file))
        else:
            yield from _read_file(file, max_chars, manifest)


def _manifest_error(error: ManifestError, consequence: str) -> InputError:
    """A manifest that cannot be read stops its folder: its metadata (language, publication date) would be wrong."""
    return InputError(str(error.path), f"{error.message}; {consequence}", error.line)
