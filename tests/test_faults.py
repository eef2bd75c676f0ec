"""Faults around a run: a worker killed mid-batch, a parent killed or told to stop, outputs that cannot be written.

The worker tests run a blank pipeline whose component kills its own process on a word (as the out-of-memory
killer would), so that no model is loaded; the functions the workers import live at this module's top level.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import cli
from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.readers.inputs import Article, read_inputs
from pipeline.records import Document
from pipeline.runner.extract import ExtractionError
from pipeline.runner.parallel import DIED_TWICE, ProcessExecutor
from pipeline.runner.run import AtomicOutput, process
from pipeline.runner.store import ClaimStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


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
    articles = [Article(f"a{i}", text, lang="fr", source=f"a{i}.txt") for i, text in enumerate(texts)]
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
    articles = [Article(f"a{i}", "Un article.", lang="fr", source=f"a{i}.txt") for i in range(3)]
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
def test_faults_workers_end_with_their_parent() -> None:
    """A parent killed without a chance to clean up (SIGKILL) leaves no worker process, nor the resource tracker,
    behind."""
    code = PARENT.format(tests=str(Path(__file__).parent))
    with subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True) as parent:
        assert parent.stdout.readline() == "started\n"
        children = _children(parent.pid)
        assert len(children) >= 2  # two workers (and the resource tracker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in children if _alive(pid)] == []


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    text = (CORPUS / "003_546742847a512ba8.txt").read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"art{i:03d}.txt").write_text(f"Article {i}.\n\n{text}", encoding="utf-8")
    return folder


def _documents(db: Path) -> int:
    try:
        with sqlite3.connect(db) as connection:
            return connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process parents from /proc")
def test_faults_sigterm_during_a_parallel_run_stops_it_cleanly(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 40)
    out, db = tmp_path / "out.jsonl", tmp_path / "s.sqlite"
    args = [sys.executable, "-m", "pipeline", "extract", str(folder), "--out", str(out), "--db", str(db),
            "--processes", "2", "--batch-size", "2"]
    with subprocess.Popen(args, cwd=ROOT, stderr=subprocess.PIPE, text=True) as run:
        deadline = time.monotonic() + 300
        while _documents(db) < 4 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        children = _children(run.pid)
        run.send_signal(signal.SIGTERM)
        stderr = run.stderr.read()
        run.wait(timeout=60)
    assert run.returncode == 128 + signal.SIGTERM, stderr
    done = _documents(db)
    assert stderr.splitlines() == [
        f"error: interrupted by SIGTERM; stopped after {done} articles, {done} extracted, 0 failed; {out} not "
        f"written; {db} keeps every article done: run again to finish"
    ]
    assert 4 <= done < 40 and not out.exists() and not out.with_name("out.jsonl.partial").exists()
    time.sleep(1)
    assert [pid for pid in children if _alive(pid)] == []
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        orphans = connection.execute("SELECT COUNT(*) FROM claims WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        assert orphans.fetchone() == (0,)


# --- outputs that cannot be written -------------------------------------------------------------------------------


class _FullDisk(io.TextIOBase):
    """A file that takes ``lines`` lines, then fails as a full disk does (on a write, and on the last flush)."""

    def __init__(self, handle: io.TextIOBase, lines: int) -> None:
        self.handle, self.lines = handle, lines

    def write(self, text: str) -> int:
        if self.lines == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.lines -= 1
        return self.handle.write(text)

    def close(self) -> None:
        self.handle.close()
        if self.lines == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _extract(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(["extract", *args, "--quiet"])
    return status, capsys.readouterr().err


def test_faults_full_disk_stops_the_run_and_leaves_the_store_consistent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], nlp: Language
) -> None:
    folder = _folder(tmp_path, 6)
    out, db = tmp_path / "out.jsonl", tmp_path / "s.sqlite"
    opened = AtomicOutput.__init__

    def full_after_one_line(self: AtomicOutput, path: Path) -> None:
        opened(self, path)
        self.handle = _FullDisk(self.handle, lines=1)  # type: ignore[assignment]

    monkeypatch.setattr(AtomicOutput, "__init__", full_after_one_line)
    status, stderr = _extract(str(folder), "--out", str(out), "--db", str(db), "--batch-size", "1", capsys=capsys)
    assert status == 1
    assert stderr.splitlines() == [
        f"error: cannot write the output: {os.strerror(errno.ENOSPC)}; stopped after 1 articles, 1 extracted, "
        f"0 failed; {out} not written; {db} keeps every article done: run again to finish"
    ]
    assert not out.exists() and not out.with_name("out.jsonl.partial").exists()
    done = _documents(db)
    assert done >= 2  # the second article was stored before its line could not be written

    monkeypatch.undo()  # space again: the run finishes, extracting only what is missing
    status, stderr = _extract(str(folder), "--out", str(out), "--db", str(db), capsys=capsys)
    assert (status, stderr.splitlines()[-1]) == (0, f"6 articles, {6 - done} extracted, {done} unchanged, 0 failed")
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        f"art{i:03d}" for i in range(6)
    ]


def test_faults_store_that_fills_up_rolls_the_article_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], nlp: Language
) -> None:
    folder = _folder(tmp_path, 4)
    out, db = tmp_path / "out.jsonl", tmp_path / "s.sqlite"
    calls = []

    def full_at_the_second_document(self: ClaimStore, *args: object) -> None:
        calls.append(args)
        if len(calls) == 2:  # inside put's transaction, after the first document's rows were replaced
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ClaimStore, "_clear_errors", full_at_the_second_document)
    status, stderr = _extract(str(folder), "--out", str(out), "--db", str(db), capsys=capsys)
    assert status == 1
    assert stderr.splitlines() == [
        f"error: {db}: cannot write to the store: database or disk is full; stopped after 1 articles, 1 extracted, "
        f"0 failed; {out} not written; {db} keeps every article done: run again to finish"
    ]
    assert _documents(db) == 1 and not out.with_name("out.jsonl.partial").exists()


@pytest.mark.parametrize("option", ["--out", "--db"])
def test_faults_output_that_cannot_be_opened_is_refused_before_any_work(
    tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Nvidia a vendu 3 millions de GPU.", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "out"  # a path under a file: no folder can be made there, as in a read-only one
    assert _extract(str(article), option, str(target), capsys=capsys)[0] == 2
    folder = tmp_path / "folder"
    folder.mkdir()
    status, stderr = _extract(str(article), option, str(folder), capsys=capsys)
    assert (status, stderr) == (2, f"error: {option} {folder} is a folder; give a file name\n")
    not_a_store = tmp_path / "notes.txt.bak"
    not_a_store.write_text("Ceci n'est pas une base SQLite." * 100, encoding="utf-8")
    if option == "--db":
        status, stderr = _extract(str(article), option, str(not_a_store), capsys=capsys)
        assert (status, stderr) == (2, f"error: {not_a_store}: cannot open the store: file is not a database\n")
    assert sorted(tmp_path.iterdir()) == sorted([article, blocker, folder, not_a_store])  # nothing left behind


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_faults_standard_output_on_a_full_device(tmp_path: Path, nlp: Language) -> None:
    """Records written to stdout on a full device: one message, status 1, no traceback. The articles are read back
    unchanged from a store filled here, so that the run loads no model."""
    article = tmp_path / "a.txt"
    article.write_text("Nvidia a vendu 3 millions de GPU.", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    with ClaimStore(db) as store:
        assert all(isinstance(o, Document) for o in process(read_inputs([article]), lambda lang: nlp, store))
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(article), "--db", str(db)],
                                cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    # the line fails when it is written or, if it was buffered, when the run flushes its output at the end
    stopped = r"stopped after (0 articles, 0 extracted|1 articles, 0 extracted, 1 unchanged), 0 failed"
    assert result.returncode == 1
    assert re.fullmatch(f"error: cannot write the output: {os.strerror(errno.ENOSPC)}; {stopped}; "
                        f"{re.escape(str(db))} keeps every article done: run again to finish\n", result.stderr)
