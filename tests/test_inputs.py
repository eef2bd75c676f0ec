from pathlib import Path

import pytest

from pipeline.inputs import Article, InputError, InputWarning, read_inputs


def _items(*paths: Path, max_chars: int = 1000) -> list:
    return list(read_inputs(list(paths), max_chars=max_chars))


def test_inputs_folder_in_name_order_with_manifest(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Deuxième article.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Premier article.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("doc_id,lang,published,published_source\na,fr,2025-02-23,dateline\n")
    items = _items(tmp_path)
    assert [i.doc_id for i in items] == ["a", "b"]
    assert items[0].published == "2025-02-23" and items[1].published is None


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"  \n", "empty text"),
        ("binary.txt", b"\x00\x01\x02\x03 data", "binary file"),
        ("long.txt", ("mot " * 400).encode(), "exceeds the limit"),
    ],
)
def test_inputs_bad_text_file_is_an_error_naming_it(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    (error,) = _items(tmp_path / name)
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path / name) and message in error.message


def test_inputs_missing_path(tmp_path: Path) -> None:
    (error,) = _items(tmp_path / "nope.txt")
    assert isinstance(error, InputError) and "no such file" in error.message


def test_inputs_legacy_encoding_decoded_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le marché a progressé de 5 %.".encode("cp1252"))
    warning, article = _items(path)
    assert isinstance(warning, InputWarning) and "cp1252" in warning.message and str(path) in str(warning)
    assert isinstance(article, Article) and article.text == "Le marché a progressé de 5 %."


def test_inputs_jsonl_errors_name_the_line_and_keep_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(
        '{"id": "a1", "text": "Nvidia vend des puces.", "published": "2025-01-02"}\n'
        "{broken\n"
        '{"id": "a2"}\n'
        '["not", "an", "object"]\n'
        '{"id": "a3", "text": "Un autre article.", "lang": "fr"}\n',
        encoding="utf-8",
    )
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "InputError", "Article"]
    assert [i.line for i in items if isinstance(i, InputError)] == [2, 3, 4]
    assert str(items[1]).startswith(f"{path}:2: malformed JSON")
    assert items[0].published == "2025-01-02" and items[4].doc_id == "a3"
