"""Bytes of a text or HTML file -> what the readers parse: a byte-order mark decides the encoding, binary data is
refused, a few stray NUL bytes in otherwise-text data are dropped (with a warning), and a .txt that is not UTF-8 is
read in the legacy encoding (with a warning).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Legacy encoding tried when a text file is not UTF-8: Windows-1252 is what French pages and exports use
# in practice (a superset of Latin-1 for printable characters).
LEGACY_ENCODING = "cp1252"
# Encodings announced by a byte-order mark. UTF-32's marks first: the little-endian one starts like UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes looked at to tell binary data from text, and the share of control bytes (NUL included; tab, line feed,
# form feed and carriage return excepted) above which it is binary: an image or an archive has about 10 %, text
# that a tool damaged a few NULs.
SNIFF_BYTES = 8192
BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\f\r")


@dataclass(frozen=True, slots=True)
class Decoded:
    """What came out of a file's bytes: its text (or its markup, for HTML), or None when it is refused (``error``
    says why); ``warnings`` are the repairs made on the way."""

    content: str | bytes | None
    error: str | None = None
    warnings: tuple[str, ...] = ()


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` announces, else None."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def looks_binary(data: bytes) -> bool:
    sample = data[:SNIFF_BYTES]
    control = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return bool(sample) and control / len(sample) > BINARY_CONTROL_SHARE


def _nul_free(decoded: Decoded) -> Decoded:
    """``decoded`` with its NUL bytes (or characters) dropped, a warning saying how many."""
    content = decoded.content
    if isinstance(content, str):
        count, cleaned = content.count("\x00"), content.replace("\x00", "")
    elif isinstance(content, bytes):
        count, cleaned = content.count(0), content.replace(b"\x00", b"")
    else:
        return decoded
    if not count:
        return decoded
    return Decoded(cleaned, warnings=(f"{count} NUL byte(s) dropped", *decoded.warnings))


def _with_bom(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding))
    except UnicodeDecodeError as error:
        return Decoded(None, f"not valid {encoding.removesuffix('-sig').upper()} (byte {error.start})")


def _decoded(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        try:
            text = data.decode(LEGACY_ENCODING)
        except UnicodeDecodeError:
            return Decoded(None, f"not valid UTF-8 (byte {error.start}) nor {LEGACY_ENCODING}")
        return Decoded(text, warnings=(f"not valid UTF-8; decoded as {LEGACY_ENCODING}",))


def decode_text(data: bytes) -> Decoded:
    """The text of a .txt file: as its byte-order mark says (UTF-8, UTF-16, UTF-32), else UTF-8, else the legacy
    encoding with a warning; binary data is refused and stray NUL bytes are dropped."""
    encoding = bom_encoding(data)
    if encoding is not None:
        return _nul_free(_with_bom(data, encoding))
    if looks_binary(data):
        return Decoded(None, "binary file, not text")
    return _nul_free(_decoded(data))


def page_markup(data: bytes) -> Decoded:
    """The markup of an .html file for the page parser: decoded when a byte-order mark gives its encoding, else
    bytes (the parser reads the page's declared charset); binary data is refused and stray NUL bytes are dropped."""
    encoding = bom_encoding(data)
    if encoding is not None:
        return _nul_free(_with_bom(data, encoding))
    if looks_binary(data):
        return Decoded(None, "binary file, not HTML")
    return _nul_free(Decoded(data))
