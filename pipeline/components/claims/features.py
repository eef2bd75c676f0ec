"""Evidence for the learned subject ranker: the candidate subjects of a figure and the features of each.

Candidates are every entity the document names (organizations, people, products, places), the KB owner of every
named facility or product, the organization of every person the text ties to one, and "no subject". Features are
general signals, never strings of an article: each rule's vote, where the mentions stand relative to the figure
(clause, sentence, distance, dependency relation), salience in the document (title, frequency, first organization),
the speaker and their organization, quotations, and the kind of figure (money, power, count, share).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from pipeline.components.claims.cues import _SUBJECT_DEPS, _fold
from pipeline.components.claims.subject import SubjectRules, SubjectVote
from pipeline.components.claims.text import paragraph_bounds
from pipeline.records import Quantity

NO_SUBJECT = None
LABELS = ("ORG", "PER", "PRODUCT", "LOC")
UNIT_GROUPS = {"USD": "money", "EUR": "money", "INR": "money", "GBP": "money", "W": "power", "Wh": "energy",
               "count": "count", "%": "share", "x": "factor", "FLOP/s": "compute", "B": "memory", "B/s": "memory",
               "bit/s": "memory", "m2": "area", "s": "duration"}
_MENTION_DEPS = ("nsubj", "obj", "obl", "nmod", "appos", "iobj")
# Distances are squashed on a log scale: the tenth token away is much like the twentieth.
_DISTANCE_SCALE = math.log(64)
_SENTENCE_GAPS = 4
_RECENCY_RANKS = 4
# The features crossed with the candidate's label and the figure's unit group.
_CROSSED = ("rule_subject", "m_in_clause", "m_chain_subject", "m_in_sentence", "m_before_in_sentence",
            "latest_center", "possessive_center", "recency=", "m_complement", "m_in_figure", "is_speaker",
            "p_in_clause", "p_chain_subject", "title_center", "in_paragraph", "role=")


@dataclass(slots=True)
class Candidate:
    """One possible subject of a figure (``entity_id`` None = no subject) and its features."""

    entity_id: str | None
    features: dict[str, float] = field(default_factory=dict)


class Placed(NamedTuple):
    """Where one mention stands: its tokens, its first character, its syntactic root and its sentence's start."""

    start: int
    end: int
    start_char: int
    root: Token
    sentence: int


@dataclass(frozen=True, slots=True)
class FigureView:
    """Where a figure stands, computed once for all its candidates."""

    sentence_start: int
    rank: int
    subjects: frozenset[int]
    complements: frozenset[int]


def unit_group(unit: str) -> str:
    return UNIT_GROUPS.get(unit, "other")


class SubjectFeatures(SubjectRules):
    """The candidates of a figure and their features, over the document facts the rules share."""

    @cached_property
    def _mentions(self) -> dict[str, list[SpacySpan]]:
        """Entity id -> its mentions in the body, in text order."""
        body = self.doc._.news_body
        found: dict[str, list[SpacySpan]] = defaultdict(list)
        for ent in self.entities:
            if body is None or body.start <= ent.start_char < body.end:
                found[ent.kb_id_].append(ent)
        return dict(found)

    @cached_property
    def _proxies(self) -> dict[str, list[SpacySpan]]:
        """Id -> the mentions that stand for it: a product's or facility's owner, a person's organization."""
        found: dict[str, list[SpacySpan]] = defaultdict(list)
        for mapping in (self.owners, self.affiliation):
            for other, ents in self._mentions.items():
                if other in mapping:
                    found[mapping[other]].extend(ents)
        return dict(found)

    @cached_property
    def _salience(self) -> tuple[Counter[str], set[str], str | None]:
        """(mention counts, ids named in the title line, id of the first organization named)."""
        counts = Counter({kb_id: len(mentions) for kb_id, mentions in self._mentions.items()})
        in_title = {kb_id for kb_id, mentions in self._mentions.items() if mentions[0].start_char < self._title_end}
        organizations = [ent for mentions in self._mentions.values() for ent in mentions if ent.label_ == "ORG"]
        first_org = min(organizations, key=lambda ent: ent.start).kb_id_ if organizations else None
        return counts, in_title, first_org

    @cached_property
    def _sentence_index(self) -> dict[int, int]:
        """Token index of each sentence start -> the sentence's rank."""
        return {sentence.start: rank for rank, sentence in enumerate(self.doc.sents)}

    def subject_candidates(self, quantity: Quantity, span: SpacySpan, anchor: Token, chain: list[Token],
                           speaker: str | None, vote: SubjectVote) -> list[Candidate]:
        rule_entity = vote.entity.kb_id_ if vote.entity is not None else None
        rule_subject = self.owners.get(rule_entity, rule_entity) if rule_entity is not None else None
        if vote.entity is not None and vote.entity.label_ == "PER" and self._announces(chain):
            rule_subject = self.affiliation.get(rule_subject, rule_subject)
        ids: dict[str, str] = {}  # id -> how it became a candidate
        for kb_id, mentions in self._mentions.items():
            ids.setdefault(kb_id, mentions[0].label_)
            if kb_id in self.owners:
                ids.setdefault(self.owners[kb_id], "owner")
            if kb_id in self.affiliation:
                ids.setdefault(self.affiliation[kb_id], "employer")
        if rule_subject is not None:
            ids.setdefault(rule_subject, "rule")
        clause_start, clause_end = self._clause(span)
        shared = {name: value for name, value in self._figure_features(quantity, span, chain, vote).items() if value}
        figure = self._figure_view(span, anchor, chain)
        latest = self._center_before(self._sentence_span(span).start_char, LABELS)
        latest_center = latest.kb_id_ if latest is not None else None
        possessive = self._possessive_reference(span, anchor, chain)
        recency = self._recency(span)
        paragraph_start, paragraph_end = paragraph_bounds(self.text, span.start_char, span.end_char)
        title_center = self.centers[0][1].kb_id_ if self.centers and self.centers[0][0] < self._title_end else None
        candidates = [self._none_candidate(shared, vote)]
        for kb_id, origin in ids.items():
            features = {"bias": 1.0, f"origin={origin}": 1.0}
            features["rule_subject"] = float(kb_id == rule_subject)
            features["rule_entity"] = float(kb_id == rule_entity)
            if kb_id == rule_subject:
                features[f"rule_subject&rule={vote.rule}"] = 1.0
            features.update(self._mention_features(kb_id, span, figure, clause_start, clause_end))
            features.update(self._role_features(kb_id, speaker))
            features["latest_center"] = float(kb_id == latest_center)
            features["possessive_center"] = float(possessive and kb_id == latest_center)
            rank = recency.get(kb_id)
            features[f"recency={min(rank, _RECENCY_RANKS) if rank else 'none'}"] = 1.0
            features["in_paragraph"] = float(any(paragraph_start <= e.start_char < paragraph_end
                                                 for e in self._mentions.get(kb_id, [])))
            features["title_center"] = float(kb_id == title_center)
            for role in sorted(self._roles_in_clause(kb_id, chain, clause_start, clause_end)):
                features[role] = 1.0
            # Absent is zero to the model: a zero is not worth crossing nor scoring.
            features = {name: value for name, value in features.items() if value}
            label = origin if origin in LABELS else "ORG"
            for name, value in shared.items():
                features[f"{name}&{label}"] = value
            # A linear model sees no interaction it is not given: where a mention stands means something else
            # for a product than for a company, for a chip's memory than for a company's spending.
            group = unit_group(quantity.unit)
            for name in [key for key in features if key.startswith(_CROSSED)]:
                features[f"{name}&{label}"] = features[name]
                features[f"{name}&unit={group}"] = features[name]
            candidates.append(Candidate(kb_id, features))
        return candidates

    @cached_property
    def _title_end(self) -> int:
        end = self.text.find("\n")
        return len(self.text) if end == -1 else end

    def _recency(self, span: SpacySpan) -> dict[str, int]:
        """Entity id -> its rank among the ids named before the figure, the most recent first (the owner of a
        product and the organization of a person rank with the mention that stands for them)."""
        last: dict[str, int] = {}
        for kb_id, (starts, ends) in self._mention_bounds.items():
            # Mentions never overlap: those that end before the figure are the first ones.
            before = bisect_right(ends, span.start)
            if not before:
                continue
            for stands_for in (kb_id, self.owners.get(kb_id), self.affiliation.get(kb_id)):
                if stands_for is not None:
                    last[stands_for] = max(last.get(stands_for, -1), starts[before - 1])
        # Ties (a person and the organization they stand for) go by id, so the ranks never depend on set order.
        ordered = sorted(last, key=lambda kb_id: (-last[kb_id], kb_id))
        return {kb_id: rank for rank, kb_id in enumerate(ordered, start=1)}

    def _roles_in_clause(self, kb_id: str, chain: list[Token], clause_start: int, clause_end: int) -> set[str]:
        """How the id's mentions in the figure's clause hang from the figure's verbs: the relation of the phrase
        that holds them and its preposition ("role=obl&case=avec": "un contrat avec Amazon")."""
        verbs = {verb.i for verb in chain[:2]}
        roles: set[str] = set()
        for mention in self._mentions.get(kb_id, []):
            if not clause_start <= mention.start_char < clause_end:
                continue
            token = mention.root
            while token.head.i != token.i and token.head.i not in verbs:
                token = token.head
            if token.head.i not in verbs:
                continue
            dep = token.dep_.split(":")[0]
            roles.add(f"role={dep}")
            for case in (c for c in token.children if c.dep_ == "case"):
                roles.add(f"role={dep}&case={_fold(case.text)}")
        return roles

    def _possessive_reference(self, span: SpacySpan, anchor: Token, chain: list[Token]) -> bool:
        """Whether the figure's noun or its clause's subject is possessed by someone named before ("sa
        capitalisation", "les revenus de l’entreprise", "ses dépenses"): then the latest center owns it."""
        nouns = [anchor, *(c for verb in chain[:1] for c in verb.children if c.dep_ in _SUBJECT_DEPS)]
        for noun in nouns:
            for child in noun.children:
                if "Yes" in child.morph.get("Poss"):
                    return True
                if child.dep_.startswith("nmod") and self._refers_back(child) and child.pos_ != "PRON":
                    return True
        return False

    def _figure_features(self, quantity: Quantity, span: SpacySpan, chain: list[Token],
                         vote: SubjectVote) -> dict[str, float]:
        """What the figure itself is like: its unit group, whether it is quoted, whether its clause is generic."""
        generic = vote.decisive is not None and self._is_generic(vote.decisive)
        _, clause = self._clause_span(span)
        words = set(self._folded_words[1][clause.start:clause.end])
        return {
            "market_word": float(bool(words & self.cues.market_nouns)),
            "worldwide_word": float(bool(words & self.cues.worldwide_words)),
            f"unit={unit_group(quantity.unit)}": 1.0,
            "quoted": float(self._inside_quote(span.start_char) is not None),
            "generic_subject": float(generic),
            "figure_is_subject": float(span.root.dep_ in _SUBJECT_DEPS),
        }

    def _none_candidate(self, shared: dict[str, float], vote: SubjectVote) -> Candidate:
        features = {"none": 1.0, f"none&rule={vote.rule}": 1.0}
        features.update({f"none&{name}": value for name, value in shared.items()})
        return Candidate(NO_SUBJECT, features)

    def _figure_view(self, span: SpacySpan, anchor: Token, chain: list[Token]) -> FigureView:
        sentence_start = self._sentence_bounds[span.start][0]
        return FigureView(
            sentence_start=sentence_start,
            rank=self._sentence_index.get(sentence_start, 0),
            subjects=frozenset(t.i for verb in chain[:2] for c in verb.children if c.dep_ in _SUBJECT_DEPS
                               for t in c.subtree),
            complements=frozenset(t.i for c in anchor.children if c.dep_.startswith("nmod") for t in c.subtree),
        )

    @cached_property
    def _mention_bounds(self) -> dict[str, tuple[list[int], list[int]]]:
        """Entity id -> the first and the end token of each of its mentions, in text order."""
        return {kb_id: ([e.start for e in ents], [e.end for e in ents]) for kb_id, ents in self._mentions.items()}

    @cached_property
    def _placed(self) -> dict[str, tuple[list[Placed], list[Placed]]]:
        """Entity id -> where its mentions and the mentions standing for it are (computed once per document: a
        mention's syntactic root is looked up for every figure and candidate)."""
        bounds = self._sentence_bounds

        def placed(ents: list[SpacySpan]) -> list[Placed]:
            return [Placed(e.start, e.end, e.start_char, e.root, bounds[e.start][0]) for e in ents]

        return {kb_id: (placed(self._mentions.get(kb_id, [])), placed(self._proxies.get(kb_id, [])))
                for kb_id in {*self._mentions, *self._proxies}}

    def _mention_features(self, kb_id: str, span: SpacySpan, figure: FigureView,
                          clause_start: int, clause_end: int) -> dict[str, float]:
        features: dict[str, float] = {}
        ranks = self._sentence_index
        subjects, complements = figure.subjects, figure.complements
        for prefix, group in zip(("m", "p"), self._placed.get(kb_id, ([], [])), strict=True):
            same = [e for e in group if e.sentence == figure.sentence_start]
            before = [e for e in group if e.end <= span.start]
            features[f"{prefix}_in_clause"] = float(any(clause_start <= e.start_char < clause_end for e in group))
            features[f"{prefix}_in_sentence"] = float(bool(same))
            features[f"{prefix}_before_in_sentence"] = float(any(e.end <= span.start for e in same))
            features[f"{prefix}_after_in_sentence"] = float(any(e.start >= span.end for e in same))
            features[f"{prefix}_in_figure"] = float(any(span.start <= e.start < span.end for e in group))
            features[f"{prefix}_chain_subject"] = float(any(e.root.i in subjects for e in group))
            features[f"{prefix}_complement"] = float(any(e.root.i in complements for e in group))
            if same:
                nearest = min(same, key=lambda e: min(abs(e.start - span.start), abs(e.end - span.end)))
                distance = min(abs(nearest.start - span.start), abs(nearest.end - span.end))
                features[f"{prefix}_distance"] = min(math.log1p(distance) / _DISTANCE_SCALE, 1.0)
                dep = nearest.root.dep_.split(":")[0]
                features[f"{prefix}_dep={dep if dep in _MENTION_DEPS else 'other'}"] = 1.0
                features[f"{prefix}_has_preposition"] = float(self._has_preposition(nearest.root))
            if before:
                gap = figure.rank - ranks.get(before[-1].sentence, 0)
                features[f"{prefix}_sentence_gap={min(gap, _SENTENCE_GAPS)}"] = 1.0
            else:
                features[f"{prefix}_none_before"] = 1.0
        return features

    def _role_features(self, kb_id: str, speaker: str | None) -> dict[str, float]:
        standing = self._standings.get(kb_id)
        if standing is None:
            standing = self._standings[kb_id] = self._standing(kb_id)
        return {**standing, "is_speaker": float(kb_id == speaker),
                "speaker_org": float(speaker is not None and self.affiliation.get(speaker) == kb_id)}

    @cached_property
    def _standings(self) -> dict[str, dict[str, float]]:
        """Entity id -> its features that do not depend on the figure (filled as ids are asked for)."""
        return {}

    @cached_property
    def _centers_and_counts(self) -> tuple[Counter[str], int, int, str | None]:
        """(center counts per id, number of centers, number of mentions, the most mentioned id)."""
        counts = self._salience[0]
        centers = Counter(entity.kb_id_ for _, entity in self.centers)
        top = counts.most_common(1)[0][0] if counts else None
        return centers, len(self.centers), sum(counts.values()), top

    def _standing(self, kb_id: str) -> dict[str, float]:
        counts, in_title, first_org = self._salience
        centers, center_total, total, top = self._centers_and_counts
        return {
            "frequency": counts.get(kb_id, 0) / (total or 1),
            "most_frequent": float(top == kb_id),
            "in_title": float(kb_id in in_title),
            "first_org": float(kb_id == first_org),
            "person_with_org": float(kb_id in self.affiliation),
            "product_with_owner": float(kb_id in self.owners),
            "center_count": centers.get(kb_id, 0) / (center_total or 1),
        }
