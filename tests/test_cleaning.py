"""Cleaning (codebook section 2): the five seeds against data/gold, rules, and IndoSum robustness."""
from __future__ import annotations

import json
import re
import time

import pytest

from src import clean_step, paths
from src.cleaning import clean_text, load_rules, parse_prefix

GOLD = sorted(paths.DATA_GOLD.glob("*.json"))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """Tables for data/raw (the seeds) and the gold annotations by article id."""
    tables_ = clean_step.run(paths.DATA_RAW, tmp_path_factory.mktemp("processed"))
    gold = {g["id"]: g for g in (json.loads(p.read_text(encoding="utf-8")) for p in GOLD)}
    return tables_, gold


def _body_and_sentences(seeds, article_id):
    tables_, _ = seeds
    body = tables_["articles"].set_index("article_id").loc[article_id, "text"]
    sentences = tables_["sentences"]
    return body, sentences[sentences.article_id == article_id].text.tolist()


def test_gold_files_present():
    assert len(GOLD) == 5, f"expected 5 gold files in {paths.DATA_GOLD}"


@pytest.mark.parametrize("field", ["title", "published", "outlet"])
@pytest.mark.parametrize("gold_file", GOLD, ids=lambda p: p.stem)
def test_seed_metadata(seeds, gold_file, field):
    tables_, gold = seeds
    expected = gold[gold_file.stem][field]
    row = tables_["articles"].set_index("article_id").loc[gold_file.stem]
    value = row[field]
    assert (None if value is None or value != value else value) == expected


@pytest.mark.parametrize("gold_file", GOLD, ids=lambda p: p.stem)
def test_seed_boilerplate_removed(seeds, gold_file):
    body, sentences = _body_and_sentences(seeds, gold_file.stem)
    for item in seeds[1][gold_file.stem]["boilerplate"]:
        if item.startswith("re:"):
            assert not re.search(item[3:], body), item
        else:
            assert item not in body, item


@pytest.mark.parametrize("gold_file", GOLD, ids=lambda p: p.stem)
def test_seed_reporting_kept_once_and_in_one_sentence(seeds, gold_file):
    body, sentences = _body_and_sentences(seeds, gold_file.stem)
    gold = seeds[1][gold_file.stem]
    for item in gold["keep"]:
        assert item in body, item
    for item in gold["once"]:
        assert body.count(item) == 1, item
    for item in gold["keep"] + [s["text"] for s in gold.get("sentences", [])]:
        containing = [s for s in sentences if item in s]
        assert len(containing) == 1, f"{item!r} is in {len(containing)} sentences"


def test_seed_sentences_have_no_prefix_or_furniture(seeds):
    sentences = seeds[0]["sentences"]
    for text in sentences.text:
        assert parse_prefix(text) is None, text
        assert text.strip() == text and text
    ids = sentences.groupby("article_id").sentence_id.apply(list)
    for article_id, values in ids.items():
        assert values == list(range(len(values))), article_id


def test_seed_removals_have_reasons(seeds):
    removed = seeds[0]["removed"]
    known = {r.reason for r in load_rules()} | {"title", "repeated_title", "byline", "date_line", "outlet_label",
                                                "dateline_prefix", "repeated_paragraph"}
    assert set(removed.reason) <= known
    assert removed.text.str.strip().str.len().min() > 0


@pytest.mark.parametrize("line,place,outlet", [
    ("WASHINGTON - Gedung Putih mengatakan.", "WASHINGTON", None),
    ("Jakarta, CNN Indonesia -- Ia datang.", "Jakarta", "CNN Indonesia"),
    ("KOMPAS.com - Ia datang.", None, "KOMPAS.com"),
    ("TEMPO.CO, Jakarta - Ia datang.", "Jakarta", "TEMPO.CO"),
    ("Seoul (ANTARA) - Ia datang.", "Seoul", "ANTARA"),
    ("WahanaNews.co | Ia datang.", None, "WahanaNews.co"),
    ("EtIndonesia. Baru-baru ini ia datang.", None, "EtIndonesia"),
])
def test_dateline_prefixes(line, place, outlet):
    found = parse_prefix(line)
    assert found is not None and (found[1], found[2]) == (place, outlet)
    assert found[3].startswith(("Gedung", "Ia", "Baru"))


@pytest.mark.parametrize("line", [
    "Presiden Joko Widodo - yang baru tiba - mengatakan hal itu.",
    "Kim Jong-un mengirim pasukan.",
    "Sementara itu - kata dia - pasukan tiba.",
    "Rusia. Itu kata dia.",
])
def test_prose_is_not_a_prefix(line):
    assert parse_prefix(line) is None


def test_glued_initials_and_trailing_labels():
    cleaned = clean_text("Ia datang.\nPasukan tiba di kota itu.(jhn/yn)\n\nFOKUS DUNIA\nNEWS")
    assert cleaned.paragraphs == ["Ia datang.", "Pasukan tiba di kota itu."]
    assert [r for _, r in cleaned.removed].count("category_label") == 2


def test_related_marker_takes_headline_but_not_reporting():
    cleaned = clean_text("Satu kalimat.\nBaca Juga:\nJudul Berita Lain yang Menarik\nDua kalimat.\n"
                         "Baca_Juga\nTiga kalimat laporan yang panjang dan berakhir dengan titik.")
    assert cleaned.paragraphs == ["Satu kalimat.", "Dua kalimat.",
                                  "Tiga kalimat laporan yang panjang dan berakhir dengan titik."]


@pytest.mark.parametrize("line,place", [
    ("Jakarta - Badan Intelijen Nasional Korea Selatan menyatakan tentara itu tiba.", "Jakarta"),
    ("Kuala Lumpur - Pemerintah Malaysia menyatakan sikapnya pada Senin.", "Kuala Lumpur"),
])
def test_listed_title_case_city_is_a_dateline(line, place):
    found = parse_prefix(line)
    assert found is not None and found[1] == place and found[3][0].isupper()


@pytest.mark.parametrize("line", [
    "Mercedes - Benz meluncurkan model E - Class terbaru rakitan pabrik itu.",  # IndoSum's spaced hyphens
    "Baru - baru ini, dua nama pria sering dikaitkan dengan kehidupan asmaranya.",
    "Rusia - Ukraina kembali bertempur di sekitar kota itu sejak pagi hari.",
    "Jakarta -- Ia datang.",
])
def test_other_title_case_words_before_a_dash_are_prose(line):
    assert parse_prefix(line) is None


def test_related_block_of_several_headlines_goes_but_not_the_reporting_after_it():
    cleaned = clean_text("Satu kalimat laporan.\nBaca Juga\nKorea Utara Disebut Kirim Ribuan Tentara ke Kursk\n"
                         "Kim Jong Un Janjikan Dukungan Penuh untuk Rusia\n"
                         "Ia menambahkan, Kyiv siap menyerahkan kedua tentara itu kepada Pyongyang.")
    assert cleaned.paragraphs == ["Satu kalimat laporan.",
                                  "Ia menambahkan, Kyiv siap menyerahkan kedua tentara itu kepada Pyongyang."]
    assert [r for _, r in cleaned.removed].count("related_link") == 3


@pytest.mark.parametrize("line,reason", [
    ("Baca halaman selanjutnya", "page_furniture"),
    ("[Gambas:Video CNN]", "page_furniture"),
    ("Copyright © ANTARA 2024", "copyright"),
    ("Pilihan Editor: Rusia Gempur Jaringan Listrik Ukraina dengan 120 Rudal", "related_link"),
    ("Rudal Fath-360 dipamerkan dalam parade militer di Teheran. Foto/Reuters", "caption"),
    ("Red: Setyo Wicaksono", "credit"),
    ("Rep: Dwina Agustin", "credit"),
    ("(Tribunnews.com/Rina Ayu)", "credit"),
    ("Artikel ini telah tayang di Tribunnews.com dengan judul Rusia Kembangkan Drone, Beijing Membantah", "page_furniture"),
    ("Penulis: Rina Ayu Pratiwi | Editor: Yudha Prasetyo", "byline"),
    ("(I029/B014)", "initials"),
    ("(T.K010/R010)", "initials"),
])
def test_outlet_furniture_lines_are_removed_with_their_reason(line, reason):
    cleaned = clean_text(f"Pasukan itu tiba di garis depan pada Senin pagi.\n{line}\nIa datang kemudian.")
    assert cleaned.paragraphs == ["Pasukan itu tiba di garis depan pada Senin pagi.", "Ia datang kemudian."]
    assert cleaned.removed == [(line, reason)]


def test_wire_credit_line_goes_to_footer_sources():
    cleaned = clean_text("Pasukan itu tiba di garis depan pada Senin pagi.\n(AP/Reuters)")
    assert cleaned.paragraphs == ["Pasukan itu tiba di garis depan pada Senin pagi."]
    assert cleaned.footer_sources == ["AP", "Reuters"]


def test_footer_sources_and_yearless_date():
    cleaned = clean_text("Pada hari Rabu (23 Oktober), pasukan tiba.\nSumber: Reuters, AFP dan AP")
    assert cleaned.footer_sources == ["Reuters", "AFP", "AP"]
    assert (cleaned.published, cleaned.published_partial) == (None, "--10-23")


def test_date_inside_a_sentence_stays():
    cleaned = clean_text("Dikutip dari CNN, Kamis (13/4/2023), dokumen itu bocor.\nPerang dimulai pada 24 Februari 2022.")
    assert cleaned.published == "2023-04-13"
    assert "Kamis (13/4/2023)" in cleaned.paragraphs[0]
    assert clean_text("Perang dimulai pada 24 Februari 2022.").published is None


def test_indosum_robustness_and_speed():
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for this check; CI has it)")
    rows = [json.loads(line) for line in paths.INDOSUM.open(encoding="utf-8")]
    records = [{"id": r["id"], "text": r["text"]} for r in rows]
    megabytes = sum(len(r["text"].encode("utf-8")) for r in rows) / 1e6
    start = time.perf_counter()
    out = clean_step.clean_records(records)
    seconds = time.perf_counter() - start
    reference = sum(len(s) for r in rows for s in r["sentences"])
    kept = int(out["articles"].n_sentences.sum())
    print(f"\nIndoSum cleaning: {len(rows)} articles, {megabytes:.1f} MB in {seconds:.1f}s "
          f"({len(rows) / seconds:.0f} articles/s, {megabytes / seconds:.2f} MB/s); "
          f"{kept} sentences vs {reference} reference sentences")
    print("removed by reason:", out["removed"].reason.value_counts().to_dict())
    assert len(out["articles"]) == len(rows)
    assert kept >= 0.95 * reference  # boilerplate is a small share; reporting is never dropped wholesale
    starts = out["sentences"].groupby("article_id").head(1).text
    assert not starts.str.match(r"^(?:Jakarta, CNN Indonesia --|Merdeka\.com -|Suara\.com -)").any()
    assert seconds < 120


def test_self_contained_pattern():
    from src.cleaning import _self_contained
    assert _self_contained("(?i)a(?P<author>b)") == "(?i:a(?:b))"
    assert _self_contained("(?i:x)y") == "(?:(?i:x)y)"
    joined = re.compile("|".join(map(_self_contained, ["(?x) a b  # a verbose rule ending in a comment", "cd"])))
    assert joined.fullmatch("ab") and joined.fullmatch("cd")


def test_combined_line_rule_check_agrees_with_each_rule():
    """_any_rule is only a first test: it must match a line exactly when one of the rules does."""
    from src.cleaning import _any_rule, _full_match
    lines = [p.read_text(encoding="utf-8") for p in sorted(paths.DATA_RAW.glob("*.txt"))]
    lines = [line.strip() for text in lines for line in text.split("\n") if line.strip()]
    lines += ["A A A", "Loading...", "Baca juga:", "BACA JUGA", "Penulis: Budi Santoso / Editor", "Sumber: Reuters, AFP",
              "Copyright 2023 Kompas", "(ant)", "Tags: politik, hukum", "Ikuti kami di Google News", "Biasa saja."]
    hits = 0
    for line in lines:
        rule = _full_match(line, "line") or _full_match(line, "line_next")
        assert bool(_any_rule(("line", "line_next")).fullmatch(line)) == bool(rule), line
        hits += bool(rule)
    assert hits >= 10


TRICKY_LINES = ["Harga naik.", "harga NAIK", "Harga  naik!", "“Harga naik,” katanya.", "Harga naik katanya",
                "Straße", "STRASSE", "strasse.", "Kelvin \u212a", "kelvin k", "ﬁnal", "final", "Café", "cafe", "CAFÉ!",
                "İstanbul", "i̇stanbul", "1.000 orang", "1 000 orang", "snake_case", "snake case", "", "...", "—",
                "Harga naik.", "Ini berita. Dua kalimat.", "ini berita dua kalimat"]


def test_rough_key_is_coarser_than_norm():
    """Lines with equal _norm keys always have equal rough keys (the shortcut may not miss a repeat)."""
    from src.cleaning import _norm, _rough_key
    for a in TRICKY_LINES:
        for b in TRICKY_LINES:
            if _norm(a) == _norm(b):
                assert _rough_key(a) == _rough_key(b), (a, b)


def test_rough_keys_of_joined_lines_equal_each_line_key():
    from src.cleaning import _rough_key, _rough_keys
    lines = TRICKY_LINES + ["ΑΣ", "ς x", "\u212a\u212a"]
    assert _rough_keys(lines) == [_rough_key(line) for line in lines]
    assert _rough_keys([]) == [] and _rough_keys([""]) == [b""]


def test_repeated_paragraphs_and_title_repeats_match_the_plain_rule():
    """drop_repeated_paragraphs/take_title with the rough-key shortcut drop exactly what comparing _norm keys drops."""
    from src.cleaning import _Cleaner, _norm

    lines = [line for line in TRICKY_LINES if line.strip()]
    cleaner = _Cleaner("\n".join(lines), None)
    cleaner.drop_repeated_paragraphs()
    seen, kept = set(), []
    for line in lines:
        if _norm(line) and _norm(line) in seen:
            continue
        seen.add(_norm(line))
        kept.append(line)
    assert cleaner.lines == kept and len(kept) < len(lines)
    titled = _Cleaner("\n".join(lines), "HARGA NAIK")
    titled.take_title()
    assert titled.lines == [line for line in lines if _norm(line) != "harga naik"]


@pytest.mark.parametrize("text", ["kata perak-news.com kemarin", "a.COM", "x .com", ".com", "situs Kompas.Co.Id.", "tempo.co",
                                  "detik.company", "é.id ok", "_.tv", "a..com", "rp.1.000", "www.cnnindonesia.com/x"])
def test_domain_check_equals_the_plain_pattern(text):
    """The period-first domain check finds a domain exactly where the plain '\\w\\.(tld)\\b' pattern does."""
    from src.cleaning import _HAS_DOMAIN
    plain = re.compile(r"\w\.(?:co\.id|com|co|id|net|org|news|tv)\b", re.IGNORECASE)
    assert [m.span() for m in _HAS_DOMAIN.finditer(text)] == [(s + 1, e) for s, e in (m.span() for m in plain.finditer(text))]


def test_dateline_with_a_lower_case_outlet_domain():
    found = parse_prefix("MOSKOW, iNews.id - Roket Soyuz milik Rusia meluncurkan dua satelit buatan Iran.")
    assert found is not None and found[1:3] == ("MOSKOW", "iNews.id")
    assert parse_prefix("Partai antara Tim Nasional (Timnas) Indonesia U - 19 berlangsung seru.") is None


def test_outlet_label_line_under_the_title_names_the_outlet():
    cleaned = clean_text("AS Sebut Rusia Sudah Terima Rudal Balistik Iran\nkumparanNEWS\n"
                         "Amerika Serikat menyebut Rusia telah menerima kiriman rudal balistik jarak pendek dari Iran.")
    assert cleaned.outlet == "kumparan" and ("kumparanNEWS", "outlet_label") in cleaned.removed


def test_indonesian_outlet_named_as_the_one_told_is_the_publisher():
    cleaned = clean_text("Judul Berita Tentang Wagner di Afrika\nTom Whitfield, peneliti di RUSI, mengatakan kepada "
                         "BBC News Indonesia bahwa Wagner tetap aktif di Afrika.")
    assert cleaned.outlet == "BBC News Indonesia"
    assert clean_text("Judul Berita Tentang Wagner di Afrika\nIa berkata kepada wartawan bahwa Wagner tetap aktif "
                      "di Afrika, seperti dilansir BBC News Indonesia.").outlet is None


@pytest.mark.parametrize("block", [
    "Terkini\nJadwal Timnas Indonesia vs China di Kualifikasi Piala Dunia 2026\nHarga Emas Antam Hari Ini Naik",
    "Baca Selanjutnya: China Tegaskan Tak Pernah Kirim Senjata ke Medan Perang Ukraina",
    "Sumber gambar, Getty Images\nKeterangan gambar, Personel keamanan Rusia mengawal iring-iringan kendaraan.",
    "Lewati Podcast dan lanjutkan membaca\nPodcast\nDunia Pagi Ini\nEpisode\nAkhir dari Podcast",
    "Jangan lewatkan konten-konten eksklusif dari DW Indonesia! Daftarkan e-mail Anda untuk berlangganan newsletter.",
])
def test_more_outlet_furniture_blocks_are_removed(block):
    cleaned = clean_text(f"Pasukan itu tiba di garis depan pada Senin pagi.\n{block}\nIa datang kemudian ke kota itu.")
    assert cleaned.paragraphs == ["Pasukan itu tiba di garis depan pada Senin pagi.", "Ia datang kemudian ke kota itu."]


def test_wire_credit_with_editor_code_glued_to_the_end_and_editor_codes_are_no_sources():
    cleaned = clean_text("Warsawa menuding Minsk sengaja mendorong arus migran. (AFP/Z-2)")
    assert cleaned.paragraphs == ["Warsawa menuding Minsk sengaja mendorong arus migran."]
    assert cleaned.footer_sources == ["AFP"]
    assert clean_text("Pasukan itu tiba di garis depan pada Senin pagi.\n(SYS)").footer_sources == []


def test_outlet_prefix_then_upper_case_place_and_more_outlet_tags():
    cleaned = clean_text("KONTAN.CO.ID - WASHINGTON. Departemen Keuangan AS menjatuhkan sanksi terhadap hampir 400 "
                         "perusahaan.\nIa datang.\n(tirto.id - Politik)")
    assert cleaned.paragraphs == ["Departemen Keuangan AS menjatuhkan sanksi terhadap hampir 400 perusahaan.", "Ia datang."]
    assert (cleaned.dateline, cleaned.outlet) == ("WASHINGTON", "KONTAN.CO.ID")
    found = parse_prefix("Jakarta, CNBC Indonesia - Badan Intelijen Nasional Korea Selatan memperkirakan hal itu.")
    assert found is not None and found[1:3] == ("Jakarta", "CNBC Indonesia")
    assert clean_text("Pasukan tiba di garis depan pada Senin pagi.\nNext Article").paragraphs == \
        ["Pasukan tiba di garis depan pada Senin pagi."]


def test_review_cases_comma_after_an_acronym_slash_in_prose_and_name_lists():
    cleaned = clean_text("KOMPAS.com - KPK, Senin (4/3/2019), menetapkan tersangka baru dalam kasus itu.")
    assert cleaned.paragraphs == ["KPK, Senin (4/3/2019), menetapkan tersangka baru dalam kasus itu."]
    assert cleaned.dateline is None
    prose = "JAKARTA - Polisi memeriksa unggahan pelaku di Instagram. Foto/video itu kemudian viral di media sosial."
    assert clean_text(prose).paragraphs == [prose.removeprefix("JAKARTA - ")]
    cleaned = clean_text("Satu kalimat laporan.\nBaca Juga:\nJudul Berita Lain yang Menarik Sekali\nAndritany Ardhiyasa\n"
                         "Evan Dimas\nIa datang.")
    assert cleaned.paragraphs == ["Satu kalimat laporan.", "Andritany Ardhiyasa", "Evan Dimas", "Ia datang."]


def test_outlet_date_line_and_teasers():
    cleaned = clean_text("AS Sanksi 2 Perusahaan China yang Bantu Rusia Produksi Drone Serang\nKompas.com - 18/10/2024, "
                         "10:15 WIB\nWASHINGTON, KOMPAS.com - Amerika Serikat menjatuhkan sanksi terhadap dua perusahaan.\n"
                         "(Ikuti kami di Google News)\nSimak Video 'Houthi Ancam Serang Kapal-kapal AS di Laut Merah':")
    assert cleaned.paragraphs == ["Amerika Serikat menjatuhkan sanksi terhadap dua perusahaan."]
    assert (cleaned.published, cleaned.dateline, cleaned.outlet) == ("2024-10-18", "WASHINGTON", "KOMPAS.com")


def test_held_out_k_furniture():
    cleaned = clean_text("NATO Sebut China Penyokong Utama Perang Rusia, Beijing Meradang\nOleh Bayu Aji Pratama\n"
                         "Diperbarui 10 Jul 2024, 23:15 WIB\nSekretaris Jenderal NATO Jens Stoltenberg berbicara dalam KTT. "
                         "Kredit Foto: Reuters/West Asia News Agency\nLiputan6.com, Washington - Para pemimpin NATO "
                         "menyebut China sebagai penyokong utama.\n* Follow Official WhatsApp Channel Liputan6.com untuk "
                         "mendapatkan Berita Terkini.\nBaca berita dengan sedikit iklan, klik di sini\nREUTERS | AL JAZEERA\n"
                         "Dilarang keras mengambil konten tanpa izin tertulis dari Kantor Berita ANTARA.")
    assert cleaned.paragraphs == ["Para pemimpin NATO menyebut China sebagai penyokong utama."]
    assert (cleaned.published, cleaned.outlet, cleaned.dateline) == ("2024-07-10", "Liputan6.com", "Washington")
    assert cleaned.footer_sources == ["REUTERS", "AL JAZEERA"]
