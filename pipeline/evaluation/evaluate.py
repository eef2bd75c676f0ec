"""Evaluate a prediction file against a gold file: score, write the reports, check the CI thresholds.

The ``python -m pipeline evaluate`` command is a thin layer over ``run_evaluation``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluation import report, thresholds
from pipeline.evaluation.scorer import score
from pipeline.records import Document, read_documents


@dataclass(slots=True)
class EvaluationResult:
    metrics: dict[str, Any]
    markdown: str
    threshold_failures: list[str] = field(default_factory=list)
    # Problems that make numbers suspect without stopping the run (e.g. a prediction made on another text).
    warnings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.threshold_failures


def _text_mismatches(golds: list[Document], preds: list[Document]) -> list[str]:
    """Offsets only compare when both records were made on the same text; say so when they were not."""
    gold_hashes = {document.doc_id: document.text_sha256 for document in golds}
    warnings = [f"{document.doc_id}: predicted on a text whose sha256 differs from the gold's"
                for document in preds
                if document.doc_id in gold_hashes and document.text_sha256 != gold_hashes[document.doc_id]]
    unknown = sorted({document.doc_id for document in preds} - set(gold_hashes))
    if unknown:
        warnings.append(f"{len(unknown)} predicted document(s) without gold, ignored: {', '.join(unknown)}")
    return warnings


def _read_texts(corpus_dir: Path, doc_ids: list[str]) -> dict[str, str]:
    texts = {}
    for doc_id in doc_ids:
        path = corpus_dir / f"{doc_id}.txt"
        if path.is_file():
            texts[doc_id] = path.read_text(encoding="utf-8")
    return texts


def run_evaluation(
    gold_path: Path,
    pred_path: Path,
    corpus_dir: Path,
    html_path: Path | None = None,
    json_path: Path | None = None,
    history_path: Path | None = None,
    thresholds_path: Path | None = None,
    *,
    update_history: bool = True,
) -> EvaluationResult:
    """Score ``pred_path`` against ``gold_path`` and write what was asked for.

    - ``json_path``: every metric, per document and the error lists.
    - ``html_path``: the side-by-side report (texts read from ``corpus_dir``).
    - ``history_path``: the last recorded run's headline metrics; the table shows the change from it, then this run
      is recorded in its place (unless ``update_history`` is False).
    - ``thresholds_path``: minimums; failures are returned, never raised, so the caller decides the exit code.
    """
    golds = list(read_documents(Path(gold_path)))
    preds = list(read_documents(Path(pred_path)))
    metrics = score(golds, preds)
    previous = thresholds.load_previous(Path(history_path)) if history_path else None
    markdown = report.markdown_table(metrics, previous)

    if json_path:
        Path(json_path).write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if html_path:
        texts = _read_texts(Path(corpus_dir), [document.doc_id for document in golds])
        page = report.html_report(golds, preds, texts, metrics, previous)
        Path(html_path).write_text(page, encoding="utf-8")
    if history_path and update_history:
        thresholds.save_metrics(Path(history_path), metrics)
    failures = thresholds.check_thresholds(metrics, Path(thresholds_path)) if thresholds_path else []
    return EvaluationResult(metrics, markdown, failures, _text_mismatches(golds, preds))
