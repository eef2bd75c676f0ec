"""The analysts' claims browser: the store served as web pages by Datasette (``python -m pipeline browse STORE``).

Everything Datasette needs is written here from code: the metadata (facets on the claims, canned queries), the
template of the article page, and a small plugin (a readable ``figure()`` SQL function and the links between pages).
The chart is datasette-vega's, configured through the URL fragment it reads (``#g.mark=...``).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import to_css_class
from markupsafe import Markup

from pipeline.runner.store import ClaimStore
from pipeline.views.figures import format_figure

BROWSER_VIEW = "claims_browser"
TITLE_CHARS = 100
FACETS = ("subject_name", "concept_class", "unit", "modality", "year")
PLUGIN_NAME = "pipeline-browser"

# claims_readable with a year to facet on: the year the figure is about (its period), else the year the article was
# published, so that a figure without a date still falls in a year. The columns an analyst reads come first. The
# title only names the article here (an article without a title line has its first paragraph as title): it is cut
# to TITLE_CHARS characters, whole on the article page.
BROWSER_VIEW_SQL = f"""
DROP VIEW IF EXISTS {BROWSER_VIEW};
CREATE VIEW {BROWSER_VIEW} AS
    SELECT subject_name, figure, mentions, concept, concept_class, unit, modality,
           COALESCE(substr(period_start, 1, 4), substr(dct, 1, 4)) AS year,
           period_start, period_end, speaker_name, sentence,
           CASE WHEN length(title) > {TITLE_CHARS} THEN substr(title, 1, {TITLE_CHARS - 1}) || '…' ELSE title END
               AS title,
           site, dct, url,
           doc_id, quantity_id, subject, value, value_max, bound, direction
    FROM claims_readable;
"""

MODALITIES = ("fact", "forecast")  # a hypothetical figure is neither said nor planned: never summed


def per_subject_sql(where: str, unit: str, keys: tuple[str, ...] = (), extra_columns: tuple[str, ...] = ()) -> str:
    """Figures per subject (and ``keys``), facts and forecasts apart: per modality the total, the largest (both
    readable, in ``unit``, an SQL expression) and the count, then the totals in the canonical unit for sorting and
    sums. ``value`` is the lower end of a range, so a total never overstates what the articles say; a figure that
    states a change (it has a direction: "relever la puissance de 30 MW", "fait disparaître 69 milliards") is not a
    level and never adds up with the levels."""
    columns = ["subject", "max(subject_name) AS subject_name", *keys]
    if unit not in keys:
        columns.append(f"{unit} AS unit")  # the unit of every row, for the links to a subject's timeline
    for modality in MODALITIES:
        value = f"CASE WHEN modality = '{modality}' THEN value END"
        columns += [f"figure(sum({value}), {unit}) AS {modality}s_total",
                    f"figure(max({value}), {unit}) AS {modality}s_largest",
                    f"sum(modality = '{modality}') AS {modality}s"]
    columns += [f"sum(CASE WHEN modality = '{m}' THEN value END) AS {m}s_total_value" for m in MODALITIES]
    columns += extra_columns
    modalities = ", ".join(f"'{m}'" for m in MODALITIES)
    return ("SELECT " + ",\n       ".join(columns) + "\nFROM claims_readable\n"
            f"WHERE {where} AND subject IS NOT NULL AND modality IN ({modalities}) AND direction IS NULL\n"
            f"GROUP BY {', '.join(('subject', *keys))}\nORDER BY max(value) DESC")


_POWER_SQL = per_subject_sql("unit = 'W'", "'W'")
# Money is any ISO 4217 code (three capitals; every other canonical unit has a lower-case letter or a sign); a total
# never mixes currencies.
_MONEY_SQL = per_subject_sql("unit GLOB '[A-Z][A-Z][A-Z]'", "unit", keys=("concept_class", "unit"))
# Only counted chips: a hardware_count figure in another unit (a factor "×4", a price) does not add up with them.
_CHIPS_SQL = per_subject_sql("concept_class = 'hardware_count' AND unit = 'count'", "'count'",
                             extra_columns=("group_concat(figure || ' ' || concept, ' | ') AS figures",))

# :subject is an entity id or a name as shown ("nvidia" or "Nvidia"); :unit may stay empty. ``period`` is the start
# of the figure's period, or the publication date when the figure has none: the x axis of the chart.
_TIMELINE_SQL = """
SELECT COALESCE(period_start, dct) AS period, period_start, period_end, figure, value, unit, concept, concept_class,
       modality, subject_name, sentence, title, doc_id, quantity_id
FROM claims_readable
WHERE (subject = :subject OR lower(subject_name) = lower(:subject)) AND (:unit = '' OR unit = :unit)
ORDER BY period IS NULL, period, doc_id, quantity_start
"""

# The article of one claim, one row per mention of its figure (the claim and its repeats) in text order, each with
# the offsets of its sentence, so that the page marks every sentence that states the figure.
_ARTICLE_SQL = """
SELECT r.title, r.url, r.site, r.dct, r.subject_name, r.figure, r.mentions, r.concept, r.concept_class, r.modality,
       r.speaker_name, r.date_text, d.text, m.quantity_id AS mention, m.sentence_start, m.sentence_end,
       q.start AS figure_start, q."end" AS figure_end
FROM claims_readable r JOIN documents d ON d.doc_id = r.doc_id
JOIN claims m ON m.doc_id = r.doc_id AND (m.quantity_id = r.quantity_id OR m.repeat_of = r.quantity_id)
JOIN quantities q ON q.doc_id = m.doc_id AND q.quantity_id = m.quantity_id
WHERE r.doc_id = :doc_id AND r.quantity_id = :quantity_id
ORDER BY m.sentence_start, q.start
"""

# The SQL is hidden so that the totals and the chart are in view; "show" brings it back.
CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "power_by_company": {"title": "Power by company (W figures, facts and forecasts apart)", "sql": _POWER_SQL,
                         "hide_sql": True},
    "money_by_company": {"title": "Money by company and concept class", "sql": _MONEY_SQL, "hide_sql": True},
    "chips_by_company": {"title": "Chips by company (hardware_count)", "sql": _CHIPS_SQL, "hide_sql": True},
    "company_timeline": {"title": "A company's figures over time", "sql": _TIMELINE_SQL, "hide_sql": True},
    "article": {"title": "The article of a claim, its sentence marked", "sql": _ARTICLE_SQL},
}

# datasette-vega reads its chart from the URL fragment: the timeline's figures as points over time, one colour per
# concept class (a subject's links give one unit, in which a valuation and a revenue are still two series).
CHART = {"mark": "circle", "x_column": "period", "x_type": "temporal", "y_column": "value",
         "y_type": "quantitative", "color_column": "concept_class"}

ARTICLE_TEMPLATE = """{% extends "base.html" %}
{% block title %}{% if rows %}{{ rows[0]["title"] }}{% else %}Article{% endif %}{% endblock %}
{% block extra_head %}{{ super() }}<style>
.article-text { white-space: pre-wrap; max-width: 50em; line-height: 1.5; }
.article-text mark { background: #ffe066; padding: 0 2px; }
</style>{% endblock %}
{% block crumbs %}{{ crumbs.nav(request=request, database=database) }}{% endblock %}
{% block content %}
{% if rows %}{% set claim = rows[0] %}
<h1 class="article-title">{{ claim["title"] }}</h1>
<p class="article-source">{% if claim["url"] %}<a href="{{ claim["url"] }}">{{ claim["url"] }}</a>{% endif %}
 {{ claim["site"] or "" }} {{ claim["dct"] or "" }}</p>
<p class="article-claim"><strong>{{ claim["figure"] }}</strong> {{ claim["concept"] }}
 ({{ claim["concept_class"] or "no class" }}, {{ claim["modality"] }}{% if claim["subject_name"] %},
 subject {{ claim["subject_name"] }}{% endif %}{% if claim["speaker_name"] %}, said by {{ claim["speaker_name"]
 }}{% endif %}{% if claim["date_text"] %}, {{ claim["date_text"] }}{% endif %})</p>
{% if claim["mentions"] > 1 %}<p class="article-mentions">The article states this figure {{ claim["mentions"] }}
 times; each sentence is marked.</p>{% endif %}
{# Every sentence that states the figure is marked and the figure in it set in bold; a sentence holding two
   mentions is marked once, with its first. #}
{% set text = claim["text"] %}{% set cursor = namespace(at=0) %}
<div class="article-text">{% for mention in rows %}{% set start = mention["sentence_start"] %}{% set end =
 mention["sentence_end"] %}{% if start is not none and start >= cursor.at %}{{ text[cursor.at:start]
 }}<mark>{% if start <= mention["figure_start"] and mention["figure_end"] <= end %}{{
 text[start:mention["figure_start"]] }}<strong>{{ text[mention["figure_start"]:mention["figure_end"]]
 }}</strong>{{ text[mention["figure_end"]:end] }}{% else %}{{ text[start:end] }}{% endif %}</mark>{% set
 cursor.at = end %}{% endif %}{% endfor %}{{ text[cursor.at:] }}</div>
{% else %}
<p class="zero-results">No such claim: give doc_id and quantity_id.</p>
{% endif %}
{% endblock %}
"""


# Every page extends Datasette's own base template with the browser's styles.
BASE_TEMPLATE = """{% extends "default:base.html" %}
{% block extra_head %}{{ super() }}<style>
/* A figure or a date broken over two lines misreads ("55,19" above "Md$"). */
.rows-and-columns td.col-figure, .rows-and-columns td[class*="col-period"], .rows-and-columns td.col-dct,
.rows-and-columns td[class*="_total"], .rows-and-columns td[class*="_largest"] { white-space: nowrap; }
/* The sentence is what an analyst reads: room for it rather than three words per line. */
.rows-and-columns td.col-sentence { min-width: 28em; }
.rows-and-columns td.col-title, .rows-and-columns td.col-concept { min-width: 12em; }
</style>{% endblock %}
"""


def database_name(store: Path) -> str:
    """The name Datasette gives the store's database (its file name without suffix)."""
    return store.stem


def browser_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata: the facets of the claims view and the canned queries."""
    return {
        "title": "Claims browser",
        "description": "Claims extracted from French news; each figure links to its sentence in its article.",
        "databases": {
            database: {
                "tables": {
                    BROWSER_VIEW: {
                        "title": "Claims",
                        "description": "One row per figure (mentions: how many times its article states it); "
                        "click a figure to read it in its article, a subject to chart its figures in that unit over "
                        "time.",
                        "facets": list(FACETS),
                    },
                    "claims_readable": {"facets": [facet for facet in FACETS if facet != "year"]},
                },
                "queries": CANNED_QUERIES,
            }
        },
    }


def browser_settings() -> dict[str, Any]:
    # A subject facet is long; the analysts want every company of a small store, not the first 30.
    return {"default_facet_size": 50, "facet_time_limit_ms": 1000, "sql_time_limit_ms": 5000}


def write_templates(directory: Path, database: str) -> list[Path]:
    """Templates of the pages Datasette does not draw itself: the article page (its name holds the database's), and
    the base template every page extends, which carries the browser's styles."""
    article = directory / f"query-{to_css_class(database)}-{to_css_class('article')}.html"
    article.write_text(ARTICLE_TEMPLATE, encoding="utf-8")
    base = directory / "base.html"
    base.write_text(BASE_TEMPLATE, encoding="utf-8")
    return [article, base]


def prepare_store(store: Path) -> None:
    """Add the browser's view (and, for an older store, the columns and views it lacks) before serving it."""
    ClaimStore(store).close()
    connection = sqlite3.connect(store)
    try:
        connection.executescript(BROWSER_VIEW_SQL)
    finally:
        connection.close()


def article_path(database_path: str, doc_id: str, quantity_id: str) -> str:
    return f"{database_path}/article?" + urlencode({"doc_id": doc_id, "quantity_id": quantity_id})


def timeline_path(database_path: str, subject: str, unit: str = "") -> str:
    fragment = "&".join(f"g.{key}={value}" for key, value in CHART.items())
    return f"{database_path}/company_timeline?" + urlencode({"subject": subject, "unit": unit}) + "#" + fragment


def _link(href: str, text: object) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """``figure(value, unit)``: the pipeline's readable figure, so that a sum reads "8 GW" rather than 8000000000.0."""

    def figure(value: float | None, unit: str | None) -> str | None:
        return None if value is None or unit is None else format_figure(float(value), unit)

    conn.create_function("figure", 2, figure, deterministic=True)


@hookimpl
def render_cell(row: sqlite3.Row, value: Any, column: str, database: str, datasette: Any) -> Markup | None:
    """A claim's figure links to its article page, its subject to the subject's timeline chart in that unit."""
    keys = row.keys()
    if value in (None, ""):
        return None
    database_path = datasette.urls.database(database)
    if column == "figure" and "doc_id" in keys and "quantity_id" in keys:
        return _link(article_path(database_path, row["doc_id"], row["quantity_id"]), value)
    if column == "subject_name" and "subject" in keys and row["subject"]:
        unit = row["unit"] if "unit" in keys else ""
        return _link(timeline_path(database_path, row["subject"], unit), value)
    return None


def build_datasette(store: Path, template_dir: Path) -> Any:
    """A Datasette app over the store with the browser's metadata, templates and plugin."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)
    database = database_name(store)
    write_templates(template_dir, database)
    return Datasette(
        [str(store)],
        metadata=browser_metadata(database),
        template_dir=str(template_dir),
        settings=browser_settings(),
    )


def serve(store: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the store until interrupted."""
    import asyncio

    import uvicorn

    prepare_store(store)
    with tempfile.TemporaryDirectory(prefix="claims-browser-") as directory:
        datasette = build_datasette(store, Path(directory))
        asyncio.run(datasette.invoke_startup())
        url = f"http://{host}:{port}{datasette.urls.table(database_name(store), BROWSER_VIEW)}"
        print(f"claims browser: {url}", file=sys.stderr, flush=True)
        uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
