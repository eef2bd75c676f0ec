"""Messages for people (one line each, whatever the file names and ids they quote) and the end of standard
output."""

from __future__ import annotations

import os
import sys
import unicodedata

# Unicode categories escaped in messages: control characters (newline, carriage return, escape sequences) and the
# line and paragraph separators.
_LINE_BREAKING = frozenset({"Cc", "Zl", "Zp"})


def one_line(message: str) -> str:
    """``message`` with its control characters and line breaks escaped ("\\n"): a file name or an id holding a
    newline cannot forge a line of the log (a second "error:" line, a fake summary)."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in _LINE_BREAKING else char
        for char in message
    )


def os_error(error: OSError) -> str:
    """An OSError as "file: reason" ("out.jsonl: No space left on device"), without Python's "[Errno 28]"."""
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename is not None else reason


def discard_stdout() -> None:
    """Point standard output at /dev/null once it cannot be written (a reader gone, a full disk): the interpreter's
    last flush at exit would otherwise fail again, with a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
