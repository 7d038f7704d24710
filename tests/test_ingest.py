"""Reading every input format and every kind of bad input (tests/fixtures/raw)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from src import clean_step, tables
from src.decode import DecodeError, decode_bytes, normalise_text, repair_mojibake
from src.ingest import read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "raw"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    """The four tables for the fixture raw directory, written to a temporary processed dir."""
    out = tmp_path_factory.mktemp("processed")
    return clean_step.run(FIXTURES, out), out


def _article(result, article_id):
    articles = result[0]["articles"].set_index("article_id")
    assert article_id in articles.index, f"{article_id} missing from articles"
    return articles.loc[article_id]


def _problem_reasons(result, source_file):
    problems = result[0]["problems"]
    return problems[problems.source_file == source_file].reason.tolist()


def test_tables_written_and_match_contract(result):
    tables_, out = result
    for name in clean_step.TABLES:
        on_disk = tables.read_table(out, name)
        assert list(on_disk.columns) == list(tables.SCHEMAS[name])
        assert len(on_disk) == len(tables_[name])


@pytest.mark.parametrize("name,expected", [
    ("empty.txt", "empty"), ("whitespace_only.txt", "empty"), ("image.txt", "binary"),
    ("broken_utf16.txt", "undecodable"), ("notes.pdf", "unsupported"),
])
def test_bad_files_become_problems(result, name, expected):
    reasons = _problem_reasons(result, name)
    assert len(reasons) == 1 and expected in reasons[0]
    assert name.rsplit(".", 1)[0] not in set(result[0]["articles"].article_id)


@pytest.mark.parametrize("source,row,expected", [
    ("feeds/wire.jsonl", 3, "malformed JSON"), ("feeds/wire.jsonl", 4, "without text"),
    ("feeds/wire.jsonl", 5, "duplicate article_id"), ("feeds/wire.jsonl", 6, "not an object"),
    ("feeds/wire.jsonl", 8, "without id"), ("feeds/wire.jsonl", 9, "unrecognised published date"),
    ("feeds/rows.csv", 3, "malformed CSV row"), ("feeds/rows.csv", 4, "without text"),
    ("metadata.csv", 3, "unknown article_id"),
])
def test_bad_rows_become_problems_with_row_numbers(result, source, row, expected):
    problems = result[0]["problems"]
    hits = problems[(problems.source_file == source) & (problems.row == row)]
    assert len(hits) == 1 and expected in hits.reason.iloc[0], problems.to_string()


def test_good_rows_of_bad_files_are_still_processed(result):
    ids = set(result[0]["articles"].article_id)
    assert {"wire-1", "wire-2", "csv-1", "csv-4", "bad-date"} <= ids
    assert _article(result, "wire-1").text.startswith("Pasukan Rusia")  # first wire-1 kept, not the duplicate


def test_row_fields_are_used(result):
    row = _article(result, "csv-1")
    assert (row.title, row.url, row.published, row.outlet) == ("Turki Membantah", "https://c.example/1", "2023-04-14", "Kabar C")


def test_article_id_is_data_not_a_path(result, tmp_path):
    assert "../../escape" in set(result[0]["articles"].article_id)
    out = result[1]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.parquet" for n in clean_step.TABLES)


def test_metadata_csv_overrides_text(result):
    row = _article(result, "kompas_style")
    assert row.outlet == "Kompas Override" and row.url == "https://kompas.example/retno"
    assert row.published == "2022-08-31"  # the text says 30 Agustus 2022; the sidecar wins


def test_html_body_title_and_meta(result):
    row = _article(result, "page")
    assert row.title == "Rusia Beli Drone dari Iran"
    assert (row.outlet, row.published) == ("Kabar Dunia", "2022-09-06")
    assert row.url == "https://kabardunia.example/rusia-drone"
    assert row.text.split("\n") == ["Rusia membeli drone buatan Iran untuk perang di Ukraina, kata pejabat AS.",
                                    "Gedung Putih mengatakan drone itu mengalami masalah teknis."]


def test_htm_without_h1_uses_title_without_site_suffix_and_drops_related(result):
    row = _article(result, "page_no_h1")
    assert row.title == "Korut Kirim Amunisi"
    assert "Berita lain" not in row.text and "Café Seoul" in row.text


@pytest.mark.parametrize("article_id,encoding,needle", [
    ("bom_crlf", "utf-8-sig", "Korea Selatan mengatakan"),
    ("utf16", "utf-16", "Presiden Joko Widodo"),
    ("cp1252", "cp1252", "“bantuan senjata”"),
    ("mojibake", "utf-8", "“pasukan sudah tiba”"),
])
def test_encodings_decoded(result, article_id, encoding, needle):
    row = _article(result, article_id)
    assert row.encoding.startswith(encoding)
    assert needle in row.text
    assert "\r" not in row.text and "\u00a0" not in row.text and "\ufeff" not in row.text


def test_decode_bytes_rejects_bad_input():
    for data in (b"", b"   \n", b"\x00\x01\x02\x03binary"):
        with pytest.raises(DecodeError):
            decode_bytes(data)


def test_mojibake_repair_and_normalisation():
    assert repair_mojibake("kata â€œyaâ€\x9d dan cafÃ©") == "kata “ya” dan café"
    assert repair_mojibake("Café “asli” tetap") == "Café “asli” tetap"
    assert normalise_text("a\u00a0b\r\nc\u200b d  e\r") == "a b\nc d e\n"


def test_records_roundtrip_in_memory():
    tables_ = clean_step.clean_records([{"id": "x", "text": "Jakarta, CNN Indonesia -- Dia datang. Lalu pergi."}])
    assert tables_["sentences"].text.tolist() == ["Dia datang.", "Lalu pergi."]
    assert tables_["articles"].outlet.iloc[0] == "CNN Indonesia"


def test_missing_raw_dir_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="raw directory"):
        read_inputs(tmp_path / "nope")


def test_jsonl_fixture_is_really_malformed():
    lines = (FIXTURES / "feeds" / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    with pytest.raises(json.JSONDecodeError):
        json.loads(lines[2])


@pytest.mark.parametrize("text", [
    "biasa saja", "a  b", "a\tb", "a\r\nb\rc\u2028d\u2029e\x85f", "x\u200b \u200b y", "\u00a0\u3000\u2005z\u00ad",
    "kata â€œyaâ€\x9d\r\n  dan", "  spasi  \n\n tepi ", "e\u0301 \ufeffawal", "a\u00a0b\u00a0", "a\u200bb", "a\rb\r\n",
    "a\u2028b\u00a0c", "x\u00ad\u3000y",
])
def test_normalise_text_skips_only_steps_that_change_nothing(text):
    """The cheap checks in normalise_text give what every substitution run unconditionally gives."""
    import unicodedata

    from src import decode
    full = unicodedata.normalize("NFC", repair_mojibake(text))
    for pattern, replacement in ((decode._LINE_BREAKS, "\n"), (decode._INVISIBLE, ""), (decode._ODD_SPACES, " "),
                                 (decode._MULTI_SPACE, " ")):
        full = pattern.sub(replacement, full)
    assert normalise_text(text) == "\n".join(line.strip() for line in full.split("\n"))


def test_jsonl_rows_with_raw_unicode_line_separators_are_read_whole(tmp_path):
    """JSON allows U+2028, U+2029 and U+0085 raw inside strings (json.dumps with ensure_ascii=False writes them):
    such a row is one article, and the row numbers of the rows after it stay right."""
    rows = [{"id": "a", "text": "Paragraf satu.\u2028Menurut Budi, itu benar."},
            {"id": "b", "text": "Kalimat\u2029dua.\x85Tiga."},
            "{not json",
            {"id": "c", "text": "Biasa saja."}]
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    (tmp_path / "feed.jsonl").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    got = read_inputs(tmp_path)
    assert [(r.article_id, r.row) for r in got.records] == [("a", 1), ("b", 2), ("c", 4)]
    assert got.records[0].text == "Paragraf satu.\nMenurut Budi, itu benar."  # the separator is a paragraph break
    assert [(p.row, p.reason.split(":")[0]) for p in got.problems] == [(3, "malformed JSON")]
