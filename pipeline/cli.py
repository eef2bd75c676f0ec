"""Command line: a thin layer over functions that return data."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import gold
from .records import write_documents


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)
