"""Faults around a run: a worker killed mid-batch, a parent killed or told to stop.

The worker tests run a blank pipeline whose component kills its own process on a word (as the out-of-memory
killer would), so that no model is loaded; the functions the workers import live at this module's top level.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.readers.inputs import Article
from pipeline.runner.extract import ExtractionError
from pipeline.runner.parallel import DIED_TWICE, ProcessExecutor
from pipeline.runner.run import process

ROOT = Path(__file__).resolve().parent.parent


@Language.component("test_kills_its_process")
def _kills_its_process(doc: Doc) -> Doc:
    """"KILL" kills the worker every time; "KILL ONCE <marker file>" only while the marker does not exist."""
    words = doc.text.split()
    if words[:2] == ["KILL", "ONCE"]:
        marker = Path(words[2])
        if not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
    elif words[:1] == ["KILL"]:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


@cache
def killing_nlp(lang: str) -> Language:
    nlp = spacy.blank("fr")
    nlp.add_pipe("test_kills_its_process")
    return nlp


def test_faults_batches_lost_with_a_killed_worker_run_again_once(tmp_path: Path) -> None:
    marker = tmp_path / "killed-once"
    texts = ["Un article.", f"KILL ONCE {marker}", "Deux articles.", "KILL", "Trois articles."]
    articles = [Article(f"a{i}", text, source=f"a{i}.txt") for i, text in enumerate(texts)]
    executor = ProcessExecutor(1, in_flight=2, nlp_for=killing_nlp)
    try:
        outcomes = list(process(articles, None, batch_size=1, executor=executor))
    finally:
        executor.close()
    assert [type(o).__name__ for o in outcomes] == ["Document", "Document", "Document", "ExtractionError", "Document"]
    assert marker.exists()  # the worker was killed once on a1, whose batch came back on the second try
    assert isinstance(outcomes[3], ExtractionError) and outcomes[3].message == DIED_TWICE
    assert str(outcomes[3]) == f"a3.txt: extraction failed: {DIED_TWICE}"


def missing_model(lang: str) -> Language:
    raise OSError(f"[E050] Can't find model for {lang!r}")


def test_faults_workers_that_cannot_start_fail_every_batch_at_once() -> None:
    """Not after a five-minute wait for workers that will never be ready: the pool breaks, the reason is given."""
    articles = [Article(f"a{i}", "Un article.", source=f"a{i}.txt") for i in range(3)]
    executor = ProcessExecutor(2, nlp_for=missing_model)
    started = time.monotonic()
    try:
        outcomes = list(process(articles, None, batch_size=1, executor=executor))
    finally:
        executor.close()
    assert time.monotonic() - started < 60
    assert [type(o).__name__ for o in outcomes] == ["ExtractionError"] * 3
    assert all(o.message.startswith("worker processes could not start (see the messages above)") for o in outcomes)


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


PARENT = """
import sys, time
sys.path.insert(0, {tests!r})
from test_faults import killing_nlp
from pipeline.runner.parallel import ProcessExecutor
executor = ProcessExecutor(2, nlp_for=killing_nlp)
executor.start()
print("started", flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process parents from /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_faults_workers_end_with_their_parent(sig: signal.Signals) -> None:
    """A parent killed without a chance to clean up (SIGKILL) or ended by SIGTERM outside a run leaves no worker
    process, nor the resource tracker, behind."""
    code = PARENT.format(tests=str(Path(__file__).parent))
    with subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True) as parent:
        assert parent.stdout.readline() == "started\n"
        children = _children(parent.pid)
        assert len(children) >= 2  # two workers (and the resource tracker)
        parent.send_signal(sig)
        parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in children if _alive(pid)] == []
