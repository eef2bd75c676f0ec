"""Throughput benchmark (a script, not a test): full pipeline vs bare fr_core_news_md, measured in one run.

Synthetic corpus: every article of ``corpus/`` is cut into its body lines (the detected body, boilerplate left out);
each synthetic article is a title line plus 6-14 lines drawn at random (seeded) from that pool, so the texts have the
genre, length and figure density of the real ones without being copies. Prints, as medians over ``--repeats`` runs:
articles/s and tokens/s of bare ``nlp.pipe``, of bare + each component alone, and of the full pipeline; the ratios
to bare; 1 vs 2 worker processes on the full pipeline; and the peak RSS of each process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import time
from pathlib import Path

import spacy

from pipeline.body import BodySignals, find_body
from pipeline.nlp import COMPONENTS, build_nlp

ROOT = Path(__file__).resolve().parent.parent


def synthetic_corpus(corpus: Path, count: int, seed: int = 13) -> list[str]:
    signals = BodySignals.for_language("fr")
    pool: list[str] = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        start, end = find_body(text, signals)
        pool.extend(line.strip() for line in text[start:end].splitlines() if len(line.split()) > 3)
    rng = random.Random(seed)
    return ["\n\n".join(rng.sample(pool, rng.randint(7, 15))) for _ in range(count)]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_pipe(nlp: spacy.language.Language, texts: list[str], batch_size: int) -> tuple[float, int]:
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return time.perf_counter() - start, tokens


_WORKER_NLP = None


def _init_worker() -> None:
    global _WORKER_NLP
    _WORKER_NLP = build_nlp("fr")


def _work(texts: list[str]) -> tuple[int, float]:
    assert _WORKER_NLP is not None
    tokens = sum(len(doc) for doc in _WORKER_NLP.pipe(texts, batch_size=32))
    return tokens, _rss_mb()


def parallel_seconds(texts: list[str], processes: int) -> tuple[float, list[float]]:
    chunks = [texts[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_init_worker) as pool:
        pool.map(_work, [["Amorce."]] * processes)  # model loading is not part of the measure
        start = time.perf_counter()
        results = pool.map(_work, chunks)
        elapsed = time.perf_counter() - start
    return elapsed, [rss for _, rss in results]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    texts = synthetic_corpus(ROOT / "corpus", args.articles)
    print(f"synthetic corpus: {len(texts)} articles, {sum(len(t) for t in texts):,} characters")
    variants: dict[str, spacy.language.Language] = {"bare fr_core_news_md": spacy.load("fr_core_news_md")}
    for component in ("news_quantities", "news_dates"):
        nlp = spacy.load("fr_core_news_md")
        nlp.add_pipe(component)
        variants[f"bare + {component}"] = nlp
    variants["full pipeline"] = build_nlp("fr")
    print(f"components of the full pipeline: {', '.join(COMPONENTS)}")

    seconds: dict[str, list[float]] = {name: [] for name in variants}
    tokens: dict[str, int] = {}
    for _ in range(args.repeats):  # interleaved so that machine noise hits every variant alike
        for name, nlp in variants.items():
            elapsed, tokens[name] = timed_pipe(nlp, texts, args.batch_size)
            seconds[name].append(elapsed)
    bare = statistics.median(seconds["bare fr_core_news_md"])
    print(f"\n| variant | articles/s | tokens/s | throughput vs bare | (median of {args.repeats}) |")
    print("|---|---:|---:|---:|---|")
    for name in variants:
        median = statistics.median(seconds[name])
        print(f"| {name} | {len(texts) / median:.1f} | {tokens[name] / median:,.0f} | {bare / median:.3f} | |")

    one, rss_one = parallel_seconds(texts, 1)
    two, rss_two = parallel_seconds(texts, 2)
    print("\n| processes | seconds | articles/s | speed-up | peak RSS per process (MB) |")
    print("|---:|---:|---:|---:|---|")
    print(f"| 1 | {one:.1f} | {len(texts) / one:.1f} | 1.00 | {', '.join(f'{r:.0f}' for r in rss_one)} |")
    print(f"| 2 | {two:.1f} | {len(texts) / two:.1f} | {one / two:.2f} | {', '.join(f'{r:.0f}' for r in rss_two)} |")
    print(f"\npeak RSS of this process (all variants loaded): {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
