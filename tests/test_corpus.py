from datetime import date

from geomap.corpus import parse_header, read_corpus

from conftest import SEEDS


def test_header_date_and_offsets_refer_to_the_whole_file():
    text = " date 2021-07-29 Russia has beefed up combat competence."
    found, body_start = parse_header(text)
    assert found == date(2021, 7, 29)
    assert text[body_start:].startswith("Russia has")


def test_header_on_its_own_line_and_missing_header():
    assert parse_header("date 2024-03-01\nBody")[0] == date(2024, 3, 1)
    assert parse_header("No header here") == (None, 0)
    assert parse_header(" date 2024-13-45 bad month") == (None, 0)


def test_seed_corpus_is_read_in_order():
    items = list(read_corpus([SEEDS]))
    assert [a.id for a in items] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    dated = {a.id: a.date for a in items}
    assert dated["000_fa006a58655b3e69"] == date(2021, 7, 29)
    assert dated["001_908ac6bf585c2462"] is None


def test_bad_files_are_reported_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text(" date 2024-01-02 Troops arrived in Dushanbe.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 in Kulob".encode("latin-1"))
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    items = list(read_corpus([tmp_path, tmp_path / "missing.txt"]))
    articles = [i for i in items if hasattr(i, "text")]
    skipped = {i.source.split("/")[-1]: i.reason for i in items if hasattr(i, "reason")}
    assert [a.id for a in articles] == ["good"]
    assert skipped["empty.txt"] == "empty file"
    assert "binary" in skipped["binary.txt"]
    assert "UTF-8" in skipped["latin1.txt"] and "offset 3" in skipped["latin1.txt"]
    assert "invalid JSON" in skipped["broken.json"]
    assert "no such file" in skipped["missing.txt"]


def test_jsonl_csv_and_html_corpora(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        '{"id": "x1", "text": "Clashes near Khorog.", "date": "2024-05-06T10:00:00Z"}\n'
        "not json\n"
        '{"id": "x2", "body": "Drills in Kulob.", "title": "T"}\n',
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text('id,text,published\nr1,"Troops in Termez, Uzbekistan.",2023-02-03\nr2,,\n', encoding="utf-8")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Border news</title><meta property='article:published_time' content='2022-09-01'>"
        "<script>var x = 'not text';</script></head><body><p>Shelling hit Ishkashim.</p></body></html>",
        encoding="utf-8",
    )
    items = list(read_corpus([tmp_path]))
    articles = {a.id: a for a in items if hasattr(a, "text")}
    skipped = [i for i in items if hasattr(i, "reason")]
    assert articles["a#x1"].date == date(2024, 5, 6)
    assert articles["a#x2"].title == "T"
    assert articles["b#r1"].date == date(2023, 2, 3)
    assert articles["c"].text == "Shelling hit Ishkashim." and articles["c"].date == date(2022, 9, 1)
    assert articles["c"].title == "Border news"
    assert {s.source.split("/")[-1] for s in skipped} == {"a.jsonl:2", "b.csv:3"}


def test_control_character_scan_is_the_unicode_cc_category():
    """The binary-data check counts control characters with one pattern: exactly the
    Unicode category Cc less tab, newline, form feed and carriage return, for every code point."""
    import unicodedata

    from geomap.corpus import _CONTROL_CHARACTERS

    for code in range(0x110000):
        ch = chr(code)
        expected = unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f"
        assert bool(_CONTROL_CHARACTERS.fullmatch(ch)) == expected, hex(code)
