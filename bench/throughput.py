"""Throughput benchmark (a script, not a test): full pipeline vs bare fr_core_news_md, measured in one run.

Synthetic corpus: every article of ``corpus/`` is cut into its body lines (the detected body, boilerplate left out);
each synthetic article is a title line plus 6-14 lines drawn at random (seeded) from that pool, so the texts have the
genre, length and figure density of the real ones without being copies. Prints, as medians over ``--repeats`` runs:
articles/s and tokens/s of bare ``nlp.pipe``, of bare + each component alone, and of the full pipeline; the ratios
to bare; the time of the claim component alone as a share of the bare model's; 1 vs 2 processes through the code
path of ``extract --processes N`` with the peak RSS of each process;
the time of an unchanged re-run of a folder (CLI with ``--db``, twice) against the first run; with
``--memory-articles N``, the RSS of every process at 10%, 50% and 100% of N articles streamed through the CLI path.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import spacy

from pipeline.cli import _executor
from pipeline.components.body import BodySignals, find_body
from pipeline.nlp import COMPONENTS, build_nlp, shared_nlp
from pipeline.readers.inputs import read_inputs
from pipeline.runner.parallel import ProcessExecutor
from pipeline.runner.run import run_extraction
from pipeline.runner.store import ClaimStore

ROOT = Path(__file__).resolve().parent.parent


def synthetic_texts(corpus: Path, count: int, seed: int = 13, lines: tuple[int, int] = (7, 15)) -> Iterator[str]:
    signals = BodySignals.for_language("fr")
    pool: list[str] = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        start, end = find_body(text, signals)
        pool.extend(line.strip() for line in text[start:end].splitlines() if len(line.split()) > 3)
    rng = random.Random(seed)
    for _ in range(count):
        yield "\n\n".join(rng.sample(pool, rng.randint(*lines)))


def synthetic_corpus(corpus: Path, count: int, seed: int = 13) -> list[str]:
    return list(synthetic_texts(corpus, count, seed))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_pipe(nlp: spacy.language.Language, texts: list[str], batch_size: int) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (the CPU time of this process is what other jobs on the machine do not change)."""
    start, cpu_start = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return time.perf_counter() - start, time.process_time() - cpu_start, tokens


def write_folder(texts: list[str], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"syn{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder


class RssSampler:
    """Peak RSS (MB) of this process and of each of its child processes (the workers), sampled in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval, self.peaks, self._stop = interval, {}, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.interval):
            self.sample(me)

    def sample(self, me: psutil.Process | None = None) -> dict[int, float]:
        me = me or psutil.Process()
        now: dict[int, float] = {}
        for process in [me, *me.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                now[process.pid] = process.memory_info().rss / 2**20
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0.0), now[process.pid])
        return now

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()


def cli_path_seconds(folder: Path, processes: int, batch_size: int) -> tuple[float, int, dict[int, float]]:
    """Seconds to extract a folder through the CLI's own code path (``extract --processes N``), model loading
    excluded (the workers, or this process, load the pipeline before the clock starts); records go to /dev/null."""
    executor = _executor(argparse.Namespace(processes=processes, engine="local", scheduler=None))
    if isinstance(executor, ProcessExecutor):
        executor.start()
    else:
        shared_nlp("fr")
    with RssSampler() as sampler, open(os.devnull, "w", encoding="utf-8") as sink:
        start = time.perf_counter()
        summary = run_extraction(
            read_inputs([folder]), None, sink, batch_size=batch_size, log=sys.stderr, executor=executor
        )
        elapsed = time.perf_counter() - start
    executor.close()
    return elapsed, summary.extracted, sampler.peaks


def rerun_seconds(folder: Path, db: Path, processes: int) -> tuple[float, float, str, str]:
    """The CLI run as a user runs it (a subprocess, startup included), twice on the same folder and store."""
    times, lines = [], []
    for _ in range(2):
        start = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline",
                "extract",
                str(folder),
                "--db",
                str(db),
                "--out",
                str(db.with_suffix(".jsonl")),
                "--processes",
                str(processes),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(time.perf_counter() - start)
        lines.append(result.stderr.strip().splitlines()[-1])
    return times[0], times[1], lines[0], lines[1]


def memory_profile(
    count: int, processes: int, batch_size: int, workdir: Path, lines: tuple[int, int]
) -> list[tuple[str, int, dict]]:
    """``count`` synthetic articles (one JSONL file, written streaming) extracted through the CLI path with a
    store; the RSS of this process and of each worker at 10%, 50% and 100% of the articles."""
    source = workdir / "memory.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(synthetic_texts(ROOT / "corpus", count, seed=29, lines=lines)):
            handle.write(json.dumps({"id": f"m{i:06d}", "text": text}, ensure_ascii=False) + "\n")
    executor = _executor(argparse.Namespace(processes=processes, engine="local", scheduler=None))
    marks = {max(1, count * pct // 100): f"{pct}%" for pct in (10, 50, 100)}
    samples: list[tuple[str, int, dict]] = []
    sampler = RssSampler()
    done = 0

    def on_article() -> None:
        nonlocal done
        done += 1
        if done in marks:
            samples.append((marks[done], done, sampler.sample()))

    with ClaimStore(workdir / "memory.sqlite") as store, open(os.devnull, "w", encoding="utf-8") as sink:
        run_extraction(
            read_inputs([source]),
            None,
            sink,
            store=store,
            batch_size=batch_size,
            log=sys.stderr,
            executor=executor,
            on_article=on_article,
        )
    executor.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rerun-articles", type=int, default=2000, help="articles of the unchanged re-run (0: skip)")
    parser.add_argument("--memory-articles", type=int, default=0, help="articles of the flat-memory run (0: skip)")
    parser.add_argument("--memory-lines", type=int, nargs=2, default=(7, 15), metavar=("MIN", "MAX"),
                        help="lines per article of the flat-memory run (fewer: a faster run, same article count)")
    parser.add_argument("--skip-variants", action="store_true", help="skip the bare vs full pipeline table")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    try:
        measure(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def load() -> str:
    """The machine's load average: other jobs on the same cores weigh on every number here."""
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def measure(args: argparse.Namespace, workdir: Path) -> None:
    texts = synthetic_corpus(ROOT / "corpus", args.articles)
    print(f"synthetic corpus: {len(texts)} articles, {sum(len(t) for t in texts):,} characters; {load()}")
    folder = write_folder(texts, workdir / "articles")
    print("\n`extract --processes N` code path (records to /dev/null, model loading excluded):")
    print("| processes | seconds | articles/s | speed-up | peak RSS per process (MB): parent, workers |")
    print("|---:|---:|---:|---:|---|")
    one = None
    for processes in (1, 2):
        elapsed, extracted, peaks = cli_path_seconds(folder, processes, args.batch_size)
        one = one or elapsed
        rss = ", ".join(f"{peak:.0f}" for peak in peaks.values())
        print(f"| {processes} | {elapsed:.1f} | {extracted / elapsed:.1f} | {one / elapsed:.2f} | {rss} |")
    print(load())

    if args.rerun_articles:
        rerun_folder = write_folder(synthetic_corpus(ROOT / "corpus", args.rerun_articles, seed=17), workdir / "rerun")
        first, second, first_line, second_line = rerun_seconds(rerun_folder, workdir / "rerun.sqlite", 2)
        print(f"\nunchanged re-run of {args.rerun_articles} articles (CLI subprocess, --db, --processes 2):")
        print("| run | seconds | summary |\n|---|---:|---|")
        print(f"| first | {first:.1f} | {first_line} |\n| re-run | {second:.1f} | {second_line} |")
        print(f"re-run / first = {second / first:.3f} (target < 0.05); {load()}")

    if args.memory_articles:
        print(f"\nflat memory: {args.memory_articles} articles of {args.memory_lines[0]}-{args.memory_lines[1]} lines "
              "streamed through the CLI path (--db, --processes 2):")
        print("| progress | articles | RSS (MB): parent, workers |\n|---|---:|---|")
        for mark, done, rss in memory_profile(args.memory_articles, 2, args.batch_size, workdir,
                                                tuple(args.memory_lines)):
            print(f"| {mark} | {done} | {', '.join(f'{value:.0f}' for value in rss.values())} |")
        print(load())
    if not args.skip_variants:  # last: the variants' models would weigh on the RSS measured above
        compare_variants(args, texts)


def compare_variants(args: argparse.Namespace, texts: list[str]) -> None:
    variants: dict[str, spacy.language.Language] = {"bare fr_core_news_md": spacy.load("fr_core_news_md")}
    for component in ("news_quantities", "news_dates"):
        nlp = spacy.load("fr_core_news_md")
        nlp.add_pipe(component)
        variants[f"bare + {component}"] = nlp
    variants["full pipeline"] = build_nlp("fr")
    print(f"components of the full pipeline: {', '.join(COMPONENTS)}")

    seconds: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    tokens: dict[str, int] = {}
    names = list(variants)
    for repeat in range(args.repeats):
        # Interleaved so that machine noise hits every variant alike, and rotated so that no variant always runs
        # first (the first pass of a round was measured ~10% slower, whatever the variant).
        for name in names[repeat % len(names):] + names[:repeat % len(names)]:
            nlp = variants[name]
            elapsed, cpu_seconds, tokens[name] = timed_pipe(nlp, texts, args.batch_size)
            seconds[name].append(elapsed)
            cpu[name].append(cpu_seconds)
    bare = statistics.median(seconds["bare fr_core_news_md"])
    bare_cpu = statistics.median(cpu["bare fr_core_news_md"])
    print(f"\n| variant | articles/s | tokens/s | vs bare | vs bare, CPU time | (median of {args.repeats}) |")
    print("|---|---:|---:|---:|---:|---|")
    for name in variants:
        median, median_cpu = statistics.median(seconds[name]), statistics.median(cpu[name])
        print(f"| {name} | {len(texts) / median:.1f} | {tokens[name] / median:,.0f} | {bare / median:.3f} "
              f"| {bare_cpu / median_cpu:.3f} | |")
    claims_seconds = claim_stage_seconds(variants["full pipeline"], texts, args)
    print(f"\nclaim stage alone (news_claims on parsed docs, median of {args.repeats}): {claims_seconds:.2f} s = "
          f"{claims_seconds / bare:.1%} of the bare model's time on the same texts")
    print(f"\npeak RSS of this process (all variants loaded): {_rss_mb():.0f} MB; {load()}")


def claim_stage_seconds(full: spacy.language.Language, texts: list[str], args: argparse.Namespace) -> float:
    """Median time of the claim component alone (evidence, rules and learned models) over docs the rest of the
    pipeline has already processed: its own cost, not a difference of two noisy totals."""
    claims = full.get_pipe("news_claims")
    with full.select_pipes(disable=["news_claims"]):
        docs = list(full.pipe(texts, batch_size=args.batch_size))
    runs = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for doc in docs:
            claims(doc)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


if __name__ == "__main__":
    main()
