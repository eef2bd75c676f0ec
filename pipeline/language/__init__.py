"""Language data: plain JSON files per language, read through one loader.

``pipeline/resources/<lang>/<name>.json`` holds the words and patterns of one component for one language
(see ``pipeline/resources/README.md``). Parsing code never contains language words; it receives the loaded data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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
    return json.loads(path.read_text(encoding="utf-8"))


def load_language_data(lang: str, name: str, keys: set[str] | frozenset[str]) -> dict[str, Any]:
    """The resource ``name`` of language ``lang``; its top-level keys must be exactly ``keys`` (plus ``_comment``)."""
    return check_keys(f"{lang}/{name}.json", _read(lang, name), keys)


def check_keys(where: str, data: Any, keys: set[str] | frozenset[str]) -> dict[str, Any]:
    """``data`` itself when it is an object whose top-level keys are exactly ``keys`` (plus ``_comment``)."""
    if not isinstance(data, dict):
        raise LanguageDataError(f"{where}: top level must be a JSON object")
    found = set(data) - {"_comment"}
    if found != set(keys):
        unknown, missing = sorted(found - set(keys)), sorted(set(keys) - found)
        raise LanguageDataError(f"{where}: unknown keys {unknown}, missing keys {missing}")
    return data


class SerializedLanguageData:
    """For components whose whole state is their language data: ``to_disk`` writes each resource as
    ``<path>/<name>.json`` and ``from_disk`` rebuilds the component from those files, so a saved pipeline carries
    its own data instead of reloading the installed package's (spaCy calls both with the component's folder).

    A component sets ``self.language_data`` (name -> the data it was built from) and ``DATA_KEYS`` (name -> the
    top-level keys its reader expects), and implements ``build(data)``."""

    DATA_KEYS: dict[str, frozenset[str]] = {}
    language_data: dict[str, dict[str, Any]]

    def build(self, data: dict[str, dict[str, Any]]) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.language_data.items():
            (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SerializedLanguageData:
        folder = Path(path)
        data = {}
        for name, keys in self.DATA_KEYS.items():
            file = folder / f"{name}.json"
            if not file.is_file():
                raise LanguageDataError(f"{file}: missing from the saved component")
            data[name] = check_keys(str(file), json.loads(file.read_text(encoding="utf-8")), keys)
        self.build(data)
        return self
