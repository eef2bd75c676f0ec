"""The knowledge base of ``resources/kb/*.jsonl``: the entry model, reading and validating a file, owners.

The format is ``resources/kb/README.md``. Plain Python, no spaCy: ``news_entity_linker`` compiles the entries
into phrase patterns and a surname index (:mod:`pipeline.components.entities.index`), ``news_claims`` reads the
``owner`` fields (:func:`owners_of`). Both read the KB from here, so neither component imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.records import ENTITY_LABELS, is_slug, json_lines

KB_DIR = Path(__file__).resolve().parent.parent / "resources" / "kb"
DEFAULT_KB = KB_DIR / "ai_compute.jsonl"
KB_FIELDS = ("id", "label", "name", "aliases", "wikidata", "type")
KB_OPTIONAL_FIELDS = ("owner",)


class KnowledgeBaseError(ValueError):
    """A knowledge-base file that breaks the format of ``resources/kb/README.md``."""


@dataclass(frozen=True, slots=True)
class KBEntry:
    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    wikidata: str | None
    type: str
    owner: str | None = None


def check_kb_entries(entries: Sequence[KBEntry]) -> list[str]:
    """Problems in a KB: duplicate or non-slug ids, unknown labels, an alias claimed by two ids, bad Wikidata ids."""
    problems: list[str] = []
    seen_ids: set[str] = set()
    alias_owner: dict[str, str] = {}
    known_ids = {entry.id for entry in entries}
    for entry in entries:
        if entry.owner is not None and entry.owner not in known_ids:
            problems.append(f"{entry.id}: owner {entry.owner!r} is not a KB id")
        if entry.id in seen_ids:
            problems.append(f"duplicate id {entry.id!r}")
        seen_ids.add(entry.id)
        if not is_slug(entry.id):
            problems.append(f"id {entry.id!r} is not a slug")
        if entry.label not in ENTITY_LABELS:
            problems.append(f"{entry.id}: label {entry.label!r} not in {ENTITY_LABELS}")
        if entry.wikidata is not None and not re.fullmatch(r"Q[1-9]\d*", entry.wikidata):
            problems.append(f"{entry.id}: wikidata {entry.wikidata!r} is not a Q-id")
        if not entry.aliases:
            problems.append(f"{entry.id}: no alias")
        for alias in entry.aliases:
            owner = alias_owner.setdefault(alias, entry.id)
            if owner != entry.id:
                problems.append(f"alias {alias!r} shared by {owner!r} and {entry.id!r}")
    return problems


def read_kb(path: Path) -> list[KBEntry]:
    """Entries of a JSON-lines KB file; a malformed line raises :class:`KnowledgeBaseError` naming the line."""
    return [kb_entry(data, where) for where, data in json_lines(path, KnowledgeBaseError)]


def kb_entry(data: object, where: str) -> KBEntry:
    """One entry from its JSON object (a KB line, or a saved pipeline's copy of it)."""
    if not isinstance(data, dict) or not set(KB_FIELDS) <= set(data) <= set(KB_FIELDS + KB_OPTIONAL_FIELDS):
        raise KnowledgeBaseError(f"{where}: expected the fields {KB_FIELDS}, optionally {KB_OPTIONAL_FIELDS}")
    if not isinstance(data["aliases"], list) or not all(isinstance(a, str) for a in data["aliases"]):
        raise KnowledgeBaseError(f"{where}: aliases must be a list of strings")
    return KBEntry(
        id=data["id"],
        label=data["label"],
        name=data["name"],
        aliases=tuple(data["aliases"]),
        wikidata=data["wikidata"],
        type=data["type"],
        owner=data.get("owner"),
    )


def kb_line(entry: KBEntry) -> dict[str, object]:
    """The JSON object of an entry, as a KB line writes it."""
    data: dict[str, object] = {"id": entry.id, "label": entry.label, "name": entry.name,
                               "aliases": list(entry.aliases), "wikidata": entry.wikidata, "type": entry.type}
    if entry.owner is not None:
        data["owner"] = entry.owner
    return data


def owners_of(entries: Iterable[KBEntry], label: str) -> dict[str, str]:
    """Id -> ``owner`` of the entries with ``label`` that name one: a named facility's owner (``PRODUCT``), the
    organization a person leads or works for (``PER``)."""
    return {entry.id: entry.owner for entry in entries if entry.label == label and entry.owner}
