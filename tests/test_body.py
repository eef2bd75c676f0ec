import pytest

from pipeline.components.body import BodySignals, find_body


@pytest.fixture(scope="module")
def signals() -> BodySignals:
    return BodySignals.for_language("fr")


ARTICLE = (
    "Nvidia vend des puces\n\nNvidia a vendu 2 000 puces. Le marché progresse.\n\nUn intertitre\n\nFin de l’article."
)


@pytest.mark.parametrize(
    "tail",
    [
        "\n\nLe plus lu\nLe Bitcoin chute à 24 000 $ en quelques secondes\nUn expert prédit un XRP à 1000 $\nVoir",
        "\nLaisser un commentaire\n\nVotre adresse e-mail ne sera pas publiée. "
        "Les champs obligatoires sont indiqués avec *",
        "\n\nSource et images\n\nLaisser un commentaire",
        "\nJe teste des produits depuis dix ans et mon travail consiste à les expliquer.\nNewsletter\n"
        "Recevez notre newsletter hebdomadaire directement dans votre boite mail !\nPublicité",
        "",
    ],
)
def test_body_ends_at_last_article_sentence(signals: BodySignals, tail: str) -> None:
    text = ARTICLE + tail
    start, end = find_body(text, signals)
    assert (start, text[start:end].endswith("Fin de l’article.")) == (0, True)
    assert end == len(ARTICLE)


def test_body_keeps_title_and_headings_and_skips_leading_blank(signals: BodySignals) -> None:
    text = "\n  " + ARTICLE
    start, end = find_body(text, signals)
    assert text[start:].startswith("Nvidia vend des puces") and text[start:end].endswith("Fin de l’article.")


def test_body_keeps_a_final_quotation_in_the_first_person(signals: BodySignals) -> None:
    text = "Titre\nHuang a conclu : « Je pense que la demande va exploser. »"
    assert find_body(text, signals) == (0, len(text))


def test_body_leading_navigation_is_left_out(signals: BodySignals) -> None:
    text = "Accueil\nMenu\nNvidia vend des puces\nNvidia a vendu 2 000 puces."
    start, _ = find_body(text, signals)
    assert text[start:].startswith("Nvidia vend des puces")


def test_body_component_sets_doc_attribute(component_nlp) -> None:
    nlp = component_nlp("news_body")
    doc = nlp(ARTICLE + "\nLaisser un commentaire")
    assert (doc._.news_body.start, doc._.news_body.end) == (0, len(ARTICLE))
