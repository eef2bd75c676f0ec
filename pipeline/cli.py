"""Command line: a thin layer over functions that return data."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.evaluation import gold
from pipeline.messages import discard_stdout, one_line, os_error
from pipeline.readers.inputs import DEFAULT_MAX_CHARS
from pipeline.records import RecordError, write_documents

# Seconds an article may take before it is reported as failed (extract --max-seconds).
DEFAULT_MAX_SECONDS = 120.0

if TYPE_CHECKING:
    from pipeline.runner.parallel import Executor


def _gold_build(args: argparse.Namespace) -> int:
    sources = args.sources or sorted(Path("gold/src").glob("*.json"))
    documents = []
    failed = 0
    for source_path in sources:
        source = json.loads(Path(source_path).read_text(encoding="utf-8"))
        text = (args.corpus / f"{source['doc_id']}.txt").read_text(encoding="utf-8")
        try:
            documents.append(gold.build_document(source, text))
        except gold.GoldSourceError as error:
            print(f"{source_path}: {error}", file=sys.stderr)
            failed += 1
    if args.out:
        with args.out.open("w", encoding="utf-8") as handle:
            write_documents(documents, handle)
    else:
        write_documents(documents, sys.stdout)
    return 1 if failed else 0


def _gold_check(args: argparse.Namespace) -> int:
    problems = gold.check_gold_file(args.file, args.corpus)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{args.file}: {len(problems)} problem(s)")
    return 1 if problems else 0


def _extract(args: argparse.Namespace) -> int:
    from pipeline.runner.job import ExtractJob, run_job

    job = ExtractJob(args.paths, args.out, args.db, args.batch_size, args.max_chars, getattr(args, "quiet", False))
    return run_job(job, lambda: _executor(args))


def _executor(args: argparse.Namespace) -> Executor:
    """Where batches are extracted: here, in ``--processes`` workers, or on a Dask cluster (``--engine dask``)."""
    from pipeline.runner.parallel import ProcessExecutor, SerialExecutor

    processes = getattr(args, "processes", 1)
    if processes < 1:
        raise ValueError(f"--processes must be at least 1, not {processes}")
    if getattr(args, "engine", "local") == "dask":
        from pipeline.runner.dask_engine import DaskExecutor

        return DaskExecutor(args.scheduler, workers=processes if args.processes_given else None)
    if getattr(args, "scheduler", None):
        raise ValueError("--scheduler needs --engine dask")
    max_seconds = getattr(args, "max_seconds", DEFAULT_MAX_SECONDS)
    return (ProcessExecutor(processes, max_seconds=max_seconds) if processes > 1
            else SerialExecutor(max_seconds=max_seconds))


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluation.evaluate import run_evaluation

    if args.extract:
        extract_status = _extract(
            argparse.Namespace(
                paths=args.extract,
                out=args.pred,
                db=None,
                batch_size=32,
                max_chars=DEFAULT_MAX_CHARS,
            )
        )
        if extract_status != 0:
            print("warning: some articles failed to extract; they count as missed", file=sys.stderr)
    result = run_evaluation(
        args.gold,
        args.pred,
        args.corpus,
        html_path=args.html,
        json_path=args.json,
        history_path=args.history,
        thresholds_path=args.thresholds,
        update_history=args.record,
    )
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(result.markdown)
    for failure in result.threshold_failures:
        print(f"below threshold: {failure}", file=sys.stderr)
    return 0 if result.passed else 1


def _claims(args: argparse.Namespace) -> int:
    from pipeline.records import read_documents
    from pipeline.views.grouping import group_claims, groups_table

    documents = [d for path in args.files for d in read_documents(path)]
    print(groups_table(group_claims(documents, min_sources=args.min_sources)))
    return 0


def _summary(args: argparse.Namespace) -> int:
    from pipeline.records import read_documents
    from pipeline.views.summary import summary_table

    print(summary_table(read_documents(args.file), max_claims=args.max_claims))
    return 0


def _export(args: argparse.Namespace) -> int:
    from pipeline.views.export import ExportError, readable_claims, write_csv, write_parquet

    if args.format == "parquet" and args.out is None:
        print("error: --format parquet needs --out FILE", file=sys.stderr)
        return 2
    try:
        columns, rows = readable_claims(args.store, args.where)
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.format == "parquet":
        write_parquet(columns, rows, args.out)
    elif args.out is not None:
        with args.out.open("w", encoding="utf-8", newline="") as handle:
            write_csv(columns, rows, handle)
    else:
        write_csv(columns, rows, sys.stdout)
    if args.out is not None:
        print(f"{len(rows)} claims written to {args.out}", file=sys.stderr)
    return 0


def _browse(args: argparse.Namespace) -> int:
    if not args.store.is_file():
        print(f"error: {args.store}: no such store", file=sys.stderr)
        return 2
    from pipeline.views.browser import serve  # lazy: only the browser pays for Datasette's import

    serve(args.store, host=args.host, port=args.port)
    return 0


def _train(args: argparse.Namespace) -> int:
    from pipeline.learning.train import train_claim_models, write_models
    from pipeline.nlp import build_nlp

    nlp = build_nlp(args.lang)
    models = train_claim_models(nlp, args.root, n_folds=args.folds)
    out = args.out or args.root / "pipeline" / "resources" / args.lang / "claim_models.json"
    write_models(models, out)
    print(f"wrote {out}")
    return 0


def _positive_float(text: str) -> float:
    """A time budget: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text}")
    return value


def _positive_int(text: str) -> int:
    """An argument that counts something: 0 or less would refuse every article or never fill a batch."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract records from articles")
    extract.add_argument("paths", nargs="+", type=Path,
                         help=".txt, .html or .jsonl article files, a .gz of any of them (a.html.gz), or folders of "
                         "such files")
    extract.add_argument("--out", type=Path, help="output JSON lines (default: stdout)")
    extract.add_argument("--db", type=Path, help="SQLite claims store (incremental: unchanged articles are skipped)")
    extract.add_argument("--batch-size", type=_positive_int, default=32)
    extract.add_argument(
        "--max-chars",
        type=_positive_int,
        default=DEFAULT_MAX_CHARS,
        help="refuse articles longer than this (default: %(default)s)",
    )
    extract.add_argument(
        "--max-seconds",
        type=_positive_float,
        default=DEFAULT_MAX_SECONDS,
        help="time budget per article: an article still running after it fails (named) and the batch goes on "
        "(default: %(default)g; enforced here and in --processes workers)",
    )
    extract.add_argument(
        "--processes",
        type=int,
        default=None,
        help="worker processes, each loading the pipeline once (default: 1, in this process; "
        "with --engine dask: workers of the local cluster, default one per CPU)",
    )
    extract.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine; dask: a Dask cluster (a LocalCluster unless --scheduler)",
    )
    extract.add_argument("--scheduler", help="address of a Dask scheduler, e.g. tcp://10.0.0.5:8786")
    extract.add_argument("--quiet", action="store_true", help="no progress bar (never shown when stderr is no TTY)")
    extract.set_defaults(handler=_extract)

    evaluate = commands.add_parser("evaluate", help="score predictions against a gold file")
    evaluate.add_argument("--gold", type=Path, required=True)
    evaluate.add_argument("--pred", type=Path, required=True, help="predictions (written first with --extract)")
    evaluate.add_argument("--extract", nargs="+", type=Path, help="extract these paths into --pred first")
    evaluate.add_argument("--corpus", type=Path, default=Path("corpus"))
    evaluate.add_argument("--html", type=Path, help="write the HTML report here")
    evaluate.add_argument("--json", type=Path, help="write the metrics here")
    evaluate.add_argument("--history", type=Path, help="metrics of the last recorded run, to show the change")
    evaluate.add_argument("--record", action="store_true", help="save this run's metrics as the new --history")
    evaluate.add_argument("--thresholds", type=Path, help="fail when a metric is below its minimum here")
    evaluate.set_defaults(handler=_evaluate)

    claims = commands.add_parser("claims", help="group the same claim found in several articles")
    claims.add_argument("files", nargs="+", type=Path, help="record files (JSON lines)")
    claims.add_argument("--min-sources", type=int, default=2)
    claims.set_defaults(handler=_claims)

    summary = commands.add_parser("summary", help="print a short table of an extraction's records")
    summary.add_argument("file", type=Path)
    summary.add_argument("--max-claims", type=int, default=40)
    summary.set_defaults(handler=_summary)

    export = commands.add_parser("export", help="export the store's claims_readable view as CSV or Parquet")
    export.add_argument("store", type=Path, help="SQLite store written by extract --db")
    export.add_argument("--format", choices=("csv", "parquet"), default="csv")
    export.add_argument("--where", help="SQL condition on the view's columns, e.g. \"concept_class = 'power'\"")
    export.add_argument("--out", type=Path, help="output file (default for csv: stdout; required for parquet)")
    export.set_defaults(handler=_export)

    browse = commands.add_parser("browse", help="serve the store as web pages (Datasette): facets, queries, charts")
    browse.add_argument("store", type=Path, help="SQLite store written by extract --db")
    browse.add_argument("--port", type=int, default=8001)
    browse.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    browse.set_defaults(handler=_browse)

    gold_parser = commands.add_parser("gold", help="build or check a gold file")
    gold_commands = gold_parser.add_subparsers(dest="gold_command", required=True)
    build = gold_commands.add_parser("build", help="compute offsets from hand-written label sources")
    build.add_argument("sources", nargs="*", type=Path, help="label sources (default: gold/src/*.json)")
    build.add_argument("--corpus", type=Path, default=Path("corpus"))
    build.add_argument("--out", type=Path, help="output JSONL (default: stdout)")
    build.set_defaults(handler=_gold_build)
    check = gold_commands.add_parser("check", help="validate a gold file against the corpus")
    check.add_argument("file", type=Path)
    check.add_argument("--corpus", type=Path, default=Path("corpus"))
    check.set_defaults(handler=_gold_check)

    train = commands.add_parser("train", help="train a learned component from the gold sets")
    train.add_argument("component", choices=("claims",), help="claims: subject ranker, modality, concept class")
    train.add_argument("--lang", required=True, help="language of the gold sets and of the model file, e.g. fr")
    train.add_argument("--root", type=Path, default=Path("."), help="repository root holding the gold sets")
    train.add_argument("--folds", type=int, default=5, help="cross-validation folds (by article)")
    train.add_argument("--out", type=Path, help="model file (default: pipeline/resources/<lang>/claim_models.json)")
    train.set_defaults(handler=_train)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "extract":
        args.processes_given = args.processes is not None
        args.processes = 1 if args.processes is None else args.processes
    try:
        return args.handler(args)
    except BrokenPipeError:
        return _reader_gone()
    except (RecordError, OSError) as error:  # a file to read is missing, unreadable or not what it should be
        print(one_line(f"error: {os_error(error) if isinstance(error, OSError) else error}"), file=sys.stderr)
        return 2


def _reader_gone() -> int:
    """The reader of the output went away (``| head``): stop quietly, as a Unix filter does, with the status of a
    death by SIGPIPE."""
    discard_stdout()
    return 128 + signal.SIGPIPE
