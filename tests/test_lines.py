"""news_line_breaks: a line break ends a sentence, whatever the parser would have joined."""

from pipeline.components.lines import line_starts


def test_lines_heading_without_period_is_its_own_sentence(nlp) -> None:
    text = "Mémoire HBM\n\nSamsung a obtenu le feu vert de Nvidia.\nLe plus lu"
    doc = nlp(text)
    starts = {sentence.start_char for sentence in doc.sents}
    assert {text.index("Samsung"), text.index("Le plus lu")} <= starts
    assert all("\n" not in sentence.text.strip() for sentence in doc.sents)


def test_lines_line_starts_skip_blank_tokens(base_nlp) -> None:
    doc = base_nlp.make_doc("Titre\n\nPremier paragraphe.\nSecond.")
    assert [doc[i].text for i in line_starts(doc)] == ["Premier", "Second"]
