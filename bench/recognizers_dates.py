"""Benchmark the news_dates component (not run by pytest).

1. Recognizers-Text French DateTimeModel.json: pass rate per expected type (date, date range, duration, set), on the
   cases the Recognizers python package supports and on the whole file, resolved against Context.ReferenceDateTime.
   A case passes when our expressions and the expected results pair up one to one with the same text (lower-cased)
   and, for each pair, our single value is one of the values the expected result accepts.

   Mapping between the two conventions. Recognizers keeps an underspecified expression as its timex ("vendredi" ->
   "XXXX-WXX-5", "22/04" -> "XXXX-04-22") and puts the resolution in other fields (``value``, ``start``/``end``),
   listing several entries when it is ambiguous (past and future Friday; T08 and T20 for "huit heures"). Our record
   has one ``value``, resolved against the reference as the guideline asks. So an expected result accepts: each of
   its timex strings as written, and each timex with its X placeholders filled from the resolution of the same entry
   ("XXXX-WXX-5" + value "2016-11-04" -> "2016-11-04"; "XXXX-WXX-2TMO" + start "2016-11-01 08:00:00" ->
   "2016-11-01TMO"; a time of day alone placed on the date of its resolution: "TEV" + start "2016-11-07 16:00:00"
   -> "2016-11-07TEV"; "(XXXX-09-03,XXXX-09-12,P9D)" + start/end ->
   "(2016-09-03,2016-09-12,P9D)"). A fully specified timex ("2016-11-08", "P1D", "(T17,T18,PT1H)") accepts only itself:
   where both sides define the value the same way the rule is plain equality, and text must match exactly.
2. A gold file (default gold/seeds.jsonl, texts in corpus/): span F1 by overlap, value accuracy on matched spans and
   time per article, ours against ``dateparser.search_dates(languages=["fr"])``.

Usage: python bench/recognizers_dates.py [GOLD.jsonl] [--corpus DIR] [--specs DateTimeModel.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from pipeline.components import dates  # noqa: F401  (registers news_dates)
from pipeline.records import read_documents

ROOT = Path(__file__).resolve().parent.parent
# The team's shared benchmarks sit beside the repository (same layout as bench/recognizers_numbers.py).
SPECS = ROOT / ".." / "shared" / "benchmarks" / "recognizers-text-fr" / "DateTime" / "French" / "DateTimeModel.json"
PUBLISHED = "72.9% (86/118)"
TYPES = ("date", "daterange", "duration", "set")


def load_nlp() -> Language:
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("news_dates")
    return nlp


def _supported(case: dict[str, Any]) -> bool:
    flags = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()
    return "python" not in flags


def _case_type(case: dict[str, Any]) -> str:
    names = {(r.get("TypeName") or r.get("Typename") or "").removeprefix("datetimeV2.") for r in case["Results"]}
    if not names:
        return "none"
    return names.pop() if len(names) == 1 else "mixed"


_UNDERSPECIFIED_DAY = re.compile(r"XXXX-WXX-\d|XXXX-XX-\d\d|XXXX-\d\d-\d\d")


def _fill(timex: str, resolved: str | None) -> str | None:
    """``timex`` with its unknown year/week/month filled from ``resolved`` ("2016-11-04" or "2016-11-04 12:00:00")."""
    if "X" not in timex or not resolved or not re.match(r"\d{4}-\d\d-\d\d", resolved):
        return None
    day = _UNDERSPECIFIED_DAY.match(timex)
    if day:
        return resolved[:10] + timex[day.end() :]
    if timex.startswith("XXXX"):
        return resolved[:4] + timex[4:]
    return None


def _dated(timex: str, resolved: str | None) -> str | None:
    """A time of day ("TEV") placed on the date its resolution gives ("2016-11-07 16:00:00" -> "2016-11-07TEV")."""
    if not timex.startswith("T") or not resolved or not re.match(r"\d{4}-\d\d-\d\d ", resolved):
        return None
    return resolved[:10] + timex


def _accepted(entries: list[dict[str, Any]]) -> frozenset[str]:
    """Every value an expected result accepts: its timex strings, and each one filled from its own resolution."""
    out: set[str] = set()
    for entry in entries:
        timex = entry.get("timex")
        if not timex:
            continue
        out.add(timex)
        if timex.startswith("(") and timex.endswith(")") and timex.count(",") == 2:
            first, second, length = timex[1:-1].split(",")
            start, end = _fill(first, entry.get("start")), _fill(second, entry.get("end"))
            if start and end:
                out.add(f"({start},{end},{length})")
        else:
            resolved = entry.get("value") or entry.get("start")
            out.update(f for f in (_fill(timex, resolved), _dated(timex, resolved)) if f)
    return frozenset(out)


def _expected(case: dict[str, Any]) -> list[tuple[str, frozenset[str]]]:
    return [(r["Text"].lower(), _accepted(r["Resolution"]["values"])) for r in case["Results"]]


def _passes(got: list[tuple[str, str]], expected: list[tuple[str, frozenset[str]]]) -> bool:
    """One-to-one pairing of our (text, value) with expected (text, accepted values)."""
    if len(got) != len(expected):
        return False
    remaining = list(expected)
    for text, value in sorted(got):
        match = next((i for i, (t, accepted) in enumerate(remaining) if t == text and value in accepted), None)
        if match is None:
            return False
        remaining.pop(match)
    return True


def recognizers(nlp: Language, specs: Path) -> dict[str, Any]:
    """Pass counts per expected type, for the python-supported cases and the whole file."""
    cases = json.loads(specs.read_text(encoding="utf-8-sig"))
    counts: Counter[tuple[str, str, bool]] = Counter()
    for case in cases:
        reference = (case.get("Context") or {}).get("ReferenceDateTime")
        doc = nlp.make_doc(case["Input"])
        doc._.news_dct = reference[:10] if reference else None
        doc = nlp(doc)
        got = [(t.text.lower(), t.value) for t in doc._.news_dates]
        passed = _passes(got, _expected(case))
        kind = _case_type(case)
        for scope in ("supported", "all") if _supported(case) else ("all",):
            for group in (kind, "total"):
                counts[(scope, group, passed)] += 1
    return {
        (scope, group): (counts[(scope, group, True)], counts[(scope, group, True)] + counts[(scope, group, False)])
        for scope in ("supported", "all")
        for group in (*TYPES, "total")
    }


def _rate(passed: int, total: int) -> str:
    return f"{passed}/{total} ({100 * passed / total:.1f}%)" if total else "-"


def _overlap_matches(predicted: list[tuple[int, int, str]], gold: list[tuple[int, int, str]]) -> list[tuple]:
    """One-to-one overlap matches, greedily by the largest overlap first."""
    pairs = sorted(
        ((min(p[1], g[1]) - max(p[0], g[0]), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p, used_g, matches = set(), set(), []
    for overlap, i, j in pairs:
        if overlap <= 0 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matches.append((predicted[i], gold[j]))
    return matches


def _dateparser_dates(text: str, dct: str | None) -> list[tuple[int, int, str]]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"DATE_ORDER": "DMY"}
    if dct:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(dct)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = search_dates(text, languages=["fr"], settings=settings) or []
    out, cursor = [], 0
    for surface, moment in results:
        start = text.find(surface, cursor)
        if start < 0:
            start = text.find(surface)
        if start < 0:
            continue
        cursor = start + len(surface)
        has_time = (moment.hour, moment.minute) != (0, 0)
        value = moment.strftime("%Y-%m-%dT%H:%M") if has_time else moment.date().isoformat()
        out.append((start, start + len(surface), value))
    return out


def _scores(pairs: list[tuple[list, list]], seconds: float, articles: int) -> dict[str, float | None]:
    n_pred = sum(len(p) for p, _ in pairs)
    n_gold = sum(len(g) for _, g in pairs)
    matches = [m for p, g in pairs for m in _overlap_matches(p, g)]
    precision = len(matches) / n_pred if n_pred else None
    recall = len(matches) / n_gold if n_gold else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    exact = sum(p[2] == g[2] for p, g in matches)
    prefix = sum(p[2].startswith(g[2]) or g[2].startswith(p[2]) for p, g in matches)
    return {
        "pred": n_pred,
        "gold": n_gold,
        "p": precision,
        "r": recall,
        "f1": f1,
        "value_exact": exact / len(matches) if matches else None,
        "value_prefix": prefix / len(matches) if matches else None,
        "ms_per_article": 1000 * seconds / articles if articles else None,
    }


def gold_comparison(nlp: Language, gold: Path, corpus: Path) -> dict[str, dict[str, float | None]] | None:
    if not gold.is_file():
        return None
    base = spacy.load("fr_core_news_md")
    component = nlp.get_pipe("news_dates")
    ours, theirs, ours_time, theirs_time, articles = [], [], 0.0, 0.0, 0
    for document in read_documents(gold):
        path = corpus / f"{document.doc_id}.txt"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != document.text_sha256:
            print(f"warning: {path.name} does not match the gold's text_sha256; skipped")
            continue
        body = document.body
        gold_dates = [(d.start, d.end, d.value) for d in document.dates]
        doc = base(text)  # the component's own cost is timed on a parsed doc
        doc._.news_dct = document.dct
        started = time.perf_counter()
        component(doc)
        ours_time += time.perf_counter() - started
        predicted = [(t.start, t.end, t.value) for t in doc._.news_dates if body.contains(t.start, t.end)]
        started = time.perf_counter()
        found = _dateparser_dates(text, document.dct)
        theirs_time += time.perf_counter() - started
        ours.append((predicted, gold_dates))
        theirs.append(([f for f in found if body.contains(f[0], f[1])], gold_dates))
        articles += 1
    return {"news_dates": _scores(ours, ours_time, articles), "dateparser": _scores(theirs, theirs_time, articles)}


def _fmt(value: float | None, percent: bool = True) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.1f}%" if percent else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=ROOT / "gold" / "seeds.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--specs", type=Path, default=SPECS)
    args = parser.parse_args()
    nlp = load_nlp()

    table = recognizers(nlp, args.specs)
    print(f"Recognizers-Text {args.specs.name}: news_dates pass rate (Recognizers python package: {PUBLISHED})")
    print(f"{'expected type':<14} {'python-supported cases':>24} {'whole file':>22}")
    for group in (*TYPES, "total"):
        print(f"{group:<14} {_rate(*table[('supported', group)]):>24} {_rate(*table[('all', group)]):>22}")

    scores = gold_comparison(nlp, args.gold, args.corpus)
    if scores is None:
        print(f"\nno gold file at {args.gold}: span/value comparison skipped")
        return
    print(f"\nGold {args.gold} (dates inside the body; overlap matching)")
    print(f"{'':<14} {'news_dates':>12} {'dateparser':>12}")
    rows = [("gold", "gold", False), ("predicted", "pred", False), ("precision", "p", True), ("recall", "r", True),
            ("span F1", "f1", True), ("value exact", "value_exact", True), ("value prefix", "value_prefix", True),
            ("ms/article", "ms_per_article", False)]  # fmt: skip
    for label, key, percent in rows:
        ours, theirs = scores["news_dates"][key], scores["dateparser"][key]
        print(f"{label:<14} {_fmt(ours, percent):>12} {_fmt(theirs, percent):>12}")


if __name__ == "__main__":
    main()
