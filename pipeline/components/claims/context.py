"""Document-level facts the claim rules share (entities, quotations, affiliations, centers, clauses)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cached_property
from itertools import chain
from typing import Any

from spacy.attrs import DEP, HEAD, LEMMA, ORTH, POS, SPACY
from spacy.symbols import AUX, PROPN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.cues import (
    _AGENT_LABELS,
    _AGENT_OR_PLACE_LABELS,
    _SENTENCE_ENDS,
    _SUBJECT_DEPS,
    ClaimCues,
    _fold,
    _is_relative,
)
from pipeline.components.claims.text import quote_regions
from pipeline.records import Quantity, Timex

_VERB_POS = frozenset({VERB, AUX})
# String hash -> the string folded for comparison: words recur across documents, folding them once is enough.
_FOLDED: dict[int, str] = {}
_MAX_FOLDED = 500_000


class DocFacts:
    """What every claim of one document shares: entities, quotations, affiliations, post signatures,
the discourse centers, clause bounds and the verb chain of a figure."""

    def __init__(self, doc: Doc, cues: ClaimCues, subject_fallback: str, owners: dict[str, str],
                 employers: dict[str, str]) -> None:
        self.doc, self.cues, self.subject_fallback, self.owners = doc, cues, subject_fallback, owners
        self.employers = employers
        self.entities = [ent for ent in doc.ents if ent.label_ in _AGENT_OR_PLACE_LABELS]
        # Token index -> its entity: the rules ask it many times.
        self.entity_at = {i: ent for ent in self.entities for i in range(ent.start, ent.end)}
        self.clauses: dict[tuple[int, int], tuple[int, int]] = {}
        # Clause bounds -> what the learned models read of the clause's words, computed once per clause.
        self.clause_evidence: dict[tuple[str, tuple[int, int]], Any] = {}
        # Each token's text, lemma, part of speech and trailing space, read at once from spaCy's arrays: the text
        # and every scan of the whole document come from them without building a Token per word.
        self._rows: list[list[int]] = doc.to_array([ORTH, LEMMA, POS, SPACY]).tolist()
        strings = doc.vocab.strings
        self.text = "".join(strings[orth] + " " if space else strings[orth] for orth, _, _, space in self._rows)
        # Line breaks, so that a figure's line is found by bisection instead of a scan of a possibly long line.
        self.line_breaks = [match.start() for match in re.finditer("\n", self.text)]
        self._sentence_starts: dict[int, int] = {}
        # (what, token index) -> the token's children of that kind; (speech verb, token index) -> bool. A verb of a
        # long sentence may have thousands of children: each figure under it must not walk them again.
        self._token_memo: dict[tuple[str, int], Any] = {}
        self.quotes = quote_regions(self.text, cues.quote_pattern)
        self.affiliation = self._affiliations()
        self.signatures = self._post_signatures()
        self.heads: dict[str, tuple[int, int]] = doc._.news_quantity_heads or {}
        self.dates: list[Timex] = doc._.news_dates or []
        self.measured = {(q.start, q.end) for q in doc._.news_quantities or []}
        self.centers: list[tuple[int, SpacySpan]] = []
        self._find_centers()

    def _affiliations(self) -> dict[str, str]:
        """Person id -> organization id, from "PDG de X, Y", "Y, PDG de X" and "X d'Y" / "X, développé par Y"."""
        links: dict[str, str] = {}
        windows = self.cues.windows
        orgs = [e for e in self.entities if e.label_ == "ORG"]
        people = [e for e in self.entities if e.label_ == "PER"]
        for person in people:
            sentence = person.sent
            for org in orgs:
                if org.sent != sentence or abs(org.start - person.start) > windows.affiliation_pair:
                    continue
                between = self.doc[min(org.end, person.end):max(org.start, person.start)]
                # The title may stand before the pair: "le PDG d’OpenAI, Sam Altman".
                window = self.doc[max(min(org.start, person.start) - windows.title_before_pair, 0):
                                  max(org.start, person.start)]
                lemmas = {_fold(t.lemma_) for t in window} | {_fold(t.text) for t in window}
                titled = lemmas & self.cues.affiliation_titles or lemmas & self.cues.affiliation_verbs
                possessive = (org.end <= person.start and len(between) == 1
                              and _fold(between[0].text) in self.cues.possessive_prepositions)
                if titled or possessive:
                    links.setdefault(person.kb_id_, org.kb_id_)
        # What the text does not say, the KB may know ("le groupe de Mark Zuckerberg"): the organization the
        # person leads, when the document names it.
        named = {e.kb_id_ for e in orgs}
        for person in people:
            employer = self.employers.get(person.kb_id_)
            if employer in named:
                links.setdefault(person.kb_id_, employer)
        return links

    def _post_signatures(self) -> list[tuple[int, int, str]]:
        """(post start, post end, author id) for a line like "– Sam Altman (@sama) 20 juillet 2025" after a post."""
        found = []
        for ent in self.entities:
            if ent.label_ != "PER":
                continue
            line_start, line_end = self._paragraph(ent.start_char, ent.end_char)
            line = self.text[line_start:line_end].strip()
            if line.startswith(self.cues.post_signature_marks) and "(@" in line and line_start > 0:
                post_start, _ = self._paragraph(line_start - 1, line_start - 1)
                found.append((post_start, line_start, ent.kb_id_))
        return found

    def _find_centers(self) -> None:
        """(sentence start, entity) for every body sentence whose main subject names an entity, in text order.

        This is the entity the text is about at that point (the "center" of centering theory): a description
        ("cette entreprise"), a possessive ("sa consommation") or a subject naming nothing ("la puissance projetée")
        refers to it. Computed in order because a description resolves against the centers found before it."""
        body = self.doc._.news_body
        is_verb = self._folded_words[2]
        for sentence in self.doc.sents:
            if body is not None and not body.start <= sentence.start_char < body.end:
                continue
            # The main verb first, then the others in text order ("c’est au tour d’IREN : l’exploitant
            # australien a annoncé ..."), built only when the main verb's subject names nothing.
            root = sentence.root
            may_name = self._may_name_subject
            verbs = chain([root], (self.doc[i] for i in range(sentence.start, sentence.end)
                                   if is_verb[i] and may_name[i] and i != root.i))
            for verb in verbs:
                entity = self._subject_entity(verb) or self._subject_antecedent(verb)
                if entity is not None:
                    self.centers.append((sentence.start_char, entity))
                    break

    @cached_property
    def _may_name_subject(self) -> list[bool]:
        """Per token, from spaCy's arrays: whether it has what :meth:`_subject_entity` or
        :meth:`_subject_antecedent` read (a subject child, its own or an auxiliary's; a proper noun on its left; a
        relative-clause attachment). A verb without any has no subject to find, and its children are never walked."""
        strings = self.doc.vocab.strings
        # HEAD is the offset to the head, stored unsigned: read as signed, a head on the left is negative.
        array = self.doc.to_array([HEAD, DEP, POS])
        rows = list(zip(array[:, 0].astype("int64").tolist(), array[:, 1].tolist(), array[:, 2].tolist(), strict=True))
        labels = {dep: strings[dep] for dep in {dep for _, dep, _ in rows}}
        subject = {dep for dep, label in labels.items() if label in _SUBJECT_DEPS}
        auxiliary = {dep for dep, label in labels.items() if label.startswith("aux")}
        clause = {dep for dep, label in labels.items() if label.startswith("acl")}
        oblique = {dep for dep, label in labels.items() if label in ("obl", "obl:mod", "obl:arg")}
        has_subject = [False] * len(rows)
        for i, (offset, dep, _) in enumerate(rows):
            if dep in subject:
                has_subject[i + offset] = True
        found = [dep in clause for _, dep, _ in rows]
        for i, (offset, dep, pos) in enumerate(rows):
            head = i + offset
            if has_subject[i]:
                found[i] = True
                if dep in auxiliary:
                    found[head] = True  # an auxiliary's subject is its verb's
            if pos == PROPN and offset > 0 and dep not in oblique:
                found[head] = True  # a bare name on the verb's left
        return found

    def _center_before(self, sentence_start: int, labels: tuple[str, ...], exclude: str | None = None,
                       people_as_organizations: bool = False) -> SpacySpan | None:
        """The latest center of an earlier sentence with one of ``labels``. A person stands for their
        organization when only an organization fits ("Elon Musk a affiché ... Cette entreprise ...") or when
        ``people_as_organizations`` (a figure the text keeps giving about the plans of OpenAI's CEO is OpenAI's)."""
        for start, entity in reversed(self.centers):
            if start >= sentence_start or entity.kb_id_ == exclude:
                continue
            organization = None
            if entity.label_ == "PER" and "ORG" in labels and (people_as_organizations or "PER" not in labels):
                organization = self._mention_of(self.affiliation.get(entity.kb_id_, ""))
            if organization is not None:
                return organization
            if entity.label_ in labels:
                return entity
        return None

    def _mention_of(self, kb_id: str) -> SpacySpan | None:
        return next((e for e in self.entities if e.kb_id_ == kb_id), None)

    def _anchor(self, quantity: Quantity, span: SpacySpan) -> Token:
        head = self.heads.get(quantity.id)
        if head is not None:
            head_span = self.doc.char_span(head[0], head[1], alignment_mode="expand")
            if head_span is not None and len(head_span):
                return head_span.root
        return span.root

    @staticmethod
    def _verb_chain(token: Token) -> list[Token]:
        """The verbs governing ``token``, nearest first; a coordinated verb is followed by the verb it is
        coordinated with, whose subject it shares ("qui a racheté Core Scientific et dispose de 250 000 GPU")."""
        chain = [t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")]
        return chain or [token.sent.root]

    def _entity_in(self, tokens: Iterable[Token], labels: tuple[str, ...] = _AGENT_LABELS) -> SpacySpan | None:
        """The first entity (in text order) with one of ``labels`` that any of ``tokens`` belongs to."""
        hits = [self.entity_at[t.i] for t in tokens if t.i in self.entity_at]
        return min((ent for ent in hits if ent.label_ in labels), key=lambda ent: ent.start, default=None)

    @staticmethod
    def _in_span(token: Token, span: SpacySpan) -> bool:
        return span.start <= token.i < span.end

    def _inside_quote(self, start: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in self.quotes if a <= start < b), None)

    def _clause(self, span: SpacySpan) -> tuple[int, int]:
        key = (span.start, span.end)
        if key not in self.clauses:
            self.clauses[key] = self._find_clause(span)
        return self.clauses[key]

    def _find_clause(self, span: SpacySpan) -> tuple[int, int]:
        sentence = self._sentence_span(span)
        line_start, line_end = self._paragraph(span.start_char, span.end_char)
        # The parser may also run a sentence on past its final period ("... en 2028. « Mais si ... »").
        # The final marks are indexed once per document: a scan per figure is quadratic in a long sentence.
        marks = self._final_marks
        next_mark = bisect_left(marks, span.end)
        stop = (self.doc[marks[next_mark]].idx + 1 if next_mark < len(marks) and marks[next_mark] < sentence.end
                else sentence.end_char)
        return max(self._sentence_start(sentence), line_start), min(stop, line_end)

    def _sentence_start(self, sentence: SpacySpan) -> int:
        """Where the sentence really starts: the parser sometimes cuts where no sentence ends ("Selon le cabinet |
        Altitude Data | , le marché pourrait ..."); a sentence starts after final punctuation or a line break.
        Memoized per sentence, so that a run of many short sentences is walked once, not once per figure."""
        walked: list[int] = []
        start = sentence.start
        while start not in self._sentence_starts:
            walked.append(start)
            if start == 0:
                self._sentence_starts[0] = self.doc[0].idx
                break
            before = self.doc[start - 1]
            if "\n" in before.text_with_ws or before.text in _SENTENCE_ENDS:
                self._sentence_starts[start] = self.doc[start].idx
                break
            start = self._sentence_bounds[start - 1][0]
        found = self._sentence_starts[start]
        for start in walked:
            self._sentence_starts[start] = found
        return found

    @cached_property
    def _sentence_bounds(self) -> list[tuple[int, int]]:
        """Token index -> (start, end) token indices of its sentence (``Span.sent`` walks the doc on every call)."""
        bounds: list[tuple[int, int]] = [(0, 0)] * len(self.doc)
        for sentence in self.doc.sents:
            pair = (sentence.start, sentence.end)
            for i in range(sentence.start, sentence.end):
                bounds[i] = pair
        return bounds

    def _sentence_span(self, span: SpacySpan) -> SpacySpan:
        """``span.sent`` from the table: from the sentence of its first token to the end of that of its last."""
        return self.doc[self._sentence_bounds[span.start][0]:self._sentence_bounds[span.end - 1][1]]

    @cached_property
    def _final_marks(self) -> list[int]:
        return [i for i, text in enumerate(self._folded_words[0]) if text in (".", "!", "?", "…")]

    @cached_property
    def _folded_words(self) -> tuple[list[str], list[str], list[bool]]:
        """Per token: its text and its lemma folded for comparison, and whether it is a verb or an auxiliary: the
        scans of the whole document (plan words, speech verbs, final marks) then build no Token objects, and each
        distinct word is folded once per process."""
        strings = self.doc.vocab.strings
        texts, lemmas, verbs = [], [], []
        for orth, lemma, pos, _ in self._rows:
            for key, found in ((orth, texts), (lemma, lemmas)):
                folded = _FOLDED.get(key)
                if folded is None:
                    if len(_FOLDED) > _MAX_FOLDED:
                        _FOLDED.clear()  # a bound on memory over millions of articles; refilled as words recur
                    folded = _FOLDED[key] = _fold(strings[key])
                found.append(folded)
            verbs.append(pos in _VERB_POS)
        return texts, lemmas, verbs

    def _paragraph(self, start: int, end: int) -> tuple[int, int]:
        """:func:`paragraph_bounds` by bisection over the document's line breaks."""
        breaks = self.line_breaks
        before = bisect_left(breaks, start) - 1
        after = bisect_left(breaks, end)
        return (breaks[before] + 1 if before >= 0 else 0), (breaks[after] if after < len(breaks) else len(self.text))

    def _clause_span(self, span: SpacySpan) -> tuple[tuple[int, ...], SpacySpan]:
        """The figure's clause as tokens (its sentence when the clause has no token) and a key naming them."""
        clause_start, clause_end = self._clause(span)
        clause = self.doc.char_span(clause_start, clause_end, alignment_mode="expand")
        if clause is None:
            sentence = self._sentence_span(span)
            return (sentence.start, sentence.end), sentence
        return (clause.start, clause.end), clause

    def _clause_cache(self, name: str, span: SpacySpan, compute: Any) -> Any:
        """``compute(clause tokens)`` once per clause: what only depends on the clause is not recomputed per figure
        (a sentence of thousands of figures would be scanned thousands of times)."""
        key, clause = self._clause_span(span)
        cache_key = (name, (*key, *self._clause(span)))
        if cache_key not in self.clause_evidence:
            self.clause_evidence[cache_key] = compute(clause)
        return self.clause_evidence[cache_key]

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else -1

    @staticmethod
    def _governors(token: Token) -> list[Token]:
        """The token and the words governing it, skipping the clause it is coordinated with: that clause does not
        report this one ("La société revendique 10 exaFLOPS, et le futur campus doit multiplier ..."), but a verb
        governing both does ("X a indiqué qu'il lui faudrait ... et qu'il passerait ...")."""
        governors = [token]
        current = token
        while current.head.i != current.i:
            if current.dep_ == "conj":
                first_conjunct = current.head
                if first_conjunct.head.i == first_conjunct.i:
                    break
                current = first_conjunct.head
            else:
                current = current.head
            governors.append(current)
        return governors

    @staticmethod
    def _clause_tokens(verb: Token) -> set[int]:
        """Indices of a verb's phrase without the clauses coordinated to it."""
        others = {t.i for child in verb.children if child.dep_ == "conj" for t in child.subtree}
        return {t.i for t in verb.subtree} - others

    def _children_where(self, token: Token, kind: str, keep: Any) -> list[Token]:
        """The children of ``token`` that ``keep`` accepts, in order, computed once per token and ``kind``."""
        key = (kind, token.i)
        found = self._token_memo.get(key)
        if found is None:
            found = self._token_memo[key] = [child for child in token.children if keep(child)]
        return found

    def _aux_children(self, token: Token) -> list[Token]:
        return self._children_where(token, "aux", lambda child: child.dep_.startswith("aux"))

    def _is_speech_verb(self, token: Token) -> bool:
        key = ("speech verb", token.i)
        found = self._token_memo.get(key)
        if found is None:
            found = self._token_memo[key] = self._find_speech_verb(token)
        return found

    def _find_speech_verb(self, token: Token) -> bool:
        if any(child.dep_ in ("expl:comp", "expl:pv", "expl:pass") for child in token.children):
            return False  # reflexive: "Amazon s’assure 1 920 MW" secures, it does not state
        return _fold(token.lemma_) in self.cues.speech_verbs or _fold(token.text) in self.cues.speech_verb_forms

    @staticmethod
    def _has_preposition(token: Token) -> bool:
        return any(child.dep_ == "case" for child in token.children)

    @staticmethod
    def _is_misparsed_relative(verb: Token) -> bool:
        """A finite verb attached to the noun before it as a relative clause with no relative pronoun: the noun
        is its subject (a participle attached so is a real modifier: "des puces annoncées par X")."""
        return (verb.dep_.startswith("acl") and "Fin" in verb.morph.get("VerbForm") and verb.head.i < verb.i
                and not any(_is_relative(c) for c in verb.children))

    @staticmethod
    def _phrase_without_clauses(head: Token) -> list[Token]:
        """A noun phrase without the clauses that modify it: in "le groupe néerlandais, né de la scission de
        Yandex" or "le campus, construit avec le groupe Adani", the name inside the clause is not the subject; the
        agent of a participle is kept ("le plan annoncé par la Commission européenne" is the Commission's)."""
        clauses = [child for child in head.children if child.dep_.startswith("acl")]
        inside = {t.i for clause in clauses for t in clause.subtree}
        agents = {t.i for clause in clauses for c in clause.children if c.dep_ == "obl:agent" for t in c.subtree}
        return [t for t in head.subtree if t.i not in inside or t.i in agents]
