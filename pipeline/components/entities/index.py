"""The knowledge base compiled for ``news_entity_linker``: phrase patterns for every alias and its typographic
variants, the index of KB people's surnames, and the tokenizer cases without which an alias at the end of a sentence
would not match. Entries are read and checked by :mod:`pipeline.components.kb`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import ORTH
from spacy.language import Language

from pipeline.components.entities.names import PERSON, alias_variants
from pipeline.components.kb import KBEntry, KnowledgeBaseError, check_kb_entries

SENTENCE_END = "."


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """A checked KB as the linker uses it: entries by id and the surname index."""

    entries: dict[str, KBEntry]
    surnames: dict[str, str]

    @classmethod
    def from_entries(cls, entries: Sequence[KBEntry], stop_words: frozenset[str]) -> KnowledgeBase:
        problems = check_kb_entries(entries)
        if problems:
            raise KnowledgeBaseError("; ".join(problems[:10]))
        return cls(entries={entry.id: entry for entry in entries}, surnames=surname_index(entries, stop_words))

    def patterns(self) -> list[dict[str, Any]]:
        """SpanRuler phrase patterns: one per alias and typographic variant, carrying label and id."""
        return [
            {"label": entry.label, "pattern": variant, "id": entry.id}
            for entry in self.entries.values()
            for alias in entry.aliases
            for variant in alias_variants(alias)
        ]


def surname_index(entries: Sequence[KBEntry], stop_words: frozenset[str]) -> dict[str, str]:
    """Last word of each KB person's multi-word names -> id, for the last words that point to one person only."""
    owners: dict[str, set[str]] = {}
    for entry in entries:
        if entry.label != PERSON:
            continue
        for alias in entry.aliases:
            words = alias.split()
            if len(words) >= 2 and words[-1].isalpha() and words[-1].casefold() not in stop_words:
                owners.setdefault(words[-1], set()).add(entry.id)
    return {surname: next(iter(ids)) for surname, ids in owners.items() if len(ids) == 1}


def add_sentence_end_cases(nlp: Language, kb: KnowledgeBase) -> None:
    """Teach the tokenizer to split a final period off the last word of aliases it would keep it on ("MI355X.",
    "Ascend 910C.").

    Some tokenizers read a capital letter followed by a period as an abbreviation; a KB alias then never matches
    at the end of a sentence. The special cases only separate the period, so other tokens are unchanged.
    """
    for entry in kb.entries.values():
        for alias in entry.aliases:
            last_word = alias.split()[-1]
            if not last_word[-1].isupper():
                continue
            text = last_word + SENTENCE_END
            if [token.text for token in nlp.tokenizer(text)] != [last_word, SENTENCE_END]:
                nlp.tokenizer.add_special_case(text, [{ORTH: last_word}, {ORTH: SENTENCE_END}])
