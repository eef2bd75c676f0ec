"""``news_line_breaks``: a line break ends a sentence.

News text is a sequence of lines: titles, headings, datelines and paragraphs. A heading has no final punctuation,
and the base parser then runs it (or a paragraph's last sentence) into the next line: "... d’une conférence
téléphonique.\\n\\nOracle, qui loue ..." came out as one sentence with "Oracle" attached to the previous verb.
Placed before the parser, this component marks the token after a line break as a sentence start, which the
parser respects; the other boundaries stay the parser's.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def line_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that begin a line (after a whitespace token or trailing whitespace holding a newline)."""
    starts = []
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            following = doc[token.i + 1]
            if not following.is_space:
                starts.append(following.i)
    return starts


@Language.component("news_line_breaks", assigns=["token.is_sent_start"])
def mark_line_breaks(doc: Doc) -> Doc:
    for index in line_starts(doc):
        doc[index].is_sent_start = True
    return doc
