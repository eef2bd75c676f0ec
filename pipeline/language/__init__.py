"""Language data: plain JSON files per language, read through one loader.

``pipeline/resources/<lang>/<name>.json`` holds the words and patterns of one component for one language
(see ``pipeline/resources/README.md``). Parsing code never contains language words; it receives the loaded data.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources"


class LanguageDataError(LookupError):
    """Missing language, missing resource, or a resource whose keys differ from what its reader expects."""


def available_languages(name: str) -> list[str]:
    return sorted(path.parent.name for path in RESOURCE_DIR.glob(f"*/{name}.json"))


@cache
def _read(lang: str, name: str) -> dict[str, Any]:
    path = RESOURCE_DIR / lang / f"{name}.json"
    if not path.is_file():
        raise LanguageDataError(
            f"no {name!r} data for language {lang!r} (have: {', '.join(available_languages(name)) or 'none'})"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LanguageDataError(f"{path}: top level must be a JSON object")
    return data


def load_language_data(lang: str, name: str, keys: set[str] | frozenset[str]) -> dict[str, Any]:
    """The resource ``name`` of language ``lang``; its top-level keys must be exactly ``keys`` (plus ``_comment``)."""
    data = _read(lang, name)
    found = set(data) - {"_comment"}
    if found != set(keys):
        unknown, missing = sorted(found - set(keys)), sorted(set(keys) - found)
        raise LanguageDataError(f"{lang}/{name}.json: unknown keys {unknown}, missing keys {missing}")
    return data
