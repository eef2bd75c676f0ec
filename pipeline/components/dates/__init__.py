"""The ``news_dates`` component: temporal expressions normalized TIMEX3-style against the article's own date.

Sets ``doc._.news_dates`` (list of :class:`pipeline.records.Timex`, ids t1.. in text order) and, when the caller left
``doc._.news_dct`` None and the top of the text has a dateline ("- 23/02/2025 à 19:19", "Publié le 3 mars 2025"),
``doc._.news_dct`` (ISO "YYYY-MM-DD").

Detection is one spaCy Matcher pass over patterns built from ``pipeline/resources/<lang>/dates.json``; the words of
each match are read into a :class:`pipeline.grammar.timex.Expression`, which
:func:`pipeline.grammar.timex.resolve` normalizes.
Reference date: a date-signed quoted post ("– Sam Altman (@sama) 20 juillet 2025" under its text) is the reference
for the line above the signature; elsewhere the dct. Without a reference, see :mod:`pipeline.grammar.timex`.

Split by role: ``text`` (pure word and number helpers), ``lexicon`` (the compiled language data), ``patterns`` (the
Matcher grammar), ``context`` (what the surrounding tokens say), ``expressions`` (pure operations on expressions),
``search`` (Matcher windows and the choice among candidates), ``reading`` and ``times`` (words to expressions),
``composition`` (bare days, merged neighbours, ranges), ``dateline`` (the dates the layout gives), ``resolution``
(TIMEX3 records) and ``component`` (the registered factory).
"""

from pipeline.components.dates.component import DateRecognizer, make_dates
from pipeline.components.dates.lexicon import DATA_KEYS, DateLexicon

__all__ = ["DATA_KEYS", "DateLexicon", "DateRecognizer", "make_dates"]
