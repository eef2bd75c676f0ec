"""Searches over a parsed ``Doc`` for ``news_entity_linker``: names the statistical model misses, found from the
document itself (a name after an organization noun, another occurrence of a name already tagged). Plain
functions of the document and what they are given: the component holds the language data.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span


def organization_names(doc: Doc, organization_nouns: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of capitalized names that follow an organization noun and at most two lowercase adjectives
    ("la PME Voltigeur Calcul", "le cabinet bordelais Kerlan Conseil"). The noun must follow a determiner and be
    lowercase or an acronym, so that a sentence-initial "Groupe" or a title word does not count. Nouns are
    compared on characters: the tokenizer may split "start-up"."""
    text = doc.text
    starts = {token.idx: token.i for token in doc}
    found: list[tuple[int, int]] = []
    # First letters of the nouns, either case: most determiners ("le", "1") are passed over without trying each noun.
    initials = {noun.lower()[:1] for noun in organization_nouns} | {noun.upper()[:1] for noun in organization_nouns}
    for token in doc[:-1]:
        if token.pos_ != "DET":
            continue
        at = doc[token.i + 1].idx
        if text[at:at + 1] not in initials:
            continue
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
