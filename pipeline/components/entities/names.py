"""Pure functions over strings for ``news_entity_linker``: what a name looks like, where a span's name starts and
ends, and which fuller mention a short form stands for. No spaCy: tested without a pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

PERSON = "PER"
ORGANIZATION = "ORG"
PRODUCT = "PRODUCT"
HANDLE_PREFIX = "@"
# Typographic variants a name is printed with; aliases are written with the first of each group.
APOSTROPHES = ("'", "\u2019")
SPACES = (" ", "\u00a0", "\u202f")

# A model or chip reference: a short letter prefix, an optional hyphen, digits, an optional letter suffix
# ("H100", "GB200", "MI300X", "R1", "GPT-4o").
_PRODUCT_CODE_RE = re.compile(r"^[A-Za-z]{1,4}-?\d{1,4}[A-Za-z]{0,3}$")


def alias_variants(alias: str) -> list[str]:
    """The alias as printed with each apostrophe and each kind of space (no-break spaces are common in French)."""
    variants = [alias]
    for apostrophe in APOSTROPHES[1:]:
        variants += [variant.replace(APOSTROPHES[0], apostrophe) for variant in variants]
    for space in SPACES[1:]:
        variants += [variant.replace(SPACES[0], space) for variant in variants if SPACES[0] in variant]
    return list(dict.fromkeys(variants))


def is_name_like(word: str) -> bool:
    """A word that can be part of a proper name: it has a capital or a digit ("Nvidia", "xAI", "H100")."""
    return any(char.isupper() or char.isdigit() for char in word)


def is_handle(word: str) -> bool:
    """A social-network handle ("@sama"): never part of a name."""
    return word.startswith(HANDLE_PREFIX)


def is_product_code(words: Sequence[str]) -> bool:
    """One word shaped like a chip or model reference ("H100", "MI300X", "GPT-4o"), never a bare year."""
    return len(words) == 1 and bool(_PRODUCT_CODE_RE.match(words[0])) and not words[0].isdigit()


def is_numbered_name(words: Sequence[str]) -> bool:
    """A name followed by a number ("Colossus 2", "Gaudi 3"): the shape of a product generation."""
    return (
        len(words) >= 2
        and is_name_like(words[0])
        and not any(char.isdigit() for char in words[0])
        and any(word.replace(".", "").isdigit() for word in words[1:])
    )


def trim_words(words: Sequence[str], edge_words: frozenset[str], titles: frozenset[str]) -> tuple[int, int]:
    """Bounds ``(start, end)`` of the name inside ``words`` once the edges that are not part of it are cut.

    Leading: blanks, punctuation, handles, job titles, function words ("de", "d'", "le", "selon") and any word
    without a capital or digit ("message de Huang" -> "Huang", "PDG de Nvidia" -> "Nvidia"). Trailing: blanks,
    punctuation, handles, titles and function words (a lowercase word may end a name: "Banque mondiale").
    ``edge_words`` and ``titles`` are lowercase.
    """

    def cut(word: str) -> bool:
        folded = word.casefold()
        return (
            not word.strip()
            or not any(char.isalnum() for char in word)
            or is_handle(word)
            or folded in titles
            or folded in edge_words
        )

    start, end = 0, len(words)
    while start < end and (cut(words[start]) or not is_name_like(words[start])):
        start += 1
    while end > start and cut(words[end - 1]):
        end -= 1
    return start, end


def split_lines(words: Sequence[str], breaks: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """Runs of ``words`` not separated by a line break (an entity never spans two lines) nor by a word ``breaks``
    says no name holds."""
    runs: list[tuple[int, int]] = []
    start = 0
    for index, word in enumerate(words):
        if "\n" in word or (breaks is not None and breaks(word)):
            if index > start:
                runs.append((start, index))
            start = index + 1
    if start < len(words):
        runs.append((start, len(words)))
    return runs


def uncovered_runs(start: int, end: int, covered: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The maximal sub-ranges of ``[start, end)`` outside every ``covered`` range."""
    free = [True] * (end - start)
    for cover_start, cover_end in covered:
        for index in range(max(start, cover_start), min(end, cover_end)):
            free[index - start] = False
    runs: list[tuple[int, int]] = []
    run_start: int | None = None
    for offset, is_free in enumerate([*free, False]):
        if is_free and run_start is None:
            run_start = offset
        elif not is_free and run_start is not None:
            runs.append((start + run_start, start + offset))
            run_start = None
    return runs


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention reduced to what id resolution needs: where it starts, its words, label and id."""

    start: int
    words: tuple[str, ...]
    label: str
    id: str


def resolve_short_form(words: Sequence[str], position: int, mentions: Sequence[Mention]) -> Mention | None:
    """The fuller mention that ``words`` is a short form of, if any.

    A person is shortened to its last name(s) ("Musk" for "Elon Musk"), an organization to its first word(s)
    ("Cerebras" for "Cerebras Systems"). The nearest fuller mention before ``position`` wins; failing one, the
    first after it (a title may name the person by surname before the body gives the full name).
    """
    size = len(words)
    query = tuple(words)
    if not size:
        return None

    def expands(mention: Mention) -> bool:
        if len(mention.words) <= size:
            return False
        if mention.label == PERSON:
            return mention.words[-size:] == query
        return mention.label == ORGANIZATION and mention.words[:size] == query

    candidates = [mention for mention in mentions if expands(mention)]
    before = [mention for mention in candidates if mention.start < position]
    if before:
        return max(before, key=lambda mention: mention.start)
    after = [mention for mention in candidates if mention.start > position]
    return min(after, key=lambda mention: mention.start) if after else None
