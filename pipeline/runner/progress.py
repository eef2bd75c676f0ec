"""A progress bar (articles/s and ETA) on a terminal; nothing at all when stderr is not a TTY."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from pipeline.readers.paths import count_articles

# Until the first article is done the run is loading the pipeline (20-30 s for the model), which the bar says
# rather than sitting silently at 0/N.
LOADING = "loading the model…"
# The rate is always articles per second: tqdm's default turns a rate below one into "1.54s/ articles".
BAR_FORMAT = "{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_noinv_fmt}{postfix}]"


class Progress:
    """Advance with :meth:`advance`; messages go through :attr:`log` so they do not tear the bar."""

    def __init__(self, paths: Iterable[Path], stream: TextIO, enabled: bool | None = None) -> None:
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.bar = (
            tqdm(total=count_articles(paths), unit=" articles", file=stream, dynamic_ncols=True, smoothing=0.05,
                 desc=LOADING, bar_format=BAR_FORMAT)
            if self.enabled
            else None
        )
        self.log: TextIO = _BarLog(self) if self.enabled else stream  # type: ignore[assignment]

    def advance(self) -> None:
        if self.bar is not None:
            if self.bar.n == 0:
                self.bar.set_description_str("", refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _BarLog:
    """A file-like ``log`` that prints above the bar (``print`` writes the text, then the newline)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def write(self, text: str) -> int:
        if text.strip("\n"):
            tqdm.write(text.rstrip("\n"), file=self.progress.stream)
        return len(text)

    def flush(self) -> None:
        self.progress.stream.flush()
