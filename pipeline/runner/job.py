"""The extract command from start to end: its outputs are checked before any work, and the run ends cleanly
whatever stops it (a full disk, a store that cannot be written, SIGTERM, Ctrl-C): the store keeps every article
committed until then, the ``--out`` file is written whole or not at all (no ``.partial`` file is left), worker
processes are ended, and one line says what happened and how far the run went."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pipeline.messages import discard_stdout, one_line
from pipeline.readers.inputs import read_inputs
from pipeline.readers.paths import reads
from pipeline.runner.parallel import Executor
from pipeline.runner.progress import Progress
from pipeline.runner.run import AtomicOutput, OutputError, Summary, run_extraction
from pipeline.runner.signals import Interrupted, sigterm_interrupts
from pipeline.runner.store import ClaimStore, StoreError


@dataclass(frozen=True, slots=True)
class ExtractJob:
    paths: list[Path]
    out: Path | None
    db: Path | None
    batch_size: int
    max_chars: int
    quiet: bool = False


def refusal(job: ExtractJob) -> str | None:
    """Why the job's outputs cannot be used, found before any work: an output that is an input of the run, or a
    folder (found otherwise only at the end, when the finished output is renamed onto it)."""
    for option, target in (("--out", job.out), ("--db", job.db)):
        if target is None:
            continue
        if reads(job.paths, target):
            return f"{option} {target} is read as an input of this run; not overwritten"
        if target.is_dir():
            return f"{option} {target} is a folder; give a file name"
    return None


def run_job(job: ExtractJob, make_executor: Callable[[], Executor], log: TextIO | None = None) -> int:
    """Run the job; its exit status: 0, 1 (articles failed, or the run stopped on a write failure), 2 (nothing
    could start: see :func:`refusal`, an executor, a store or an output that cannot be opened), 128 + the signal.
    Messages go to ``log`` (default: standard error)."""
    log = log if log is not None else sys.stderr
    problem = refusal(job)
    if problem is not None:
        return _fail(problem, 2, log)
    try:
        executor = make_executor()
    except (ValueError, OSError) as error:
        return _fail(str(error), 2, log)
    summary = Summary()
    stopped: tuple[str, int] | None = None
    try:
        with sigterm_interrupts(), contextlib.ExitStack() as stack:
            stack.callback(executor.close)  # closed last: on a stop, its workers are ended rather than waited for
            try:
                store = stack.enter_context(ClaimStore(job.db)) if job.db else None
                output = stack.enter_context(AtomicOutput(job.out)) if job.out else None
            except (StoreError, OutputError) as error:
                return _fail(str(error), 2, log)
            progress = Progress(job.paths, log, enabled=False if job.quiet else None)
            stack.callback(progress.close)
            try:
                run_extraction(read_inputs(job.paths, max_chars=job.max_chars), None,
                               output.handle if output else sys.stdout, store=store, batch_size=job.batch_size,
                               log=progress.log, executor=executor, on_article=progress.advance, summary=summary)
                if output is not None:
                    output.commit()
            except (StoreError, OutputError) as error:
                if output is None and isinstance(error, OutputError):
                    discard_stdout()
                stopped = (f"{error}; {_how_far(job, summary)}", 1)
    except (Interrupted, KeyboardInterrupt) as error:
        signum = error.signum if isinstance(error, Interrupted) else signal.SIGINT
        stopped = (f"interrupted by {signal.Signals(signum).name}; {_how_far(job, summary)}", 128 + signum)
    if stopped is not None:  # told once the progress bar, the output, the store and the workers are closed
        return _fail(*stopped, log)
    print(summary.line(), file=log)
    return 1 if summary.failed else 0


def _how_far(job: ExtractJob, summary: Summary) -> str:
    parts = [f"stopped after {summary.line()}"]
    if job.out is not None:
        parts.append(f"{job.out} not written")
    if job.db is not None:
        parts.append(f"{job.db} keeps every article done: run again to finish")
    return "; ".join(parts)


def _fail(message: str, status: int, log: TextIO) -> int:
    print(one_line(f"error: {message}"), file=log)
    return status
