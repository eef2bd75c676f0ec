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

Split by role: ``names`` (pure functions over strings: ``trim_words``, ``resolve_short_form``, ..., tested without
a pipeline), ``rules`` (the language data), ``index`` (the KB compiled for matching; the KB itself is
:mod:`pipeline.components.kb`), ``find`` (searches over the parsed document) and ``component`` (the linker and the
registered factory).
"""

from pipeline.components.entities.component import EntityLinker, make_entity_linker

__all__ = ["EntityLinker", "make_entity_linker"]
