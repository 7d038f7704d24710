"""Input at the edges: broken JSON values, hostile CSV, odd folders, legacy encodings (src/ingest.py, src/decode.py).

Every case must end either as an article or as a row of `problems` naming the file and the reason."""
from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from src import clean_step
from src.decode import decode_bytes, repair_mojibake
from src.ingest import read_inputs

SENTENCE = "Menurut juru bicara Kremlin, Rusia siap berunding dengan Ukraina."


def write_jsonl(folder: Path, lines: list[str]) -> None:
    """A feed.jsonl of raw lines (already JSON text)."""
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def reasons(got, source: str = "feed.jsonl") -> list[tuple[int | None, str]]:
    """(row, reason) of the problems of one source file."""
    return [(p.row, p.reason) for p in got.problems if p.source_file == source]


def test_a_lone_surrogate_escape_becomes_a_replacement_character_and_a_problem(tmp_path):
    """A JSON "\\ud83d" without its pair used to crash the whole run when the text was written out."""
    write_jsonl(tmp_path, ['{"id": "a", "text": "' + SENTENCE + ' \\ud83d Lalu pergi."}',
                           '{"id": "b", "text": "Emoji utuh \\ud83d\\ude00 tetap."}'])
    out = tmp_path / "processed"
    tables = clean_step.run(tmp_path, out)
    texts = dict(zip(tables["articles"].article_id, tables["articles"].text))
    assert "\ufffd" in texts["a"] and SENTENCE in texts["a"]
    assert "\U0001F600" in texts["b"]
    problems = tables["problems"]
    assert problems.row.tolist() == [1] and "lone surrogate" in problems.reason.iloc[0]


@pytest.mark.parametrize("row,kept,expected", [
    ({"id": "a", "text": ["Paragraf satu.", "Paragraf dua."]}, False, "field 'text' is a JSON list"),
    ({"id": "a", "text": float("nan")}, False, "field 'text' is the number nan"),
    ({"id": True, "text": SENTENCE}, False, "field 'id' is a JSON bool"),
    ({"id": "a", "text": SENTENCE, "title": {"id": "Judul"}}, True, "field 'title' is a JSON dict"),
    ({"id": 42, "text": SENTENCE, "published": 2022}, True, None),
])
def test_json_values_that_are_not_text_are_problems_not_reprs(tmp_path, row, kept, expected):
    write_jsonl(tmp_path, [json.dumps(row)])
    got = read_inputs(tmp_path)
    assert len(got.records) == int(kept)
    if kept:
        record = got.records[0]
        assert record.text == SENTENCE and record.title is None and "{" not in (record.title or "")
    found = reasons(got)
    if expected is None:
        assert found == [] and got.records[0].article_id == "42"
    else:
        assert len(found) == 1 and found[0][0] == 1 and expected in found[0][1]
        assert found[0][1].endswith("ignored" if kept else "row skipped")


def test_a_csv_field_longer_than_the_csv_module_default_is_one_article(tmp_path):
    long_text = " ".join([SENTENCE] * 3000)  # about 200,000 characters, over csv's 131,072 default
    (tmp_path / "rows.csv").write_text(f'id,text\nlong,"{long_text}"\nshort,"{SENTENCE}"\n', encoding="utf-8")
    got = read_inputs(tmp_path)
    assert [(r.article_id, len(r.text)) for r in got.records] == [("long", len(long_text)), ("short", len(SENTENCE))]
    assert got.problems == []


def test_an_unclosed_quote_is_reported_with_the_lines_it_swallowed(tmp_path):
    rows = ['id,text', 'a,"Kutipan tanpa penutup', 'b,Baris yang tertelan.', 'c,"Kutipan ""benar"" lagi."',
            'd,Baris sesudahnya.', 'e,"Tanda kutip "nyasar" di tengah"', f'f,"{SENTENCE}"']
    (tmp_path / "rows.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    got = read_inputs(tmp_path)
    assert [r.article_id for r in got.records] == ["d", "f"]
    found = reasons(got, "rows.csv")
    assert [row for row, _ in found] == [2, 6]
    assert "lines 2-4" in found[0][1] and "line 6" in found[1][1] and "quote" in found[0][1]


def test_a_multi_line_csv_row_is_numbered_by_its_first_line(tmp_path):
    (tmp_path / "rows.csv").write_text('id,text\na,"Paragraf satu.\n\nParagraf dua."\nb,\n', encoding="utf-8")
    got = read_inputs(tmp_path)
    assert got.records[0].row == 2
    assert reasons(got, "rows.csv") == [(5, "row without text (id 'b')")]


def test_a_csv_with_a_repeated_column_is_skipped_whole(tmp_path):
    (tmp_path / "rows.csv").write_text(f"id,text,text\na,{SENTENCE},Teks lain.\n", encoding="utf-8")
    got = read_inputs(tmp_path)
    assert got.records == []
    assert reasons(got, "rows.csv") == [(None, "CSV with duplicate column(s) text: skipped")]


def test_metadata_first_row_wins_and_its_bad_date_is_reported_where_it_is(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "article_id,outlet,published\na,Kabar Dunia,kemarin sore\na,Warta Lain,2022-09-06\n", encoding="utf-8")
    tables = clean_step.run(tmp_path, tmp_path / "processed")
    assert tables["articles"].outlet.tolist() == ["Kabar Dunia"]
    assert tables["articles"].published.isna().all()
    problems = sorted(zip(tables["problems"].source_file, tables["problems"].row, tables["problems"].reason))
    assert [(f, r) for f, r, _ in problems] == [("metadata.csv", 2), ("metadata.csv", 3)]
    assert "unrecognised published date 'kemarin sore'" in problems[0][2]
    assert "duplicate metadata for article_id 'a'" in problems[1][2]


def test_hidden_broken_and_linked_entries_are_reported_or_followed(tmp_path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / ".gitkeep").write_text("")
    (raw / ".draft.txt").write_text(SENTENCE, encoding="utf-8")
    (raw / ".ipynb_checkpoints").mkdir()
    (raw / "sub" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(SENTENCE, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text(SENTENCE, encoding="utf-8")
    os.symlink(elsewhere, raw / "linked")
    os.symlink(elsewhere, raw / "linked_again")
    os.symlink(raw / "sub", raw / "a_link_to_sub")  # sorts before sub: sub must still be read as sub
    os.symlink(tmp_path, raw / "up")  # holds raw: following it would read outside.txt and raw twice
    os.symlink(raw / "missing.txt", raw / "broken.txt")
    os.symlink(raw, raw / "sub" / "loop")
    os.symlink(raw / "sub" / "a.txt", raw / "copy_of_a.txt")           # a file read anyway
    os.symlink(tmp_path / "outside.txt", raw / "from_outside.txt")      # read once, through the link
    os.symlink(tmp_path / "outside.txt", raw / "from_outside_again.txt")
    got = read_inputs(raw)
    assert sorted(r.source_file for r in got.records) == ["from_outside.txt", "linked/b.txt", "sub/a.txt"]
    skipped = "link to a folder that is read anyway or holds the raw folder: skipped"
    file_skipped = "link to a file that is read anyway: skipped"
    assert sorted((p.source_file, p.reason) for p in got.problems) == [
        (".draft.txt", "hidden file: skipped"), (".ipynb_checkpoints", "hidden folder: skipped"),
        ("a_link_to_sub", skipped), ("broken.txt", "broken symbolic link: skipped"), ("copy_of_a.txt", file_skipped),
        ("from_outside_again.txt", file_skipped), ("linked_again", skipped), ("sub/loop", skipped), ("up", skipped)]


def test_a_file_name_that_is_not_utf8_is_read_and_reported(tmp_path):
    """Names from an unzipped Windows archive may hold cp1252 bytes; they used to crash the Parquet writer."""
    os.mkdir(tmp_path / "raw")
    with open(os.path.join(os.fsencode(tmp_path / "raw"), b"caf\xe9.txt"), "w", encoding="utf-8") as fh:
        fh.write(SENTENCE)
    tables = clean_step.run(tmp_path / "raw", tmp_path / "processed")
    assert tables["articles"].article_id.tolist() == ["caf\\xe9"]
    assert tables["problems"].source_file.tolist() == ["caf\\xe9.txt"]
    assert "not UTF-8" in tables["problems"].reason.iloc[0]


@pytest.mark.parametrize("line", ['{"id": "x", "text": "Teks.", "n": ' + "9" * 5000 + "}",
                                  '{"id": "x", "text": "Teks.", "n": ' + "[" * 100_000 + "]" * 100_000 + "}"])
def test_json_the_parser_refuses_is_a_malformed_row_not_a_crash(tmp_path, line):
    write_jsonl(tmp_path, [line, json.dumps({"id": "y", "text": SENTENCE})])
    got = read_inputs(tmp_path)
    assert [r.article_id for r in got.records] == ["y"]
    assert [(row, reason.split(":")[0]) for row, reason in reasons(got)] == [(1, "malformed JSON")]


def test_file_name_ids_are_normalised_like_metadata_ids(tmp_path):
    decomposed = unicodedata.normalize("NFD", "berita-café")
    (tmp_path / f"{decomposed}.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("article_id,outlet\nberita-café,Kabar Dunia\n", encoding="utf-8")
    got = read_inputs(tmp_path)
    assert [r.article_id for r in got.records] == ["berita-café"]
    assert got.problems == []


CP1252_TEXTS = [
    "Presiden\u00a0Joko Widodo mengatakan “kami siap” – katanya.",
    "Harga naik 5\u00a0persen, kata Menteri Keuangan Sri Mulyani Indrawati.",
    "Ia menyebut “perang” itu… tidak perlu\u00a0terjadi; café dan naïve.",
    "Juru bicara\u00a0Kemlu: ‘Indonesia menolak’ — tegasnya.",
]


@pytest.mark.parametrize("text", CP1252_TEXTS)
def test_cp1252_text_is_read_as_cp1252(text):
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("tail,expected", [
    (b"Lviv \x96 Odesa.", "Lviv – Odesa."),               # one stray cp1252 dash
    (b"tahu\x85\x94 Odesa.", "tahu…” Odesa."),            # two strays side by side
    (b"x\x9d Odesa.", "x\ufffd Odesa."),                  # a byte cp1252 does not define
])
def test_utf8_with_stray_bytes_keeps_all_its_utf8_text(tail, expected):
    """One bad byte in a 50 MB UTF-8 file used to hand the whole file to the detector (mac_iceland garble)."""
    head = "Rusia “menyerang” Kyiv – café. "
    assert decode_bytes(head.encode("utf-8") + tail) == (head + expected, "utf-8+cp1252")


def test_utf8_with_a_bom_and_a_stray_byte_is_read_not_rejected():
    assert decode_bytes(b"\xef\xbb\xbfid,text\n1,Dia bilang \x93tidak\x94\n") == (
        "id,text\n1,Dia bilang “tidak”\n", "utf-8-sig+cp1252")


def test_cp1252_accents_before_quotes_are_not_taken_for_utf8():
    """'É”' is valid UTF-8 for 'ɔ' by accident; in a cp1252 file it is still É and a quote."""
    text = "Kata “JOSÉ” dan “PELÉ”, juga “Pelé…”"
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("text", [
    "Ia berkata—“tidak”—lalu pergi.",           # two punctuation bytes side by side are still Western
    "Kafe\u00a0“Café”\u00a0di Bandung.",
    "Debit air mencapai 150 m³/detik.",          # a unit, not a Central European letter
    "Suhu 34ºC, kata “BMKG”.",
])
def test_short_cp1252_lines_are_not_handed_to_the_detector(text):
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("data,expected", [
    ("Harga “naik”,".encode() + b" kata \x93pedagang\x94 di pasar.", "Harga “naik”, kata “pedagang” di pasar."),
    ("Harga “naik”".encode() + b" \x93ok\x94", "Harga “naik” “ok”"),     # as many strays as UTF-8 characters
    ("Ia berkata “tidak”. ".encode("cp1252") + "”".encode(), "Ia berkata “tidak”. ”"),  # mostly cp1252
    (b"Satu \x81 byte, kata \x93dia\x94.", "Satu \ufffd byte, kata “dia”."),  # one byte cp1252 leaves undefined
    ("“Ya” — é".encode() + b"\x96", "“Ya” — é–"),                            # short and dense in non-ASCII
    ("Президент России заявил, ".encode() * 50 + b"\x96", "Президент России заявил, " * 50 + "–"),  # UTF-8 Cyrillic
])
def test_mixed_utf8_and_cp1252_is_read_piece_by_piece(data, expected):
    assert decode_bytes(data)[0] == expected


@pytest.mark.parametrize("encoding,text", [
    ("cp1250", "Prezydent Polski powiedział, że Rosja łamie prawo międzynarodowe. Źródło: rząd."),
    ("shift_jis", "日本の首相は記者会見で、北朝鮮のミサイル発射を強く非難した。"),
    ("gbk", "中华人民共和国外交部发言人表示，中方对此高度关注。"),
    ("euc_kr", "대한민국 정부는 북한의 미사일 발사를 강력히 규탄했다."),
])
def test_other_legacy_encodings_are_left_to_the_detector(encoding, text):
    decoded, found = decode_bytes(text.encode(encoding))
    assert decoded == text and found not in ("cp1252", "utf-8+cp1252")


def test_indosum_articles_survive_cp1252_and_stray_bytes_in_utf8():
    """300 real articles with Western punctuation added: as cp1252 they decode to themselves; as UTF-8 with a stray
    cp1252 byte inserted they keep every UTF-8 character and gain exactly the stray one."""
    import random

    from src import benchmark, paths
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for this check; CI has it)")
    rng = random.Random(11)
    for row in benchmark.load_corpus(str(paths.INDOSUM), limit=300):
        words = row["text"].replace("â€", "").split(" ")  # (a few IndoSum texts hold mojibake of their own)
        for _ in range(4):
            i = rng.randrange(len(words))
            words[i] += rng.choice(["“", "”", "’", "–", "—", "…", "\u00a0", "é", "ü", "È", "€"])
        text = " ".join(words)
        try:
            as_cp1252 = text.encode("cp1252")
        except UnicodeEncodeError:
            continue
        assert decode_bytes(as_cp1252) == (text, "cp1252"), row["id"]
        cut = text.index(" ", len(text) // 2)
        stray = rng.choice(["“", "—", "é"])
        mixed = text[:cut].encode() + stray.encode("cp1252") + text[cut:].encode()
        assert decode_bytes(mixed) == (text[:cut] + stray + text[cut:], "utf-8+cp1252"), row["id"]


def test_non_latin_legacy_text_is_still_left_to_the_detector():
    text = "Президент России заявил, что переговоры с Украиной продолжатся на следующей неделе."
    decoded, encoding = decode_bytes(text.encode("cp1251"))
    assert decoded == text and encoding != "cp1252"


@pytest.mark.parametrize("text", ["JOSÉ\u00a0MOURINHO", "CAFÉ”", "ROMÉ” dan “SÃO", "“Kata Pelé…”", "PERÚ”"])
def test_mojibake_repair_leaves_real_accented_text_alone(text):
    assert repair_mojibake(text) == text


@pytest.mark.parametrize("broken,fixed", [("TrÆ°Æ¡ng Má»¹ Lan", "Trương Mỹ Lan"), ("ðŸ˜€ senyum", "😀 senyum"),
                                          ("kata â€œyaâ€\x9d", "kata “ya”")])
def test_mojibake_of_vietnamese_letters_emoji_and_quotes_is_repaired(broken, fixed):
    assert repair_mojibake(broken) == fixed


def test_jsonl_lines_split_at_newlines_only():
    """Rows end at "\n" (the JSON Lines rule); other line-break characters stay inside the row, where
    json.loads(strict=False) reads them; a file with no "\n" at all is split at "\r"."""
    import random

    from src.ingest import jsonl_lines
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(["a", "b c", "é", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\u2028", "\x85"])
                       for _ in range(rng.randint(0, 25)))
        separator = "\r" if "\n" not in text and "\r" in text else "\n"
        expected = text.split(separator)
        if expected and expected[-1] == "":
            expected.pop()
        assert list(jsonl_lines(text)) == expected, repr(text)


@pytest.mark.parametrize("inside", ["\x0c", "\r", "\x0b", "\x1e"])
def test_a_raw_control_character_inside_a_json_string_keeps_the_row_whole(tmp_path, inside):
    write_jsonl(tmp_path, ['{"id": "a", "text": "Paragraf satu.' + inside + 'Paragraf dua."}',
                           json.dumps({"id": "b", "text": SENTENCE})])
    got = read_inputs(tmp_path)
    assert [(r.article_id, r.row) for r in got.records] == [("a", 1), ("b", 2)]
    assert got.problems == []


def test_a_jsonl_file_with_old_mac_line_ends_is_read_row_by_row(tmp_path):
    rows = [json.dumps({"id": str(i), "text": SENTENCE}) for i in range(3)]
    (tmp_path / "feed.jsonl").write_bytes("\r".join(rows).encode() + b"\r")
    assert [(r.article_id, r.row) for r in read_inputs(tmp_path).records] == [("0", 1), ("1", 2), ("2", 3)]


def test_a_raw_tab_inside_a_json_string_is_read_not_rejected(tmp_path):
    """Strict JSON forbids raw control characters in strings; feeds written by hand or by sloppy exporters hold tabs."""
    write_jsonl(tmp_path, ['{"id": "t", "text": "Menurut\tjuru bicara Kremlin, Rusia siap berunding dengan Ukraina."}'])
    got = read_inputs(tmp_path)
    assert [(r.article_id, r.text) for r in got.records] == [("t", SENTENCE)]
    assert got.problems == []


@pytest.mark.parametrize("folder,roots,expected", [
    ("/", ["/data/raw"], True), ("/data", ["/data/raw"], True), ("/data/raw/sub", ["/data/raw"], True),
    ("/data/rawer", ["/data/raw"], False), ("/elsewhere", ["/data/raw", "/mnt/feeds"], False),
])
def test_a_linked_folder_overlaps_when_it_holds_or_lies_in_a_folder_read(folder, roots, expected):
    from src.ingest import overlaps
    assert overlaps(folder, roots) is expected
