"""Cost of language identification (a script, not a test): the time of ``news_language`` and of the article-level
identification against the bare ``fr_core_news_md`` on the same texts, measured in one run.

The texts are every evaluated French article (``corpus/``, ``tests/*/corpus``, ``tests/press/*/corpus``) and the
English set. Each measure is the median of ``--repeats`` passes over all texts, after one warm-up pass (which loads
the detector's models, once per process). Target: identification at most 3 % of the bare model's time.

    .venv/bin/python bench/languages.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from pipeline.components.language import readable_languages
from pipeline.language.identify import identifier

ROOT = Path(__file__).resolve().parent.parent
TARGET_SHARE = 0.03
FOLDERS = (
    "corpus", "tests/heldout/corpus", "tests/blind/corpus", "tests/press/train/corpus", "tests/press/test/corpus",
    "tests/en/corpus",
)


def seconds(work: Callable[[], object], repeats: int) -> float:
    work()  # warm-up: models load lazily
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for folder in FOLDERS for path in sorted((ROOT / folder).glob("*.txt"))]
    nlp = spacy.load("fr_core_news_md")
    detector, readable = identifier(), readable_languages()

    def bare() -> None:
        for _ in nlp.pipe(texts):
            pass

    def articles() -> None:
        for text in texts:
            detector.article_language(text)

    def passages() -> None:
        for text in texts:
            detector.passages(text, "fr", readable)

    base = seconds(bare, args.repeats)
    article_time = seconds(articles, args.repeats)
    passage_time = seconds(passages, args.repeats)
    print(f"{len(texts)} articles, {sum(map(len, texts)):,} characters; medians of {args.repeats} passes")
    print("| measure | seconds | share of the bare model |")
    print("|---|---:|---:|")
    print(f"| bare fr_core_news_md | {base:.2f} | 1 |")
    print(f"| article language (runner) | {article_time:.3f} | {article_time / base:.2%} |")
    print(f"| passages (news_language) | {passage_time:.3f} | {passage_time / base:.2%} |")
    total = (article_time + passage_time) / base
    print(f"| identification in all | {article_time + passage_time:.3f} | {total:.2%} "
          f"(target {TARGET_SHARE:.0%}: {'met' if total <= TARGET_SHARE else 'NOT met'}) |")


if __name__ == "__main__":
    main()
