"""Which files a run reads: the input suffixes, a folder's files in name order (and the entries that cannot be
opened, which are reported rather than skipped), what a path names, and how many articles the paths hold."""

from __future__ import annotations

import errno
import gzip
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from pipeline.readers.manifest import MANIFEST_NAME

# Folder reading takes these suffixes (each also compressed as ``<suffix>.gz``), in name order.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
GZIP_SUFFIX = ".gz"
COUNT_CHUNK_BYTES = 1 << 20


def kind(path: Path) -> tuple[str, bool]:
    """The inner suffix of a path (``a.html.gz`` -> ``.html``) and whether it is gzip-compressed."""
    compressed = path.suffix == GZIP_SUFFIX
    return (Path(path.stem).suffix if compressed else path.suffix).lower(), compressed


def doc_id_of(path: Path) -> str:
    """The doc_id of a file: its name without its suffixes."""
    return Path(path.stem).stem if path.suffix == GZIP_SUFFIX else path.stem


def is_input_file(path: Path) -> bool:
    """Whether a folder's file is read: .txt, .html, .htm, .jsonl, or any of them .gz."""
    return path.is_file() and kind(path)[0] in INPUT_SUFFIXES


def unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be opened (a symbolic link loop, a link to nothing, no such file), else None."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "cannot read: symbolic link loop"
        if path.is_symlink():
            return "cannot read: symbolic link to a missing file"
        if error.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read: {error.strerror or error}"
    return None


def folder_entries(folder: Path) -> list[tuple[Path, str | None]]:
    """A folder's input files in name order, each with None, or with why it cannot be opened: an entry with an
    input suffix that is a symbolic link loop or a link to nothing is reported, never skipped silently."""
    entries = []
    for path in folder.iterdir():
        if kind(path)[0] not in INPUT_SUFFIXES:
            continue
        if path.is_file():
            entries.append((path, None))
        elif path.is_symlink():
            entries.append((path, unreadable(path) or "cannot read: not a file"))
    return sorted(entries)


def reads(paths: Iterable[Path], target: Path) -> bool:
    """Whether :func:`read_inputs` over ``paths`` reads ``target``, or would once it exists: one of the paths, a file
    of an input folder with an input suffix, or the manifest read beside an input (compared after symlinks)."""
    target = _real(target)
    for path in paths:
        path = _real(path)
        folder = path if path.is_dir() else path.parent
        if target == path or target == folder / MANIFEST_NAME:
            return True
        if path.is_dir() and target.parent == path and kind(target)[0] in INPUT_SUFFIXES:
            return True
    return False


def _real(path: Path) -> Path:
    # os.path.realpath, not Path.resolve: on a symbolic link loop it returns a path instead of raising
    return Path(os.path.realpath(path))


def count_articles(paths: Iterable[Path]) -> int:
    """How many articles ``read_inputs`` will yield at most (one per file, one per non-blank JSON line), without
    parsing: the total of the progress bar. A JSONL file is counted from fixed-size chunks, so a line of a gigabyte
    costs no more memory than a short one."""
    total = 0
    for path in paths:
        try:
            entries = folder_entries(path) if path.is_dir() else [(path, None)]
        except OSError:
            continue
        for file, problem in entries:
            if problem is not None or kind(file)[0] not in JSONL_SUFFIXES:
                total += 1
                continue
            try:
                with gzip.open(file, "rb") if kind(file)[1] else file.open("rb") as handle:
                    total += _count_lines(handle)
            except (OSError, EOFError, zlib.error):
                continue
    return total


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
