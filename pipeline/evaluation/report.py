"""Human-readable views of the scorer's metrics: a markdown table and a self-contained HTML page.

Everything here reads the flat dict returned by ``pipeline.evaluation.scorer.score``; nothing is re-scored. The CI
thresholds and the history the tables compare with are :mod:`pipeline.evaluation.thresholds`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from spacy import displacy

from pipeline.records import Document
from pipeline.views.figures import DEFAULT_LANG, format_figure


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the summary: a P/R/F measure (``kind == "prf"``) or an accuracy (``kind == "acc"``)."""

    title: str
    kind: str
    prefix: str

    @property
    def keys(self) -> tuple[str, ...]:
        if self.kind == "prf":
            return f"{self.prefix}_p", f"{self.prefix}_r", f"{self.prefix}_f"
        return (f"{self.prefix}_acc",)


ROWS = (
    Row("Entities (strict)", "prf", "ents_strict"),
    Row("Entities (relaxed)", "prf", "ents_relaxed"),
    Row("Entity ids", "acc", "ents_id"),
    Row("Quantities (span)", "prf", "quantities_span"),
    Row("Quantities (normalized)", "prf", "quantities_norm"),
    Row("Quantity bounds", "acc", "quantities_bound"),
    Row("Quantity direction", "acc", "quantities_direction"),
    Row("Quantity direction (matched figures)", "prf", "quantities_direction"),
    Row("Dates (span)", "prf", "dates_span"),
    Row("Dates (normalized)", "prf", "dates_norm"),
    Row("Date types", "acc", "dates_type"),
    Row("Claims", "prf", "claims"),
    Row("Claim subject", "acc", "claims_subject"),
    Row("Claim date", "acc", "claims_date"),
    Row("Claim speaker", "acc", "claims_speaker"),
    Row("Claim modality", "acc", "claims_modality"),
    Row("Claim concept (head word)", "acc", "claims_concept"),
    Row("Claim concept class", "acc", "claims_concept_class"),
)
OUTSIDE_BODY_KEYS = ("ents_outside_body", "quantities_outside_body", "dates_outside_body", "claims_outside_body")
COLUMNS = ("Measure", "P", "R", "F", "Acc", "Counts")


# ---------------------------------------------------------------------------------------------------- summary table

def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _delta(value: float | None, previous_value: Any) -> str:
    if value is None or not isinstance(previous_value, int | float) or isinstance(previous_value, bool):
        return ""
    change = value - previous_value
    return " (±0)" if abs(change) < 5e-4 else f" ({change:+.3f})"


def _cell(metrics: dict[str, Any], key: str, previous: dict[str, Any] | None) -> str:
    value = metrics.get(key)
    return _number(value) + (_delta(value, previous.get(key)) if previous else "")


def _counts(metrics: dict[str, Any], row: Row) -> str:
    if row.kind == "prf":
        return " ".join(f"{name} {metrics.get(f'{row.prefix}_{name}', 0)}" for name in ("tp", "fp", "fn"))
    return f"n {metrics.get(f'{row.prefix}_n', 0)}"


def summary_rows(metrics: dict[str, Any], previous: dict[str, Any] | None = None) -> list[tuple[str, ...]]:
    """The summary as text cells (Measure, P, R, F, Acc, Counts), shared by the markdown and the HTML views."""
    rows = []
    for row in ROWS:
        if row.kind == "prf":
            p, r, f = (_cell(metrics, key, previous) for key in row.keys)
            rows.append((row.title, p, r, f, "", _counts(metrics, row)))
        else:
            rows.append((row.title, "", "", "", _cell(metrics, row.keys[0], previous), _counts(metrics, row)))
    return rows


def _footnote(metrics: dict[str, Any]) -> str:
    outside = ", ".join(f"{key.removesuffix('_outside_body')} {metrics.get(key, 0)}" for key in OUTSIDE_BODY_KEYS)
    return (f"Documents scored: {metrics.get('docs_scored', 0)} "
            f"(without prediction: {metrics.get('docs_without_prediction', 0)}). "
            f"Predictions outside the gold body, counted spurious: {outside}.")


# What the brackets after a number mean, printed under the table whenever they are shown.
CHANGE_LEGEND = ("In brackets: the change since the recorded run (--history); (±0): unchanged; no bracket: the "
                 "recorded run has no value for it.")


def markdown_table(metrics: dict[str, Any], previous: dict[str, Any] | None = None) -> str:
    """One row per measure with P, R, F or accuracy; with ``previous``, each number is followed by its change."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(["---"] + [":-:"] * (len(COLUMNS) - 1)) + "|"]
    lines.extend("| " + " | ".join(cells) + " |" for cells in summary_rows(metrics, previous))
    legend = CHANGE_LEGEND + " " if previous else ""
    return "\n".join(lines) + "\n\n" + legend + _footnote(metrics) + "\n"


# ---------------------------------------------------------------------------------------------------- labels

def annotation_label(layer: str, annotation: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    """Display label of an annotation dict: "ORG nvidia", "QTY ≈ 2 000 Md$", "QTY 1 500–2 000 Md$", "DATE 2025-01"."""
    if layer == "entities":
        return f"{annotation['label']} {annotation['id']}"
    if layer == "quantities":
        direction = annotation.get("direction")
        figure = format_figure(annotation["value"], annotation["unit"], annotation.get("value_max"),
                               annotation["bound"], lang, direction)
        # A factor's rise reads "×3" like a plain factor: say it, so that a wrong direction shows.
        arrow = {"up": " ↑", "down": " ↓"}.get(direction or "", "") if annotation["unit"] == "x" else ""
        return f"QTY {figure}{arrow}" + (" vague" if annotation.get("vague") else "")
    if layer == "dates":
        return f"{annotation['type']} {annotation['value']}"
    if layer == "claims":
        return (f"CLAIM subject={annotation.get('subject')} date={annotation.get('date_value')} "
                f"speaker={annotation.get('speaker')} {annotation.get('modality')}")
    return layer


# ---------------------------------------------------------------------------------------------------- HTML

_CSS = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; margin-top: 3rem; border-bottom: 2px solid #ccc; }
h3 { font-size: 1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; vertical-align: top; }
th { background: #f3f3f3; }
table.summary td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
table.side-by-side { width: 100%; table-layout: fixed; }
table.side-by-side td { border: none; border-bottom: 1px dotted #eee; padding: 0 0.5rem; }
table.side-by-side th { width: 50%; }
tr.body-end td { border-top: 3px dashed #c00; color: #c00; font-size: 0.8rem; text-align: center; }
.outside { opacity: 0.6; }
.legend span { display: inline-block; padding: 0 0.4rem; margin-right: 0.4rem; border-radius: 3px; }
/* displaCy sizes a label to its token and wraps it, so a long one ("QTY ≈ 2 000 Md$ ✗ wrong") grew down over the
   words of the next line: one line per label, in the band under its own line of text. */
.spans span[style*="z-index: 10"] { white-space: nowrap; }
.note { color: #666; font-size: 0.9rem; }
"""

_LAYER_COLORS = {"PER": "#7aecec", "ORG": "#aa9cfc", "LOC": "#ff9561", "PRODUCT": "#bfeeb7",
                 "QTY": "#e4e7d2", "DATE": "#bfe1d9"}
_STATUS_COLORS = {"missed": "#ff6b6b", "spurious": "#ff6b6b", "wrong": "#ffc34d"}


def _html_table(header: Iterable[str], rows: Iterable[Iterable[Any]], css_class: str = "") -> str:
    head = "".join(f"<th>{html.escape(str(cell))}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>"
                   for row in rows)
    class_attribute = f' class="{css_class}"' if css_class else ""
    return f"<table{class_attribute}><tr>{head}</tr>{body}</table>"


@dataclass(frozen=True, slots=True)
class _Shown:
    """One annotation to highlight: character offsets, display label, layer colour key, scoring status."""

    start: int
    end: int
    label: str
    color_key: str
    status: str  # "ok", "missed", "spurious" or "wrong"


def _shown_annotations(document: Document, side: str, document_errors: dict[str, Any]) -> list[_Shown]:
    """The entities, quantities and dates of one side, each with the status the scorer gave it."""
    flagged: dict[tuple[str, int, int], str] = {}
    if side == "gold":
        flagged.update({(e["layer"], e["start"], e["end"]): "missed" for e in document_errors.get("misses", [])})
        flagged.update({(w["layer"], w["start"], w["end"]): "wrong" for w in document_errors.get("wrong", [])})
    else:
        flagged.update({(e["layer"], e["start"], e["end"]): "spurious"
                        for e in document_errors.get("spurious", [])})
        flagged.update({(w["layer"], w["pred_start"], w["pred_end"]): "wrong"
                        for w in document_errors.get("wrong", [])})
    shown = []
    layers = (("entities", document.entities), ("quantities", document.quantities), ("dates", document.dates))
    for layer, layer_annotations in layers:
        for annotation in layer_annotations:
            data = asdict(annotation)
            color_key = {"entities": data.get("label", ""), "quantities": "QTY", "dates": "DATE"}[layer]
            status = flagged.get((layer, annotation.start, annotation.end), "ok")
            label = annotation_label(layer, data, document.lang) + ("" if status == "ok" else f" ✗ {status}")
            shown.append(_Shown(annotation.start, annotation.end, label, color_key, status))
    return shown


def _tokens(text: str, start: int, end: int, cuts: set[int]) -> list[tuple[int, int]]:
    """Whitespace tokens of ``text[start:end]``, also cut at every annotation boundary so spans map onto tokens."""
    tokens = []
    for match in re.finditer(r"\S+", text[start:end]):
        token_start, token_end = start + match.start(), start + match.end()
        inner_cuts = sorted(cut for cut in cuts if token_start < cut < token_end)
        bounds = [token_start, *inner_cuts, token_end]
        tokens.extend(zip(bounds, bounds[1:], strict=False))
    return tokens


def _render_segment(text: str, start: int, end: int, shown: list[_Shown], colors: dict[str, str]) -> str:
    """displaCy span markup of ``text[start:end]`` with the annotations that overlap it."""
    cuts = {a.start for a in shown} | {a.end for a in shown}
    tokens = _tokens(text, start, end, cuts)
    spans = []
    for annotation in shown:
        covered = [i for i, (token_start, token_end) in enumerate(tokens)
                   if annotation.start <= token_start and token_end <= annotation.end]
        if covered:
            label = html.escape(annotation.label)  # displaCy inserts labels unescaped
            spans.append({"start_token": covered[0], "end_token": covered[-1] + 1, "label": label})
    parsed = {"text": text[start:end], "tokens": [text[s:e] for s, e in tokens], "spans": spans}
    return displacy.render(parsed, style="span", manual=True, page=False, jupyter=False,
                           options={"colors": colors})


def _colors(shown: Iterable[_Shown]) -> dict[str, str]:
    """displaCy colours by exact label: a flagged annotation takes its status colour, others their layer's."""
    return {html.escape(a.label): _STATUS_COLORS.get(a.status) or _LAYER_COLORS.get(a.color_key, "#ddd")
            for a in shown}


def _segments(text: str, start: int, end: int, body_end: int) -> list[tuple[int, int]]:
    """Lines of ``text[start:end]`` (blank ones dropped), also cut at the gold body end so it can be marked."""
    cuts = sorted({start, end, *(i + 1 for i, char in enumerate(text[start:end], start) if char == "\n")}
                  | ({body_end} if start < body_end < end else set()))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def _document_section(gold: Document, pred: Document | None, text: str | None,
                      metrics: dict[str, Any]) -> str:
    doc_id = gold.doc_id
    document_errors = metrics.get("errors", {}).get(doc_id, {})
    doc_metrics = metrics.get("per_doc", {}).get(doc_id, {})
    parts = [f'<h2 id="{html.escape(doc_id)}">{html.escape(doc_id)}</h2>']
    if pred is None:
        parts.append('<p class="note">No prediction for this document: every gold annotation is a miss.</p>')
    headline = [(row.title, _number(doc_metrics.get(row.keys[-1]))) for row in ROWS]
    parts.append(_html_table([title for title, _ in headline], [[value for _, value in headline]]))

    if text is None:
        parts.append('<p class="note">Corpus text not available: annotations are not shown.</p>')
    else:
        gold_shown = _shown_annotations(gold, "gold", document_errors)
        pred_shown = _shown_annotations(pred, "pred", document_errors) if pred else []
        gold_colors, pred_colors = _colors(gold_shown), _colors(pred_shown)
        # Show the gold body, widened to any prediction outside it (those are spurious and must be seen).
        start = min([gold.body.start] + [a.start for a in pred_shown])
        end = max([gold.body.end] + [a.end for a in pred_shown])
        if end > gold.body.end:
            line_end = text.find("\n", end)
            end = len(text) if line_end == -1 else line_end
        marker = (f'<tr class="body-end"><td colspan="2">end of the gold body (character {gold.body.end}); '
                  "anything predicted below is spurious</td></tr>")
        rows = []
        for segment_start, segment_end in _segments(text, start, end, gold.body.end):
            if segment_start >= gold.body.end and marker not in rows:
                rows.append(marker)
            outside = "" if gold.body.contains(segment_start, segment_end) else ' class="outside"'
            rows.append(
                f"<tr{outside}><td>{_render_segment(text, segment_start, segment_end, gold_shown, gold_colors)}</td>"
                f"<td>{_render_segment(text, segment_start, segment_end, pred_shown, pred_colors)}</td></tr>"
            )
        if marker not in rows:
            rows.append(marker)
        parts.append('<table class="side-by-side"><tr><th>Gold</th><th>Predicted</th></tr>'
                     + "".join(rows) + "</table>")

    parts.append(f"<h3>Misses ({len(document_errors.get('misses', []))})</h3>")
    parts.append(_html_table(
        ["Layer", "Text", "Offsets", "Gold"],
        [[e["layer"], e["text"], f"{e['start']}–{e['end']}", annotation_label(e["layer"], e["annotation"], gold.lang)]
         for e in document_errors.get("misses", [])],
    ))
    parts.append(f"<h3>Spurious ({len(document_errors.get('spurious', []))})</h3>")
    parts.append(_html_table(
        ["Layer", "Text", "Offsets", "Predicted", "Why"],
        [[e["layer"], e["text"], f"{e['start']}–{e['end']}", annotation_label(e["layer"], e["annotation"], gold.lang),
          e.get("reason") or ("outside the gold body" if e.get("outside_body") else "no gold match")]
         for e in document_errors.get("spurious", [])],
    ))
    parts.append(f"<h3>Wrong values ({len(document_errors.get('wrong', []))})</h3>")
    parts.append(_html_table(
        ["Layer", "Field", "Gold text", "Predicted text", "Gold", "Predicted", "Decided by"],
        [[w["layer"], w["field"], w["text"], w["pred_text"], w["gold"], w["pred"], w.get("evidence", "")]
         for w in document_errors.get("wrong", [])],
    ))
    return "\n".join(parts)


def html_report(
    gold_docs: Iterable[Document],
    pred_docs: Iterable[Document],
    texts: dict[str, str],
    metrics: dict[str, Any],
    previous: dict[str, Any] | None = None,
) -> str:
    """A self-contained page (inline CSS, no script, no external resource): summary, then each document's gold and
    predicted annotations side by side (displaCy span view) and its misses, spurious predictions and wrong values."""
    golds = list(gold_docs)
    preds = {document.doc_id: document for document in pred_docs}
    legend = "".join(f'<span style="background: {color}">{html.escape(name)}</span>'
                     for name, color in [*_LAYER_COLORS.items(), ("missed / spurious", _STATUS_COLORS["missed"]),
                                         ("wrong value", _STATUS_COLORS["wrong"])])
    per_doc_rows = [
        [doc_id, *(_number(doc_metrics.get(key)) for key in
                   ("ents_relaxed_f", "quantities_norm_f", "dates_norm_f", "claims_f"))]
        for doc_id, doc_metrics in metrics.get("per_doc", {}).items()
    ]
    sections = [_document_section(gold, preds.get(gold.doc_id), texts.get(gold.doc_id), metrics) for gold in golds]
    return f"""<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Evaluation report</title><style>{_CSS}</style></head>
<body>
<h1>Evaluation report</h1>
{_html_table(COLUMNS, summary_rows(metrics, previous), "summary")}
<p class="note">{html.escape((CHANGE_LEGEND + " " if previous else "") + _footnote(metrics))}</p>
<h3>Per document</h3>
{_html_table(["Document", "Entities F (relaxed)", "Quantities F (normalized)", "Dates F (normalized)", "Claims F"],
             per_doc_rows)}
<p class="legend">{legend}</p>
{"".join(sections)}
</body>
</html>
"""
