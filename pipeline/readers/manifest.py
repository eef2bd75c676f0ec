"""A folder's ``manifest.csv``: metadata per doc_id (lang, published, published_source, and optionally url)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

MANIFEST_NAME = "manifest.csv"
KEY_COLUMN = "doc_id"


class ManifestError(ValueError):
    """A manifest that cannot be read: its folder's metadata would be wrong, so its files are not read."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.line = path, message, line


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Rows of the folder's ``manifest.csv`` keyed by doc_id ({} when it has none); a manifest that is not UTF-8
    (a byte-order mark is accepted: spreadsheets write one), is not CSV or has no doc_id column raises
    :class:`ManifestError` naming the line."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ManifestError(path, f"cannot read: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ManifestError(path, f"not valid UTF-8 (byte {error.start})", line) from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if KEY_COLUMN not in (reader.fieldnames or []):
            columns = ", ".join(reader.fieldnames or []) or "none"
            raise ManifestError(path, f"no {KEY_COLUMN} column (columns: {columns})", 1)
        return {row[KEY_COLUMN]: row for row in reader if row[KEY_COLUMN]}
    except csv.Error as error:  # the reader counts the lines it finished: the error is in the next one
        raise ManifestError(path, f"not CSV: {error}", reader.line_num + 1) from error
