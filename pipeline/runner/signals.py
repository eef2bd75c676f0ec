"""How a run ends when it is told to: SIGTERM stops the parent as Ctrl-C does (its clean-up runs), and worker
processes end with their parent however it ends, SIGKILL included, instead of holding their memory for good."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

# From <linux/prctl.h>: the signal a process receives when its parent ends.
_PR_SET_PDEATHSIG = 1
# How often a worker checks that its parent is alive where the kernel cannot tell it (not Linux).
PARENT_POLL_SECONDS = 1.0


class Interrupted(BaseException):  # noqa: N818 - named as KeyboardInterrupt is, for the same kind of event
    """Raised in the main thread by SIGTERM. A BaseException, as KeyboardInterrupt is, so that no ``except
    Exception`` on the way (an article's error handling) swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Interrupted` in the main thread; a second SIGTERM ends the process
    at once (the default), for a clean-up that hangs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def die_with_parent(parent_pid: int) -> None:
    """End this (worker) process when the process ``parent_pid`` that started it ends.

    On Linux the kernel sends SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG): immediate, even when the parent
    was killed with SIGKILL and could clean nothing up. Everywhere, a daemon thread also polls the parent's pid (a
    parent's death makes the process a child of another one), which covers the other systems.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent ended before the line above: no signal will come
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)
