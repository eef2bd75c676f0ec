"""Quantities on the gold, side by side: our ``news_quantities`` vs quantulum3's own (English) parser.

A script, not a test; ``--gold tests/en/gold.jsonl --corpus tests/en/corpus`` compares them on English, quantulum3's
own language. Both are scored on the body of every gold article (quantulum3 reads the body; ours reads the
whole text, as the pipeline does, and keeps what falls in the body); their quantities are scored with the project's
scorer (span F1 by overlap, normalized F1 = overlap and same value, value_max and unit, bound accuracy). quantulum3's
units are mapped to ours through ``pipeline.grammar.units.canonical`` (the same catalogue); a dimensionless quantulum3
figure counts as "count". Time per article is the median over articles of the extractor alone (for ours: the
component on an already parsed Doc, since parsing is the base model's cost, not the extractor's).
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from dataclasses import replace
from pathlib import Path

import spacy

from pipeline.components import quantities  # noqa: F401  (registers the factory)
from pipeline.components.quantities.engine import quantulum_parser
from pipeline.evaluation.scorer import score
from pipeline.grammar.units import canonical
from pipeline.nlp import BASE_MODELS
from pipeline.records import Document, Quantity, read_documents

ROOT = Path(__file__).resolve().parent.parent


def quantulum_quantities(text: str, offset: int) -> list[Quantity]:
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = quantulum_parser().parse(text)
    for i, item in enumerate(parsed, start=1):
        mapped = canonical(item.unit.name) if item.unit.name != "dimensionless" else ("count", 1.0)
        unit, factor = mapped if mapped else (item.unit.name, 1.0)
        start, end = item.span
        found.append(Quantity(f"q{i}", offset + start, offset + end, text[start:end], float(item.value) * factor,
                              None, unit, "exact", False))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=ROOT / "gold" / "seeds.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = parser.parse_args()

    gold = [replace(d, entities=[], dates=[], claims=[]) for d in read_documents(args.gold)]
    (lang,) = {document.lang for document in gold}
    # the base model's tags where the language has one; a blank tokenizer otherwise (English), as in the pipeline
    nlp = spacy.load(BASE_MODELS[lang]) if lang in BASE_MODELS else spacy.blank(lang)
    component = nlp.add_pipe("news_quantities")
    ours: list[Document] = []
    theirs: list[Document] = []
    seconds: dict[str, list[float]] = {"news_quantities": [], "quantulum3": []}
    for document in gold:
        text = (args.corpus / f"{document.doc_id}.txt").read_text(encoding="utf-8")
        body = text[document.body.start:document.body.end]
        with nlp.select_pipes(disable=["news_quantities"]):
            doc = nlp(text)
        start = time.perf_counter()
        component(doc)
        seconds["news_quantities"].append(time.perf_counter() - start)
        in_body = [q for q in doc._.news_quantities if document.body.contains(q.start, q.end)]
        ours.append(replace(document, quantities=in_body, claims=[]))
        start = time.perf_counter()
        found = quantulum_quantities(body, document.body.start)
        seconds["quantulum3"].append(time.perf_counter() - start)
        theirs.append(replace(document, quantities=found, claims=[]))

    print(f"| extractor | span F1 | normalized F1 | bound acc | ms per article (median) | on {args.gold.name} |")
    print("|---|---:|---:|---:|---:|---|")
    for name, predicted in (("news_quantities", ours), ("quantulum3 parser", theirs)):
        metrics = score(gold, predicted)
        key = "news_quantities" if name == "news_quantities" else "quantulum3"
        bound = metrics["quantities_bound_acc"]
        print(f"| {name} | {metrics['quantities_span_f']:.3f} | {metrics['quantities_norm_f']:.3f} | "
              f"{'' if bound is None else f'{bound:.3f}'} | {1000 * statistics.median(seconds[key]):.1f} | |")


if __name__ == "__main__":
    main()
