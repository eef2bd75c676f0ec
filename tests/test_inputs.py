import gzip
import re
from pathlib import Path

import pytest

from pipeline.readers.inputs import Article, InputError, InputWarning, read_inputs
from pipeline.readers.paths import count_articles, reads


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


PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Nvidia vend 2 000 puces à DeepSeek | Le Journal</title>
<meta property="article:published_time" content="2025-02-23T08:30:00+01:00">
<meta property="og:title" content="Nvidia vend 2 000 puces à DeepSeek">
</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/tech">Tech</a></li>
<li><a href="/abo">S'abonner</a></li></ul></nav>
<article>
<h1>Nvidia vend 2 000 puces à DeepSeek</h1>
<p>Selon Nvidia, plus de 40 000 entreprises utilisent ses GPU en 2024, a déclaré Jensen Huang mardi à Las Vegas.</p>
<p>La société chinoise DeepSeek a acheté 2 000 puces H800 pour entraîner son modèle, un investissement estimé à
6 millions de dollars par les analystes du secteur.</p>
</article>
<footer><p>© 2025 Le Journal. Tous droits réservés. Mentions légales. Politique de cookies.</p></footer>
</body></html>
"""


def _write_page(folder: Path, name: str) -> Path:
    path = folder / name
    data = PAGE.encode("utf-8")
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return path


@pytest.mark.parametrize("name", ["page.html", "page.html.gz"])
def test_inputs_html_main_text_title_and_date(tmp_path: Path, name: str) -> None:
    (article,) = _items(_write_page(tmp_path, name))
    assert isinstance(article, Article)
    assert article.doc_id == "page" and article.published == "2025-02-23"
    assert article.text.startswith("Nvidia vend 2 000 puces à DeepSeek\n\nSelon Nvidia, plus de 40 000 entreprises")
    assert "6 millions de dollars" in article.text
    for boilerplate in ("Accueil", "S'abonner", "Tous droits réservés", "cookies", "Le Journal"):
        assert boilerplate not in article.text


def test_inputs_manifest_date_wins_over_the_page_date(tmp_path: Path) -> None:
    _write_page(tmp_path, "page.html")
    (tmp_path / "manifest.csv").write_text("doc_id,lang,published,published_source\npage,fr,2025-03-01,desk\n")
    (article,) = _items(tmp_path)
    assert article.published == "2025-03-01"


def test_inputs_folder_reads_gz_of_every_kind_in_name_order(tmp_path: Path) -> None:
    _write_page(tmp_path, "b.html.gz")
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress("Premier article compressé.".encode()))
    lines = b'{"id": "c1", "text": "Un."}\n{"id": "c2", "text": "Deux."}\n'
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(lines))
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = _items(tmp_path)
    assert [i.doc_id for i in items] == ["a", "b", "c1", "c2"]
    assert items[0].text == "Premier article compressé."
    assert count_articles([tmp_path]) == 4


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad.txt.gz", b"\x1f\x8b\x08\x00 not really gzip", "corrupt gzip data"),
        ("page.html", b"<html><head><script>var a = 1;</script></head><body></body></html>", "no main text"),
        ("bomb.txt.gz", gzip.compress(b"a" * 50_000), "decompressed data exceeds"),
    ],
)
def test_inputs_bad_compressed_or_html_file_is_an_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    (error,) = _items(tmp_path / name)
    assert isinstance(error, InputError) and message in error.message and error.source == str(tmp_path / name)


def test_inputs_ten_megabyte_article_refused_unread(tmp_path: Path) -> None:
    """A 10 MB file is refused from its size (never read into memory), and the next article is still read."""
    big = tmp_path / "a_big.txt"
    with big.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)  # sparse: costs no disk, and a read would see zero bytes
    (tmp_path / "b_small.txt").write_text("Un petit article.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"id": "huge", "text": "' + "x" * 5000 + '"}\n{"id": "ok", "text": "Oui."}\n', encoding="utf-8"
    )
    error, small, long_line, ok = _items(tmp_path, max_chars=1000)
    assert isinstance(error, InputError) and "10,485,760 bytes exceeds what --max-chars allows" in error.message
    assert small.doc_id == "b_small" and ok.doc_id == "ok"
    assert isinstance(long_line, InputError) and long_line.line == 1 and "line exceeds" in long_line.message


def test_inputs_duplicate_ids_are_errors_naming_the_first_source(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.txt").write_text("Premier article.", encoding="utf-8")
    (one / "a.txt.gz").write_bytes(gzip.compress("Deuxième article.".encode()))
    (two / "a.txt").write_text("Troisième article.", encoding="utf-8")
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text('{"id": "x", "text": "Un."}\n{"id": "x", "text": "Deux."}\n', encoding="utf-8")
    items = _items(one, two, jsonl)
    assert [(type(i).__name__, i.doc_id) for i in items] == [
        ("Article", "a"), ("InputError", "a"), ("InputError", "a"), ("Article", "x"), ("InputError", "x")
    ]
    assert str(items[1]) == f"{one / 'a.txt.gz'}: duplicate id 'a': already the id of {one / 'a.txt'}; not extracted"
    assert str(items[2]).startswith(f"{two / 'a.txt'}: duplicate id 'a': already the id of {one / 'a.txt'}")
    assert str(items[4]).startswith(f"{jsonl}:2: duplicate id 'x': already the id of {jsonl}:1")


def test_inputs_reads_names_every_file_a_run_reads(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("", encoding="utf-8")
    single = tmp_path / "b.txt"
    single.write_text("Un article.", encoding="utf-8")
    paths = [folder, single]
    assert reads(paths, folder / "a.jsonl") and reads(paths, tmp_path / "in" / ".." / "b.txt")
    assert reads(paths, folder / "later.jsonl.gz")  # would be read by the next run
    assert reads(paths, folder / "manifest.csv") and reads(paths, tmp_path / "manifest.csv")
    assert not reads(paths, folder / "claims.sqlite") and not reads(paths, tmp_path / "out.jsonl")


def test_inputs_jsonl_may_open_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "Un article."}\n{"id": "b", "text": "Un autre."}\n')
    assert [(type(i).__name__, i.doc_id) for i in _items(path)] == [("Article", "a"), ("Article", "b")]


@pytest.mark.parametrize(
    ("published", "dct"),
    [
        ("2025-02-23", "2025-02-23"),
        ("2025-02-23T08:30:00+01:00", "2025-02-23"),
        ("not a date", None),
        ("2025-02-30", None),
    ],
)
def test_inputs_published_that_is_no_date_is_a_warning_and_left_out(
    tmp_path: Path, published: str, dct: str | None
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(f'{{"id": "a", "text": "Un article.", "published": "{published}"}}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("Un autre.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(f"doc_id,lang,published,published_source\nb,fr,{published},x\n")
    items = _items(path, tmp_path / "b.txt")
    assert [i.published for i in items if isinstance(i, Article)] == [dct, dct]
    warnings = [str(i) for i in items if isinstance(i, InputWarning)]
    expected = [f"{path}:1", str(tmp_path / "b.txt")] if dct is None else []
    assert warnings == [f"{where}: warning: published {published!r} is not an ISO date; left out" for where in expected]


def test_inputs_count_articles_streams_a_huge_jsonl_line(tmp_path: Path) -> None:
    """The progress bar's total reads a JSONL file in chunks: a 64 MB line never sits in memory whole."""
    import tracemalloc

    path = tmp_path / "huge.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as handle:
        handle.write(b'{"id": "a", "text": "' + b"a" * (64 << 20) + b'"}\n{"id": "b", "text": "Un."}\n')
    tracemalloc.start()
    try:
        assert count_articles([path]) == 2
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20


def test_inputs_count_articles_skips_blank_lines_across_chunks(tmp_path: Path, monkeypatch) -> None:
    from pipeline.readers import paths

    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": "a"}\n\n   \n  {"id": "b"}\n \t \n{"id": "c"}')  # no final line break
    for chunk in (1, 2, 3, 5, 1 << 20):  # every way a chunk can cut a line, a blank run or the last line
        monkeypatch.setattr(paths, "COUNT_CHUNK_BYTES", chunk)
        assert count_articles([path]) == 3, chunk


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_inputs_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = "Nvidia a vendu 2 000 puces à l’été."
    path = tmp_path / "a.txt"
    data = text.encode(encoding)
    path.write_bytes(data if encoding != "utf-16-be" else b"\xfe\xff" + data)  # the -be codec writes no mark
    (article,) = _items(path)
    assert isinstance(article, Article) and article.text == text


def test_inputs_a_few_nul_bytes_in_text_are_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Nvidia a vendu\x00 2 000 puces.\x00\n" + "Suite de l’article. ".encode() * 40)
    warning, article = _items(path)
    assert str(warning) == f"{path}: warning: 2 NUL byte(s) dropped"
    assert isinstance(article, Article) and "\x00" not in article.text and "vendu 2 000 puces." in article.text
    image = tmp_path / "b.txt"
    image.write_bytes(bytes(range(256)) * 4)  # binary data is still refused
    (error,) = _items(image)
    assert isinstance(error, InputError) and error.message == "binary file, not text"


def test_inputs_page_whose_main_text_is_a_menu_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Accueil</a></nav><p>Accueil</p></body></html>", encoding="utf-8")
    (error,) = _items(path)
    assert isinstance(error, InputError) and error.doc_id == "menu"
    assert re.fullmatch(r"main text of \d\d? characters is too short for an article \(at least 100, title aside\); "
                        r"not extracted", error.message)


def test_inputs_html_with_utf16_mark_and_stray_nul(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(PAGE.encode("utf-16"))
    (tmp_path / "b.html").write_bytes(PAGE.replace("<article>", "<article>\x00").encode())
    first, warning, second = _items(tmp_path)
    assert isinstance(first, Article) and "40 000 entreprises" in first.text
    assert str(warning) == f"{tmp_path / 'b.html'}: warning: 1 NUL byte(s) dropped"
    assert isinstance(second, Article) and second.text == first.text


def test_inputs_symbolic_link_loops_and_dangling_links_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Un article.", encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "notes").symlink_to("notes")  # no input suffix: not an input, not reported
    items = _items(folder, folder / "loop.txt")
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{folder / 'gone.txt'}: cannot read: symbolic link to a missing file",
        f"{folder / 'loop.txt'}: cannot read: symbolic link loop",
        f"{folder / 'loop.txt'}: cannot read: symbolic link loop",
    ]
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["a"]
    assert count_articles([folder]) == 3
    assert not reads([folder / "loop.txt"], tmp_path / "out.jsonl")  # no RuntimeError on the loop


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (b"id,lang,published\na,fr,2025-01-01\n", ":1: no doc_id column (columns: id, lang, published)"),
        (b"doc_id,lang,published,published_source\na,fr,2025-01-01,caf\xe9\n", ":2: not valid UTF-8 (byte 58)"),
        (b"doc_id,lang\nb,fr\na," + b"x" * 200_000 + b"\n", ":3: not CSV: field larger than field limit (131072)"),
    ],
)
def test_inputs_unreadable_manifest_names_file_and_line(tmp_path: Path, manifest: bytes, message: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Un article.", encoding="utf-8")
    (folder / "manifest.csv").write_bytes(manifest)
    (tmp_path / "b.txt").write_text("Un autre.", encoding="utf-8")
    error, other = _items(folder, tmp_path / "b.txt")
    assert str(error) == f"{folder / 'manifest.csv'}{message}; the folder's files are not read"
    assert isinstance(other, Article) and other.doc_id == "b"
    (single,) = _items(folder / "a.txt")
    assert str(single).endswith("; this file is not read")


def test_inputs_manifest_written_by_a_spreadsheet_with_a_bom(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Un article.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_bytes(b"\xef\xbb\xbfdoc_id,lang,published\r\na,fr,2025-02-23\r\n")
    (article,) = _items(tmp_path)
    assert article.published == "2025-02-23"
