"""The language data of ``news_entity_linker``: ``resources/<lang>/entities.json`` read, checked and lowercased
once, at construction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.records import ENTITY_LABELS

RULE_KEYS = frozenset({"label_map", "stop_entities", "titles", "nationalities", "organization_nouns"})


@dataclass(frozen=True, slots=True)
class EntityRules:
    """The language data of ``resources/<lang>/entities.json``, lowercased where compared case-insensitively."""

    label_map: dict[str, str | None]
    stop_entities: frozenset[str]
    titles: frozenset[str]
    nationalities: frozenset[str]
    organization_nouns: tuple[str, ...]

    @classmethod
    def from_data(cls, data: dict[str, Any], lang: str) -> EntityRules:
        label_map = dict(data["label_map"])
        unknown = {label for label in label_map.values() if label is not None and label not in ENTITY_LABELS}
        if unknown:
            raise ValueError(f"{lang}/entities.json: label_map targets unknown labels {sorted(unknown)}")
        return cls(
            label_map=label_map,
            stop_entities=frozenset(word.casefold() for word in data["stop_entities"]),
            titles=frozenset(word.casefold() for word in data["titles"]),
            nationalities=frozenset(word.casefold() for word in data["nationalities"]),
            # Longest first, so that "jeune pousse" is tried before a one-word noun.
            organization_nouns=tuple(sorted(data["organization_nouns"], key=len, reverse=True)),
        )

    def map_label(self, label: str) -> str | None:
        """Our label for a base NER label; labels that are already ours pass through."""
        if label in self.label_map:
            return self.label_map[label]
        return label if label in ENTITY_LABELS else None

    def is_never_entity(self, text: str) -> bool:
        folded = text.casefold()
        return folded in self.stop_entities or folded in self.nationalities
