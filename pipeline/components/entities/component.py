"""The ``news_entity_linker`` component: the KB matches and the statistical entities merged, trimmed, labelled and
linked (:class:`EntityLinker`), and its registered factory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.entities.find import organization_names, repeated_mentions
from pipeline.components.entities.index import KnowledgeBase, add_sentence_end_cases
from pipeline.components.entities.names import (
    HANDLE_PREFIX,
    ORGANIZATION,
    PERSON,
    PRODUCT,
    Mention,
    is_handle,
    is_name_like,
    is_numbered_name,
    is_product_code,
    resolve_short_form,
    split_lines,
    trim_words,
    uncovered_runs,
)
from pipeline.components.entities.rules import RULE_KEYS, EntityRules
from pipeline.components.kb import DEFAULT_KB, KBEntry, kb_entry, kb_line, read_kb
from pipeline.language import SerializedLanguageData, load_language_data
from pipeline.records import slugify


@dataclass(slots=True)
class _Candidate:
    """A statistical entity (or a part of one) kept after trimming; ``label`` None = unknown kind (MISC)."""

    start: int
    end: int
    label: str | None


class EntityLinker(SerializedLanguageData):
    """Merge KB matches with the statistical NER, map labels, trim spans and give every entity an id. Saved with
    the pipeline: its language data and its knowledge base."""

    DATA_KEYS = {"entities": RULE_KEYS, "kb": frozenset({"entries"})}

    def __init__(self, nlp: Language, name: str, *, entities: dict[str, Any], kb_entries: list[KBEntry]) -> None:
        self.name = name
        self.nlp = nlp
        self.edge_words = frozenset(word.casefold() for word in nlp.Defaults.stop_words)
        self.build({"entities": entities, "kb": {"entries": [kb_line(entry) for entry in kb_entries]}})

    def build(self, data: dict[str, dict[str, Any]]) -> None:
        self.language_data = data
        nlp = self.nlp
        self.rules = EntityRules.from_data(data["entities"], nlp.lang)
        entries = [kb_entry(line, f"{self.name} kb entry {i}") for i, line in enumerate(data["kb"]["entries"], 1)]
        self.kb = KnowledgeBase.from_entries(entries, self.edge_words)
        self.ruler = SpanRuler(nlp, name=f"{self.name}_kb", spans_key=None, annotate_ents=False, overwrite=False)
        add_sentence_end_cases(nlp, self.kb)
        # Phrase patterns only need the tokenizer: keep the statistical components out of pattern building.
        with nlp.select_pipes(disable=nlp.pipe_names):
            self.ruler.add_patterns(self.kb.patterns())

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
        """Statistical entities cut to their names; a KB match inside one wins unless the entity extends it.

        None inside a passage of another language (``doc._.news_passages``): the model did not learn that language's
        capitals ("Acme Signs 200+ MW Deal" is a headline, not a name); the KB and the name's mentions elsewhere
        in the article still find it there."""
        candidates: list[_Candidate] = []
        passages = [(passage.start, passage.end) for passage in doc._.news_passages or []]
        for ent in doc.ents:
            if any(ent.start_char < end and start < ent.end_char for start, end in passages):
                continue
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
        # Without a tagger (a borrowed recognizer), an entity runs on into the sentence ("Acme Corp said its net
        # profit ..."): a lowercase word that is not a stop word ("of" in "Bank of America" is) ends a name there.
        breaks = None if doc.has_annotation("POS") else self._common_word
        for line_start, line_end in split_lines(words, breaks):
            cut_start, cut_end = trim_words(words[line_start:line_end], self.edge_words, self.rules.titles)
            if cut_end > cut_start:
                pieces.append((start + line_start + cut_start, start + line_start + cut_end))
        return pieces

    def _common_word(self, word: str) -> bool:
        return word.isalpha() and word.islower() and word.casefold() not in self.edge_words

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


@Language.factory(
    "news_entity_linker",
    assigns=["doc.ents", "token.ent_kb_id"],
    requires=["doc.ents", "token.pos"],
    default_config={"kb_path": None},
)
def make_entity_linker(nlp: Language, name: str, kb_path: str | None) -> EntityLinker:
    """``kb_path``: a JSON-lines KB (``resources/kb/README.md``); None = the packaged AI-compute KB."""
    entities = load_language_data(nlp.lang, "entities", keys=RULE_KEYS)
    return EntityLinker(nlp, name, entities=entities, kb_entries=read_kb(Path(kb_path) if kb_path else DEFAULT_KB))
