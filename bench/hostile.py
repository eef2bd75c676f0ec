"""Hostile-text benchmark (a script, not a test): the pipeline's time on pathological texts against ordinary French
news text of the same length, measured in one run.

Each pattern is repeated to ``--length`` characters (default 200,000) and run through the full pipeline three times
in a fresh process (so that each peak memory is its own); the ordinary text is built from the lines of ``corpus/``
(in order, repeated). Prints per pattern the median time, the ratio to the ordinary text (target: at most 3), the
peak resident memory of the process above what the loaded pipeline already held, the number of tokens and the time
per token against the ordinary text's.

    .venv/bin/python bench/hostile.py [--length 200000] [--repeats 3] [--timeout SECONDS] [--only NAME...]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 3.0


def ordinary_text(length: int) -> str:
    """Ordinary French news text of ``length`` characters: the corpus's lines, in order, repeated."""
    lines = [line.strip() for path in sorted((ROOT / "corpus").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) > 3]
    text = ""
    while len(text) < length:
        text += "\n\n".join(lines) + "\n\n"
    return text[:length]


def repeated(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


ORDINARY = "ordinary news text"
PATTERNS = {
    ORDINARY: ordinary_text,
    "one run without spaces (e-mail mask)": lambda n: "a" * n,
    "'Nvidia a vendu 3 000 GPU, ' in one sentence": lambda n: repeated("Nvidia a vendu 3 000 GPU, ", n),
    "'1 1 1 ...'": lambda n: repeated("1 ", n),
    "'le 5 janvier 2025 à 19h30, ' repeated": lambda n: repeated("le 5 janvier 2025 à 19h30, ", n),
}


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure(name: str, length: int, repeats: int) -> dict[str, float]:
    """In this process: the pattern's times over ``repeats`` runs and the peak memory above the loaded pipeline."""
    sys.path.insert(0, str(ROOT))
    from pipeline.nlp import shared_nlp

    nlp = shared_nlp("fr")
    nlp("Nvidia a vendu 3 000 GPU le 5 janvier 2025.")  # warm up
    loaded = _max_rss_mb()
    text = PATTERNS[name](length)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        nlp(text)
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "memory_mb": _max_rss_mb() - loaded, "tokens": len(nlp.make_doc(text))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=None, help="give up on a pattern after this many seconds")
    parser.add_argument("--only", nargs="+", choices=list(PATTERNS), help="measure only these (and ordinary text)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.length, args.repeats)))
        return
    results: dict[str, dict[str, float] | None] = {}
    names = [ORDINARY, *(n for n in args.only or PATTERNS if n != ORDINARY)]
    for name in names:
        command = [sys.executable, __file__, "--one", name, "--length", str(args.length),
                   "--repeats", str(args.repeats)]
        try:
            child = subprocess.run(command, capture_output=True, text=True, check=True, timeout=args.timeout)
            results[name] = json.loads(child.stdout.splitlines()[-1])
        except subprocess.TimeoutExpired:
            results[name] = None
        print(f"measured {name}", file=sys.stderr, flush=True)
    base = results[ORDINARY]
    print(f"{args.length:,} characters, median of {args.repeats} runs (target: ratio <= {TARGET_RATIO:g})")
    print(f"{'text':48} {'time (s)':>9} {'ratio':>7} {'peak +MB':>9} {'tokens':>8} {'per token':>9}")
    for name, result in results.items():
        if result is None or base is None:
            print(f"{name:48} {'> ' + format(args.timeout, 'g'):>9} {'-':>7} {'-':>9} {'-':>8} {'-':>9}  timed out")
            continue
        ratio = result["median"] / base["median"]
        # Time per token against ordinary text's: spaCy's own cost grows with the tokens, and a text of
        # one-character words has several times as many tokens per character as news text.
        per_token = ratio * base["tokens"] / result["tokens"] if result["tokens"] else 0.0
        flag = "" if ratio <= TARGET_RATIO else "  over target"
        print(f"{name:48} {result['median']:9.2f} {ratio:7.2f} {result['memory_mb']:9.0f} {result['tokens']:8,}"
              f" {per_token:9.2f}{flag}")


if __name__ == "__main__":
    main()
