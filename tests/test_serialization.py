"""A saved pipeline carries its own language data: save, reload from the folder, same output; edit the saved data,
and the reloaded pipeline follows it (it does not reload the installed package's files)."""

import json
from pathlib import Path

import pytest
import spacy

from pipeline.nlp import COMPONENTS

TEXT = ("Nvidia a vendu 3 000 GPU à Meta le 3 mars 2025. L’entreprise vise 2 GW d’ici 2027, "
        "selon son patron, Jensen Huang.")


def records(nlp) -> tuple:
    doc = nlp(TEXT)
    return ([(e.text, e.label_, e.kb_id_) for e in doc.ents], doc._.news_quantities, doc._.news_dates,
            doc._.news_claims, doc._.news_body)


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("saved") / "pipeline"
    nlp.to_disk(folder)
    return folder


def test_every_component_writes_its_data(saved) -> None:
    for name in COMPONENTS:
        assert any((saved / name).glob("*.json")), f"{name} saved no data"


def test_reloaded_pipeline_gives_the_same_output(nlp, saved) -> None:
    assert records(spacy.load(saved)) == records(nlp)


def test_reloaded_pipeline_reads_the_saved_data_not_the_installed(saved, tmp_path) -> None:
    copy = tmp_path / "edited"
    reloaded = spacy.load(saved)
    reloaded.to_disk(copy)
    classes = copy / "news_claims" / "concept_classes.json"
    data = json.loads(classes.read_text(encoding="utf-8"))
    data["class_nouns"]["investment"] = "mise de fonds"
    data["cues"]["investment"] = [*data["cues"]["investment"], "miser"]
    classes.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    edited = spacy.load(copy)
    assert edited.get_pipe("news_claims").cues.class_nouns["investment"] == "mise de fonds"


def test_saved_data_with_a_missing_key_is_refused(saved, tmp_path) -> None:
    copy = tmp_path / "broken"
    spacy.load(saved).to_disk(copy)
    body = copy / "news_body" / "body.json"
    data = json.loads(body.read_text(encoding="utf-8"))
    del data["max_title_words"]
    body.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LookupError, match="missing keys"):
        spacy.load(copy)


def test_pipeline_analysis_finds_no_problem(nlp) -> None:
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
    for name in COMPONENTS:
        assert analysis["summary"][name]["assigns"], f"{name} declares nothing it assigns"
