"""The ``news_entity_linker`` component: entities with our labels (PER, ORG, LOC, PRODUCT) and ids.

It runs after the base model's ``ner`` and works with it, not instead of it:

- a knowledge base (``resources/kb/*.jsonl``) is matched with an internal :class:`spacy.pipeline.SpanRuler`
  (case-sensitive phrase patterns; the KB lists the case variants of each alias). KB matches win over the
  statistical entities they overlap, which fixes the base model's wrong labels ("xAI" as PER, "Musk" as ORG)
  and splits spans such as "xAI d'Elon Musk" into their named parts;
- statistical entities the KB does not know are kept with mapped labels, after trimming the words that are not
  part of a name (job titles, prepositions, elided articles, handles) and dropping what
  ``resources/<lang>/entities.json`` says is never an entity (imperatives, boilerplate, nationality adjectives);
- every entity gets an id in ``ent.kb_id_``: its KB id, else the id of a fuller name met in the same document
  ("Musk" after "Elon Musk" -> ``elon-musk``), else the id of a KB person with that surname, else the slug of
  its own text.

Sets ``doc.ents`` (and so ``token.ent_kb_id``); no ``._`` attribute. At construction it adds tokenizer special
cases that split a sentence-final period off one-word KB aliases ("MI355X." -> "MI355X" "."), nothing else.
The algorithms (``slugify``, ``trim_words``, ``resolve_short_form``, ...) are pure functions over strings,
tested without a pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.language import load_language_data
from pipeline.records import ENTITY_LABELS, is_slug, json_lines, slugify

KB_DIR = Path(__file__).resolve().parent.parent / "resources" / "kb"
DEFAULT_KB = KB_DIR / "ai_compute.jsonl"
KB_FIELDS = ("id", "label", "name", "aliases", "wikidata", "type")
KB_OPTIONAL_FIELDS = ("owner",)
RULE_KEYS = frozenset({"label_map", "stop_entities", "titles", "nationalities", "organization_nouns"})

PERSON = "PER"
ORGANIZATION = "ORG"
PRODUCT = "PRODUCT"
HANDLE_PREFIX = "@"
SENTENCE_END = "."
# Typographic variants a name is printed with; aliases are written with the first of each group.
APOSTROPHES = ("'", "\u2019")
SPACES = (" ", "\u00a0", "\u202f")

# A model or chip reference: a short letter prefix, an optional hyphen, digits, an optional letter suffix
# ("H100", "GB200", "MI300X", "R1", "GPT-4o").
_PRODUCT_CODE_RE = re.compile(r"^[A-Za-z]{1,4}-?\d{1,4}[A-Za-z]{0,3}$")


class KnowledgeBaseError(ValueError):
    """A knowledge-base file that breaks the format of ``resources/kb/README.md``."""


# --------------------------------------------------------------------------------------------------------------
# Pure functions
# --------------------------------------------------------------------------------------------------------------


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


def organization_names(doc: Doc, organization_nouns: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of capitalized names that follow an organization noun and at most two lowercase adjectives
    ("la PME Voltigeur Calcul", "le cabinet bordelais Kerlan Conseil"). The noun must follow a determiner and be
    lowercase or an acronym, so that a sentence-initial "Groupe" or a title word does not count. Nouns are
    compared on characters: the tokenizer may split "start-up"."""
    text = doc.text
    starts = {token.idx: token.i for token in doc}
    found: list[tuple[int, int]] = []
    for token in doc[:-1]:
        if token.pos_ != "DET":
            continue
        at = doc[token.i + 1].idx
        noun = next((n for n in organization_nouns if text[at:at + len(n)] in (n.lower(), n.upper())), None)
        if noun is None or at + len(noun) + 1 not in starts:
            continue
        index = starts[at + len(noun) + 1]
        first = index
        while index < len(doc) and index - first < 2 and doc[index].pos_ == "ADJ" and doc[index].is_lower:
            index += 1
        end = index
        while end < len(doc) and not doc[end].is_punct and doc[end].text[0].isupper():
            end += 1
        if end > index:
            found.append((index, end))
    return found


def repeated_mentions(doc: Doc, entities: Sequence[Span], taken: set[int]) -> list[Span]:
    """Other occurrences of a name the document already tags, which the statistical model missed (a name in a
    title line often is: "Marseille : Phocéa Data lance ..."). Names of two words or more only, same label and id;
    ``taken`` (token indices already in an entity) is updated."""
    names: dict[tuple[str, ...], Span] = {}
    for entity in entities:
        words = tuple(token.text for token in entity)
        if len(words) >= 2 and any(char.isupper() for char in words[0]):
            names.setdefault(words, entity)
    found: list[Span] = []
    for words, entity in names.items():
        size = len(words)
        for start in range(len(doc) - size + 1):
            if doc[start].text != words[0] or any(index in taken for index in range(start, start + size)):
                continue
            if tuple(token.text for token in doc[start:start + size]) == words:
                found.append(Span(doc, start, start + size, label=entity.label_, kb_id=entity.kb_id_))
                taken.update(range(start, start + size))
    return found


def is_handle(word: str) -> bool:
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


def split_lines(words: Sequence[str]) -> list[tuple[int, int]]:
    """Runs of ``words`` not separated by a line break: an entity never spans two lines."""
    runs: list[tuple[int, int]] = []
    start = 0
    for index, word in enumerate(words):
        if "\n" in word:
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


# --------------------------------------------------------------------------------------------------------------
# Knowledge base and language rules
# --------------------------------------------------------------------------------------------------------------


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
    entries: list[KBEntry] = []
    for where, data in json_lines(path, KnowledgeBaseError):
        if not isinstance(data, dict) or not set(KB_FIELDS) <= set(data) <= set(KB_FIELDS + KB_OPTIONAL_FIELDS):
            raise KnowledgeBaseError(f"{where}: expected the fields {KB_FIELDS}, optionally {KB_OPTIONAL_FIELDS}")
        if not isinstance(data["aliases"], list) or not all(isinstance(a, str) for a in data["aliases"]):
            raise KnowledgeBaseError(f"{where}: aliases must be a list of strings")
        entries.append(
            KBEntry(
                id=data["id"],
                label=data["label"],
                name=data["name"],
                aliases=tuple(data["aliases"]),
                wikidata=data["wikidata"],
                type=data["type"],
                owner=data.get("owner"),
            )
        )
    return entries


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
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


@cache
def load_kb(path: Path, stop_words: frozenset[str]) -> KnowledgeBase:
    return KnowledgeBase.from_entries(read_kb(path), stop_words)


@dataclass(frozen=True, slots=True)
class EntityRules:
    """The language data of ``resources/<lang>/entities.json``, lowercased where compared case-insensitively."""

    label_map: dict[str, str | None]
    stop_entities: frozenset[str]
    titles: frozenset[str]
    nationalities: frozenset[str]
    organization_nouns: tuple[str, ...]

    @classmethod
    def from_language(cls, lang: str) -> EntityRules:
        data = load_language_data(lang, "entities", keys=RULE_KEYS)
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


# --------------------------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    """A statistical entity (or a part of one) kept after trimming; ``label`` None = unknown kind (MISC)."""

    start: int
    end: int
    label: str | None


class EntityLinker:
    """Merge KB matches with the statistical NER, map labels, trim spans and give every entity an id."""

    def __init__(self, nlp: Language, name: str, *, kb: KnowledgeBase, rules: EntityRules) -> None:
        self.name = name
        self.kb = kb
        self.rules = rules
        self.edge_words = frozenset(word.casefold() for word in nlp.Defaults.stop_words)
        self.ruler = SpanRuler(nlp, name=f"{name}_kb", spans_key=None, annotate_ents=False, overwrite=False)
        add_sentence_end_cases(nlp, kb)
        # Phrase patterns only need the tokenizer: keep the statistical components out of pattern building.
        with nlp.select_pipes(disable=nlp.pipe_names):
            self.ruler.add_patterns(kb.patterns())

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def set_annotations(self, doc: Doc, entities: list[Span]) -> None:
        doc.ents = sorted(entities)

    # -- finding ------------------------------------------------------------------------------------------------

    def match(self, doc: Doc) -> list[Span]:
        kb_spans = [span for span in filter_spans(self.ruler.match(doc)) if not self._inside_handle(doc, span)]
        candidates = self._statistical_candidates(doc, kb_spans)
        candidates = self._named_organizations(doc, kb_spans, candidates)
        return self._link(doc, kb_spans, candidates)

    def _named_organizations(self, doc: Doc, kb_spans: list[Span], candidates: list[_Candidate]) -> list[_Candidate]:
        """A name right after an organization noun is an organization ("la PME Voltigeur Calcul", "la jeune pousse
        Calcéa", "le cabinet nantais Altitude Data"), whatever the statistical model made of it, unless the KB
        knows it."""
        taken = {index for span in kb_spans for index in range(span.start, span.end)}
        for start, end in organization_names(doc, self.rules.organization_nouns):
            if any(index in taken for index in range(start, end)):
                continue
            candidates = [c for c in candidates if c.end <= start or end <= c.start]
            candidates.append(_Candidate(start, end, ORGANIZATION))
        return candidates

    def _inside_handle(self, doc: Doc, span: Span) -> bool:
        return span.start > 0 and doc[span.start - 1].text == HANDLE_PREFIX and not doc[span.start - 1].whitespace_

    def _statistical_candidates(self, doc: Doc, kb_spans: list[Span]) -> list[_Candidate]:
        """Statistical entities cut to their names; a KB match inside one wins unless the entity extends it."""
        candidates: list[_Candidate] = []
        for ent in doc.ents:
            for start, end in self._pieces(doc, ent.start, ent.end):
                inside = [span for span in kb_spans if span.start < end and start < span.end]
                if not inside:
                    candidates.append(_Candidate(start, end, ent.label_))
                elif self.rules.map_label(ent.label_) is not None and self._extends(doc, start, end, inside):
                    # "Robert Rubin", "Riot Games": a longer name that merely contains a KB alias.
                    for span in inside:
                        kb_spans.remove(span)
                    candidates.append(_Candidate(start, end, ent.label_))
                else:
                    covered = [(span.start, span.end) for span in inside]
                    for run_start, run_end in uncovered_runs(start, end, covered):
                        candidates += [_Candidate(s, e, ent.label_) for s, e in self._pieces(doc, run_start, run_end)]
        return candidates

    def _pieces(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        words = [token.text for token in doc[start:end]]
        pieces = []
        for line_start, line_end in split_lines(words):
            cut_start, cut_end = trim_words(words[line_start:line_end], self.edge_words, self.rules.titles)
            if cut_end > cut_start:
                pieces.append((start + line_start + cut_start, start + line_start + cut_end))
        return pieces

    def _extends(self, doc: Doc, start: int, end: int, inside: list[Span]) -> bool:
        """Whether a name word outside the KB matches is glued to one of them (no connector in between)."""
        covered = {index for span in inside for index in range(span.start, span.end)}
        for span in inside:
            for index in (span.start - 1, span.end):
                if start <= index < end and index not in covered and self._is_name_word(doc[index].text):
                    return True
        return False

    def _is_name_word(self, word: str) -> bool:
        folded = word.casefold()
        return (
            word.isalpha() and is_name_like(word) and folded not in self.rules.titles and folded not in self.edge_words
        )

    def _keep(self, doc: Doc, candidate: _Candidate) -> _Candidate | None:
        """Our label for a statistical candidate, or None when it is not an entity at all."""
        span = doc[candidate.start : candidate.end]
        words = [token.text for token in span if not token.is_space]
        text = span.text
        if len(text) < 2 or self.rules.is_never_entity(text) or any(is_handle(word) for word in words):
            return None
        if len(span) == 1:
            token = span[0]
            if token.pos_ == "VERB":  # a sentence-initial infinitive or imperative ("Laisser", "Investir")
                return None
            previous = doc[token.i - 1] if token.i > 0 else None
            if previous is not None and previous.like_num and token.is_alpha and len(text) <= 3:
                return None  # a unit after a number ("750 W")
        label = self.rules.map_label(candidate.label or "")
        if is_product_code(words) or (label is None and is_numbered_name(words)):
            label = PRODUCT
        return _Candidate(candidate.start, candidate.end, label)

    # -- linking ------------------------------------------------------------------------------------------------

    def _link(self, doc: Doc, kb_spans: list[Span], raw: list[_Candidate]) -> list[Span]:
        taken = {index for span in kb_spans for index in range(span.start, span.end)}
        candidates: list[_Candidate] = []
        for candidate in raw:
            kept = self._keep(doc, candidate)
            if kept is not None and not any(index in taken for index in range(kept.start, kept.end)):
                candidates.append(kept)
                taken.update(range(kept.start, kept.end))

        def words_of(start: int, end: int) -> tuple[str, ...]:
            return tuple(token.text for token in doc[start:end] if not token.is_space)

        anchors = [
            Mention(doc[span.start].idx, words_of(span.start, span.end), span.label_, span.id_) for span in kb_spans
        ]
        anchors += [
            Mention(doc[c.start].idx, words_of(c.start, c.end), c.label, slugify(doc[c.start : c.end].text))
            for c in candidates
            if c.label is not None and c.end - c.start >= 2
        ]

        entities = [Span(doc, span.start, span.end, label=span.label_, kb_id=span.id_) for span in kb_spans]
        for candidate in candidates:
            resolved = self._resolve(doc, candidate, words_of(candidate.start, candidate.end), anchors)
            if resolved is not None:
                label, entity_id = resolved
                entities.append(Span(doc, candidate.start, candidate.end, label=label, kb_id=entity_id))
        entities += self._surname_mentions(doc, anchors, taken)
        # Only what became an entity blocks a repeat: a dropped statistical span (MISC) does not.
        tagged = {index for entity in entities for index in range(entity.start, entity.end)}
        entities += repeated_mentions(doc, entities, tagged)
        return entities

    def _resolve(
        self, doc: Doc, candidate: _Candidate, words: tuple[str, ...], anchors: list[Mention]
    ) -> tuple[str, str] | None:
        """(label, id) of a statistical candidate: a fuller name of the document, a KB surname, or its own slug."""
        fuller = resolve_short_form(words, doc[candidate.start].idx, anchors)
        if fuller is not None:
            return fuller.label, fuller.id
        if len(words) == 1 and words[0] in self.kb.surnames:
            return PERSON, self.kb.surnames[words[0]]
        if candidate.label is None:
            return None
        return candidate.label, slugify(doc[candidate.start : candidate.end].text)

    def _surname_mentions(self, doc: Doc, anchors: list[Mention], taken: set[int]) -> list[Span]:
        """Bare surnames of the document's people that the statistical model did not tag."""
        surnames = {
            mention.words[-1]
            for mention in anchors
            if mention.label == PERSON and len(mention.words) >= 2 and self._is_name_word(mention.words[-1])
        }
        found: list[Span] = []
        for token in doc:
            if token.i in taken or token.text not in surnames or self._inside_handle(doc, doc[token.i : token.i + 1]):
                continue
            fuller = resolve_short_form((token.text,), token.idx, anchors)
            if fuller is not None:
                found.append(Span(doc, token.i, token.i + 1, label=PERSON, kb_id=fuller.id))
                taken.add(token.i)
        return found


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


@Language.factory(
    "news_entity_linker",
    assigns=["doc.ents", "token.ent_kb_id"],
    requires=["doc.ents"],
    default_config={"kb_path": None},
)
def make_entity_linker(nlp: Language, name: str, kb_path: str | None) -> EntityLinker:
    """``kb_path``: a JSON-lines KB (``resources/kb/README.md``); None = the packaged AI-compute KB."""
    rules = EntityRules.from_language(nlp.lang)
    stop_words = frozenset(word.casefold() for word in nlp.Defaults.stop_words)
    kb = load_kb(Path(kb_path) if kb_path else DEFAULT_KB, stop_words)
    return EntityLinker(nlp, name, kb=kb, rules=rules)
