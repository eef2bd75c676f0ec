"""Text helpers shared by every stage: folding for comparison, content words of a phrase, a concept's head word.

Language words come from data: the stop words are spaCy's for the language (``spacy.lang.<lang>``)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from spacy.util import get_lang_class

_WORD = re.compile(r"[a-z0-9]+")


def fold_apostrophes(text: str) -> str:
    """Lower case with the typographic apostrophe as the ASCII one: "L’IA" -> "l'ia" (accents kept)."""
    return text.replace("’", "'").lower()


def fold_ascii(text: str) -> str:
    """Lower case, accents stripped: "Dépenses" -> "depenses"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@cache
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of the language, folded like the phrases they are compared with."""
    return frozenset(fold_ascii(word) for word in get_lang_class(lang).Defaults.stop_words)


def content_words(phrase: str, lang: str) -> list[str]:
    """The phrase's words in order, folded, apostrophes split ("d’IA" -> "ia"), stop words dropped."""
    words = _WORD.findall(fold_ascii(re.sub(r"['’]", " ", phrase)))
    stops = stop_words(lang)
    return [word for word in words if word not in stops]


def singular(word: str) -> str:
    """A folded word without a final plural mark (s or x), the comparison the concept measure uses."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def concept_head_found(gold_concept: str, predicted_concept: str, lang: str) -> bool:
    """Whether the gold concept's first content word is among the predicted concept's content words (both folded,
    final plural mark dropped): "dépenses d’investissement" is found in "les dépenses prévues"."""
    gold_words = content_words(gold_concept, lang)
    if not gold_words:
        return fold_ascii(gold_concept).strip() == fold_ascii(predicted_concept).strip()
    return singular(gold_words[0]) in {singular(word) for word in content_words(predicted_concept, lang)}
