"""Sourcing rules (codebook section 5) on hand-written sentences, with the project lexicon."""
import pandas as pd
import pytest

from src import paths
from src.lexicon import load_lexicon
from src.markers import load_marker_patterns, sentence_markers
from src.sourcing import load_vocabulary
from src.sourcing_step import sourcing_tables

LEX = str(paths.LEXICON)


def run(*paragraphs, outlet=None, footer=()):
    """Attributions of a one-article corpus; each argument is a paragraph (a list of sentences)."""
    rows, sid = [], 0
    for pid, para in enumerate(paragraphs):
        for text in ([para] if isinstance(para, str) else para):
            rows.append(("x", pid, sid, text))
            sid += 1
    sentences = pd.DataFrame(rows, columns=["article_id", "paragraph_id", "sentence_id", "text"])
    articles = pd.DataFrame({"article_id": ["x"], "outlet": [outlet], "footer_sources": [list(footer)]})
    return sourcing_tables(sentences, articles, load_lexicon(LEX), LEX)


def types(*paragraphs, **kw):
    a = run(*paragraphs, **kw)["attributions"]
    return {sid: set(g["source_type"]) for sid, g in a.groupby("sentence_id")}


def test_cue_words_that_attribute_nothing():
    t = types("Menurut rencana, pasukan Rusia akan tiba pekan depan.",
              "Kata-kata itu diucapkan dengan keras di Moskow.",
              "Tidak jelas siapa yang mengirim senjata ke Ukraina.",
              "Yang jelas, Korea Utara membutuhkan pangan.",
              "Turki menolak sanksi baru terhadap Rusia.",
              "Menurut rencana Kremlin, pasukan akan ditarik.",
              "Yang jelas Rusia butuh amunisi.")
    assert t == {}


def test_verb_after_quote_and_follow_up_inherits():
    t = types(["“Kami melihat bukti itu,” kata Lloyd Austin kepada wartawan.",
               "“Situasinya serius,” tambahnya."])
    assert t == {0: {"named_official"}, 1: {"named_official"}}
    a = run(["“Kami melihat bukti itu,” kata Lloyd Austin.", "Ia menambahkan bahwa pasukan telah tiba."])
    follow = a["attributions"].query("sentence_id == 1").iloc[0]
    assert follow.source == "Lloyd Austin" and follow.start == -1


def test_pronoun_denial_is_not_a_follow_up():
    assert types(["Kirby mengatakan tidak ada bukti.", "Dia membantah tuduhan tersebut."]) == {0: {"named_official"}}


def test_anonymous_sources():
    t = types("Seorang pejabat senior, yang berbicara dengan syarat anonim, mengatakan Rusia membeli drone.",
              "Sumber itu mengklaim pengiriman dimulai pekan lalu.",
              "Pejabat Korea Selatan mengatakan ribuan tentara sudah tiba.",
              "Menurut dua orang yang mengetahui rencana itu, pembelian dibatalkan.")
    assert t == {0: {"anonymous"}, 1: {"anonymous"}, 2: {"anonymous"}, 3: {"anonymous"}}


def test_media_and_anonymous_in_one_sentence():
    t = types("Seorang pejabat pemerintah mengatakan kepada Reuters bahwa kapal itu berlabuh di Vladivostok.",
              "“Situasinya memburuk,” kata salah satu sumber, menurut Bloomberg.")
    assert t == {0: {"anonymous", "media"}, 1: {"anonymous", "media"}}


def test_institution_and_named_person_with_role():
    t = types("Kremlin menyatakan bahwa pembicaraan akan berlanjut.",
              "Juru bicara Kremlin Dmitry Peskov mengatakan Moskow tidak terlibat.",
              "Pemerintahan Biden mengonfirmasi pengiriman itu pekan lalu.")
    assert t == {0: {"institution"}, 1: {"named_official"}, 2: {"institution"}}


def test_expert_and_intelligence():
    t = types("Analis militer menilai serangan itu gagal.",
              "Menurut intelijen Ukraina, ribuan tentara dikirim ke Kursk.",
              "Hal itu terungkap dalam dokumen yang bocor.",
              "Badan Intelijen Nasional Korea Selatan menyatakan bahwa tentara telah tiba.")
    assert t == {0: {"expert"}, 1: {"intelligence"}, 2: {"intelligence"}, 3: {"intelligence"}}


def test_social_media_and_passive_agent():
    t = types("Zelensky mengatakan dalam unggahan di Telegram bahwa serangan berlanjut.",
              "Temuan itu pertama kali dilaporkan The New York Times.",
              "Wagner disebut membeli senjata dari Turki.")
    assert t == {0: {"named_official", "social_media"}, 1: {"media"}}


def test_quoted_cues_do_not_attribute():
    t = types(["“Menurut penilaian kami, pasukan itu tiba bulan lalu.", "Kami belum yakin,” kata Kirby."])
    assert t == {1: {"named_official"}}


def test_own_outlet_is_not_a_cited_medium():
    t = types("Seorang analis mengatakan kepada contoh-news.com bahwa pasokan menipis.", outlet="contoh-news.com")
    assert t == {0: {"expert"}}


def test_provenance_orders_citations_then_footer():
    p = run("Dilansir AP, Rusia membeli amunisi.", "Menurut Reuters, kapal itu tiba.",
            footer=["AFP", "Reuters"])["provenance"]
    assert list(p["via"]) == ["citation", "citation", "footer"]
    assert list(p["position"]) == [1, 2, 3]
    assert p["outlet"].iloc[2] == "AFP"


@pytest.mark.parametrize("sentence, expected", [
    ("CNN belum secara independen mengonfirmasi laporan itu.", {"unverified"}),
    ("Kami tidak dapat memverifikasi klaim tersebut.", {"unverified"}),
    ("Moskow membantah tuduhan itu.", {"denial"}),
    ("Para pejabat menolak klaim Barat.", {"denial"}),
    ("Juru bicara kementerian menolak berkomentar.", {"no_comment"}),
    ("Kedutaan tidak menanggapi permintaan komentar.", {"no_comment"}),
    ("Pejabat itu tidak merinci jumlahnya.", set()),
    ("Mereka enggan mengumumkan angka produksi.", set()),
])
def test_claim_markers(sentence, expected):
    assert {m for m, _ in sentence_markers(sentence, load_marker_patterns(LEX))} == expected


def test_marker_triggers_cover_every_alternative():
    """A pattern is tried only when a trigger occurs: some mandatory group must contain one in every branch."""
    import re
    for marker, triggers, pattern in load_marker_patterns(LEX):
        groups = [m.group(1).split("|") for m in re.finditer(r"\(\?:([^()]*)\)(?![?*])", pattern.pattern)]
        bare = re.sub(r"\(\?:[^()]*\)[?*]?|\\[a-z]\+?", " ", pattern.pattern)
        groups += [[word] for word in re.findall(r"[a-z]+", bare)]
        covered = [g for g in groups if all(any(t in word for t in triggers) for word in g)]
        assert covered, (marker, pattern.pattern, triggers)


def test_one_word_names_next_to_the_cue_are_people():
    t = types("Pembangunan itu, kata Ryamizard, akan menguntungkan Indonesia.",
              "Zulkifli menilai aturan itu perlu diubah.",
              "“Saya bangga,” kata Zedd lewat sebuah unggahan di Twitter.")
    assert t == {0: {"named_official"}, 1: {"named_official"}, 2: {"named_official", "social_media"}}


def test_former_needs_an_official_role_to_make_an_expert():
    t = types("Sharapova mundur dari turnamen itu, kata mantan juara itu pada Minggu.",
              "Mantan wakil kepala staf umum itu mengatakan serangan gagal.")
    assert t == {1: {"expert"}}


def test_media_after_the_named_source():
    t = types("“Kami yakin,” ujar Ahmad Subarjo, kepada Reuters, Selasa.",
              "“Pasukan maju,” kata Rami Abdel Rahman, dikutip AFP, Sabtu.")
    assert t == {0: {"named_official", "media"}, 1: {"named_official", "media"}}


def test_institution_source_is_the_subject_only():
    a = run("Kementerian Unifikasi Korea Selatan menyesalkan ancaman Korut dan menyatakan bahwa latihan rutin.")
    assert list(a["attributions"]["source"]) == ["Korea Selatan"]


def test_named_person_in_apposition_after_the_role():
    t = types("“Kami kecewa,” ujar kepala eksekutif FAW, Jonathan Ford.",
              "Sharapova, yang cedera di Stanford Classic, mengatakan ia mundur.")
    assert t == {0: {"named_official"}, 1: {"named_official"}}
    src = run("Sharapova, yang cedera di Stanford Classic, mengatakan ia mundur.")["attributions"]["source"]
    assert list(src) == ["Sharapova"]


def test_follow_ups_inherit_the_speaker_not_the_channel():
    t = types(["“Sangat disesalkan,” tulis Gerberg di akun Facebook miliknya.", "“Kami kecewa,” lanjutnya."])
    assert t == {0: {"named_official", "social_media"}, 1: {"named_official"}}


def test_a_sentence_initial_noun_with_a_relative_clause_is_not_a_name():
    assert types("Pria yang menjabat sebagai panglima itu menyatakan bahwa latihan berlanjut.",
                 "Sosok yang dikenal tegas itu mengatakan latihan berlanjut.") == {0: {"anonymous"}}  # unnamed role


# ---------------------------------------------------------------- fast paths give what the plain versions give

def test_tokenize_equals_filtering_every_token():
    """Tokenizing between quotes gives the tokens a whole-text scan keeps outside quotes."""
    from src.sourcing import TOKEN, quote_spans, tokenize

    def plain(text, quotes):
        tokens = [(s, e, "QUOTE") for s, e in quotes]
        tokens += [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)
                   if not any(s <= m.start() < e for s, e in quotes)]
        return sorted(tokens)

    for text in ["“Kami siap,” kata Kirby.", "kata“Ini”-nya, ujar dia", 'Ia berkata "tidak" lalu "ya',
                 "as.com’s d-2", "", "“", "tanpa kutipan sama sekali."]:
        for inside in (False, True):
            quotes = quote_spans(text, inside)[0]
            assert tokenize(text, quotes) == plain(text, quotes), (text, inside)


def test_quote_spans_equal_a_scan_of_every_quote_mark():
    """Skipping the regex scan for texts without quote marks gives the spans of the full scan."""
    import re
    from src.sourcing import CLOSE_QUOTES, OPEN_QUOTES, quote_spans

    def plain(text, inside):
        spans, start = [], 0 if inside else None
        for m in re.finditer(r'[“”"]', text):
            if start is not None and m.group() != OPEN_QUOTES:
                spans.append((start, m.start() + 1))
                start = None
            elif start is None and m.group() != CLOSE_QUOTES:
                start = m.start()
        return spans + ([(start, len(text))] if start is not None else []), start is not None

    for text in ["", "tanpa kutipan", "“Kami siap,” kata Kirby.", 'a "b" c "d', "”x“", "«bukan»"]:
        for inside in (False, True):
            assert quote_spans(text, inside) == plain(text, inside), (text, inside)


def test_last_token_reads_only_the_last_word():
    from src.sourcing import TOKEN, last_token
    for text in ["", "   ", "kata", "di  ", "menurut AS.", "a.b", "x a.b", "ke\u00a0", "pada (", "Rp1.000,-"]:
        words = TOKEN.findall(text)
        assert last_token(text) == (words[-1] if words else None), text


def test_phrases_found_per_article_equal_phrases_per_sentence():
    """One automaton pass over joined sentences finds what one pass per sentence finds."""
    from src.phrases import find_phrases, find_phrases_each, phrase_automaton
    automaton = phrase_automaton(["juru bicara", "kata", "di", "ujar", "ke", "σας"])
    articles = [["Ia bicara, kata juru", "bicara itu.", "", "İİ di sana, ujar", "kata-kata di", "juru bicara"],
                ["ΣΑΣ", "di", "ΣΑΣ ke", "x-di", "di-"], ["ΣΑΣ", "İ di ΣΑΣ"], ["Kata", "KATA\nDI"], [""], []]
    for texts in articles:
        assert find_phrases_each(automaton, texts) == [find_phrases(automaton, t) for t in texts], texts


def test_joined_lowered_equals_lowering_each_text():
    from src.phrases import SEPARATOR, joined_lowered, lowered
    for texts in [["ΟΔΟΣ", "ΣΑΣ x"], ["İstanbul", "ΟΔΟΣ"], ["a\nB", "C"], ["", ""], []]:
        lower, plain = joined_lowered(texts)
        assert lower == SEPARATOR.join(lowered(t) for t in texts), texts
        assert plain == (lower == SEPARATOR.join(t.lower() for t in texts)), texts


def test_one_scan_per_article_finds_cue_phrases_and_marker_triggers_of_each_sentence():
    """The joint cue/trigger pass gives find_phrases and trigger_words sentence by sentence."""
    from src.markers import trigger_words
    from src.phrases import find_phrases
    from src.sourcing_step import scan_article
    cue_automaton, patterns = load_vocabulary(LEX).cue_automaton, load_marker_patterns(LEX)
    articles = [["Moskow membantah tuduhan itu, kata Peskov.", "", "Ia MENOLAK berkomentar,” ujarnya.",
                 "tersebut menurut-nya belum dikonfirmasi"],
                ["KONFIRMASİ belum dikonfirmasi, katanya.", "Menurut İnterfax, tidak bisa dipastikan."],
                ["ΣΑΣ kata", "kata ΣΑΣ"], []]
    for texts in articles:
        cues, triggers = scan_article(texts, LEX)
        assert cues == [find_phrases(cue_automaton, t) for t in texts], texts
        assert triggers == [trigger_words(t, patterns) for t in texts], texts
    assert scan_article(articles[1], LEX)[1][0] == {"onfirmasi", "dikonfirmasi"}  # 'İ' lowers to two characters


def test_intel_triggers_cover_every_pattern():
    """Each sentence-level intel pattern holds a trigger word inside a literal word outside its groups."""
    import re
    vocab = load_vocabulary(LEX)
    for pattern in vocab.intel_res:
        bare = re.sub(r"\(\?:[^()]*\)[?*]?|\\[a-z]\+?", " ", pattern.pattern)  # groups and \b, \s+ dropped
        assert "|" not in bare and "(" not in bare, pattern.pattern
        words = re.findall(r"[a-z-]+", bare)
        assert any(t in word for word in words for t in vocab.intel_triggers), pattern.pattern


INTEL_TEXTS = ["Menurut laporan intelijen AS, pasukan tiba.", "Dokumen yang dibocorkan itu beredar.",
               "Badan mata-mata Inggris menyebut...", "Tidak ada apa-apa di sini.", "PEJABAT  INTELIJEN berkata",
               "“Ada dokumen rahasia,” katanya.", "laporan İNTELİJEN", "laporan ıntelıjen", "DO\u212aUMEN RAHASIA",
               "BOCORAN DOKUMEN", "intelijen", "dokumenter", "mata-mata", "MATA-MATA", "Mata\u2011mata", ""]


def test_intel_pre_check_holds_wherever_a_pattern_matches():
    """The pre-check never says no where a pattern matches, also where re folds non-ASCII letters (İ, ı, K)."""
    from src.sourcing import may_hold_intel
    vocab = load_vocabulary(LEX)
    matched = 0
    for text in INTEL_TEXTS:
        if any(p.search(text) for p in vocab.intel_res):
            matched += 1
            assert may_hold_intel(text, vocab), text
    assert matched == 11


def test_intel_pre_check_ascii_shortcut_equals_the_gate_regex():
    from src.sourcing import may_hold_intel
    vocab = load_vocabulary(LEX)
    for text in INTEL_TEXTS + ["INTELIJEN", "Intelijen", "dokUmen", "mata mata"]:
        assert may_hold_intel(text, vocab) == bool(vocab.intel_gate.search(text)), text


def test_within_picks_what_a_full_scan_picks_in_found_order():
    """within() bisects the sentence's elements by start; it must return exactly the elements a plain scan
    over [start, end) returns, in the order they were found (zero-length and overlapping elements included)."""
    import random

    from src.sourcing import Element, SentenceElements, within
    rng = random.Random(3)
    for _ in range(300):
        items = []
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(0, 60)
            items.append(Element(start, start + rng.randint(0, 8), rng.choice(["name", "actor_person", "outlet"]),
                                 rng.choice(["", "Budi Santoso", "place"])))
        elements = SentenceElements(items)
        for _ in range(10):
            start, end = sorted(rng.randint(0, 70) for _ in range(2))
            assert within(elements, start, end) == [e for e in items if e.start >= start and e.end <= end]
        assert elements.person_starts == {e.start for e in items if e.category == "actor_person"
                                          or (e.category == "name" and " " in e.detail and e.detail != "place")}


# ---------------------------------------------------------------- rules found on blind-annotated unseen articles

def test_cue_needing_a_complement_attributes_when_indonesian_drops_bahwa():
    t = types("Pemerintah Nepal menyatakan sedikitnya 33 warganya tewas dalam perang.",
              "Pentagon menyatakan tengah menyelidiki kebocoran dokumen itu.",
              "Kementerian Luar Negeri RI menyatakan Indonesia mengikuti perkembangan dengan cermat.",
              "Kementerian Pertahanan Ukraina mencatat sekitar separuh peluru berasal dari Korea Utara.",
              "Blinken menyampaikan hal itu dalam konferensi pers di London.")
    assert t == {0: {"institution"}, 1: {"institution"}, 2: {"institution"}, 3: {"institution"},
                 4: {"named_official"}}


def test_cue_needing_a_complement_still_attributes_nothing_without_one():
    assert types("Rusia menyatakan perang terhadap terorisme di kawasan itu.",
                 "Jepang menyampaikan bantuan kemanusiaan untuk Ukraina.",
                 "Pasukan Ukraina mencatat kemajuan di sekitar Kursk.",
                 "Rusia mengakui Krimea sebagai wilayahnya.") == {}


def test_role_word_inside_an_institution_name_is_part_of_it():
    t = types("Kepala Staf Gabungan Korea Selatan menyatakan Korut menembakkan beberapa rudal jelajah.")
    assert t == {0: {"institution"}}


def test_legal_basis_after_berdasarkan_or_menurut_is_no_source():
    assert types("Berdasarkan kesepakatan dengan junta Mali, pasukan Rusia akan menjaga tambang emas.",
                 "Pembatasan ekspor rudal Iran berdasarkan Resolusi Dewan Keamanan PBB No. 2231 berakhir.",
                 "Menurut pasal 4 perjanjian itu, kedua negara saling membantu.") == {}
    assert types("Berdasarkan data Kementerian Pertahanan Inggris, Rusia kehilangan ribuan tentara.") == {0: {"institution"}}


def test_negated_denial_is_no_denial_marker():
    patterns = load_marker_patterns(LEX)
    assert sentence_markers("Kremlin tidak membantah maupun mengonfirmasi kehadiran tentara Korut.", patterns) == []
    assert [m for m, _ in sentence_markers("Kremlin membantah kehadiran tentara Korut.", patterns)] == ["denial"]


def test_noun_with_demonstrative_refers_back_to_the_source_of_its_kind():
    t = types(["Hal itu terungkap dalam dokumen intelijen AS yang bocor dan dilaporkan The Washington Post.",
               "Dokumen itu juga menyebut Mesir akan memasok peluru artileri kepada Moskow.",
               "Menurut salah satu dokumen, Wagner berupaya menggoyang pemerintahan Chad.",
               "Menurut dokumen bertanggal 17 Februari tersebut, Sisi meminta produksi dirahasiakan."])
    assert t == {0: {"intelligence", "media"}, 1: {"intelligence"}, 2: {"intelligence"}, 3: {"intelligence"}}
    t = types(["Menurut NIS, lebih dari 10.000 tentara Korut kini berada di Rusia.",
               "Kirby mengatakan jumlahnya belum pasti.",
               "Lembaga itu juga memperkirakan Pyongyang mengirim 1,5 juta peluru."])
    assert t == {0: {"intelligence"}, 1: {"named_official"}, 2: {"intelligence"}}
    a = run(["Menurut NIS, tentara Korut berada di Rusia.", "Lembaga itu menambahkan, pasukan itu dirotasi."])
    assert a["attributions"].query("sentence_id == 1").start.tolist() == [-1]  # a reference, no offsets


def test_noun_with_demonstrative_without_an_earlier_source_of_its_kind_is_none():
    assert types("Dokumen itu juga menyebut Mesir akan memasok peluru artileri.",
                 "Penilaian itu juga menyebut rekening sejumlah perusahaan tambang emas.") == {}


def test_repeated_surname_keeps_the_type_it_was_introduced_with():
    t = types(["Alexander Gabuev, analis di Carnegie Endowment, menilai Beijing berhati-hati.",
               "“Komponen terus mengalir ke Moskow,” kata Gabuev.",
               "Pengamat hubungan internasional Universitas Indonesia, Rahmat Nugroho, menilai sikap itu tepat.",
               "Menurut Nugroho, Indonesia perlu mendorong penyelesaian damai.",
               "Menurut Lavrov, Barat memperpanjang perang."])
    assert t == {0: {"expert"}, 1: {"expert"}, 2: {"expert"}, 3: {"expert"}, 4: {"named_official"}}


def test_official_surname_stays_a_named_official():
    t = types(["Menteri Pertahanan AS Lloyd Austin dan seorang pejabat senior mengatakan pasukan tiba.",
               "“Kami melihat bukti itu,” kata Austin."])
    assert t[1] == {"named_official"}


def test_place_after_a_preposition_and_noun_with_demonstrative_are_no_names():
    assert types("Pemerintah di Bamako menepis tudingan bahwa petempur Rusia terlibat pelanggaran.") == {0: {"institution"}}
    assert types("Penilaian itu juga menyebut rekening perusahaan tambang emas di Sudan.") == {}


def test_name_in_apposition_after_menurut_and_a_role():
    a = run(["Menurut peneliti keamanan senior Kaspersky Lab, Seongsu Park, data pelanggan dicuri.",
             "Belajar dari kasus itu, menurut Seongsu, bukti harus dikumpulkan."])["attributions"]
    assert "Seongsu Park" in a.source.iloc[0]
    assert a.source_type.tolist() == ["expert", "expert"]


def test_passive_agent_chains_through_title_words_to_the_name():
    t = types("Kekhawatiran serupa disampaikan Menteri Pertahanan Korea Selatan Kim Yong-hyun dalam rapat di Seoul.")
    assert t == {0: {"named_official"}}
    assert types("Hal itu dikonfirmasi oleh Direktur Perlindungan Warga.") == {0: {"anonymous"}}


def test_news_agency_told_after_the_verb_is_media_but_reporters_are_not():
    assert types("Menteri Pertahanan Belarus Viktor Khrenin mengatakan kepada kantor berita BelTA bahwa "
                 "jumlah instruktur berkurang.") == {0: {"media", "named_official"}}
    assert types("Menteri Pertahanan Belarus Viktor Khrenin mengatakan kepada wartawan bahwa jumlahnya "
                 "berkurang.") == {0: {"named_official"}}


def test_think_tank_is_an_expert_source():
    assert types("Dalam laporannya, ISW menilai Teheran akan menerima bantuan dari Moskow.") == {0: {"expert"}}


def test_audience_after_kepada_is_not_the_source():
    assert types("Dalam pengarahan tertutup kepada anggota parlemen, NIS memperkirakan jumlah amunisi naik.") == \
        {0: {"intelligence"}}


def test_administration_qualifying_an_anonymous_official_is_no_institution():
    a = run("Seorang pejabat senior pemerintahan Biden yang tidak mau disebutkan namanya mengatakan kepada "
            "wartawan bahwa Washington menekan bank-bank.")["attributions"]
    assert a.source_type.tolist() == ["anonymous"]
    assert a.source.iloc[0].startswith("Seorang pejabat senior pemerintahan Biden")
    assert types("Pemerintahan Biden telah berulang kali menyatakan bahwa Korut memasok senjata.") == {0: {"institution"}}


def test_body_names_and_roles_inside_them():
    assert types("Dinas Penjaga Perbatasan Polandia mencatat lebih dari 19.000 percobaan.") == {0: {"institution"}}
    assert types("Kepala Dinas Tata Air Teguh Hendrawan mengatakan banjir surut.") == {0: {"named_official"}}
    assert types("Kepala Sekretaris Kabinet Yoshimasa Hayashi mengatakan Tokyo sangat prihatin.") == {0: {"named_official"}}
    t = types(["Menurut NIS, tentara Korut berada di Rusia.", "Lembaga itu juga memperkirakan Pyongyang mengirim peluru."])
    assert t == {0: {"intelligence"}, 1: {"intelligence"}}


def test_a_body_posting_is_still_the_body_but_bloggers_are_not_their_country():
    assert types("Kementerian Pertahanan Belarus sebelumnya, dalam unggahan di Telegram, menyebut instruktur Wagner "
                 "melatih pasukan.") == {0: {"institution", "social_media"}}
    assert types("Dalam unggahan di Telegram, sejumlah blogger militer Rusia memperkirakan 80 anggota Wagner tewas.") == \
        {0: {"social_media"}}


def test_follow_up_told_to_a_medium_and_apposition_role_after_kata():
    t = types(["Alexander Lukashenko mengatakan instruktur Wagner tetap di Belarus.",
               "“Mereka melatih tentara kita,” katanya kepada televisi pemerintah Belarus.",
               "“Kami tidak tahu,” katanya kepada wartawan."])
    assert t == {0: {"named_official"}, 1: {"media", "named_official"}, 2: {"named_official"}}
    assert types("“Mereka sudah memproduksi sendiri,” kata Daniel Hoffmann, analis lembaga think tank di Berlin.") == \
        {0: {"expert"}}


def test_decree_is_a_legal_basis_and_comma_clause_before_a_reference():
    assert types("Berdasarkan dekret yang ditandatangani Presiden Vladimir Putin, warga asing bisa menjadi warga negara.") == {}
    t = types(["Hal itu terungkap dalam dokumen intelijen AS yang bocor.",
               "Sisi lain, dokumen tersebut juga menyebut Kairo akan memasok peluru."])
    assert t == {0: {"intelligence"}, 1: {"intelligence"}}


def test_unnamed_intelligence_source_is_anonymous_too():
    assert types("Pengiriman itu diungkap oleh dua sumber intelijen Eropa pada awal September.") == \
        {0: {"anonymous", "intelligence"}}


def test_names_with_a_hyphenated_particle_and_full_names_as_sources():
    a = run(["Juru bicara Houthi, Abdullah al-Haimi, menepis laporan tersebut.",
             "Menteri Pertahanan Finlandia Antti Hakkanen menyampaikan penilaian serupa dalam konferensi pers.",
             "Di Kamerun, juru bicara pemerintah Joseph Mbarga menepis laporan itu."])["attributions"]
    assert a.source.tolist() == ["Abdullah al-Haimi", "Antti Hakkanen", "Joseph Mbarga"]
    assert set(a.source_type) == {"named_official"}


def test_adverb_tegas_is_no_cue_but_the_verb_after_it_is():
    assert types("Kairo dengan tegas membantah laporan tersebut.") == {0: {"institution"}}
    assert types("“Ini serius,” tegas Kirby.") == {0: {"named_official"}}


def test_more_ways_to_decline_comment():
    patterns = load_marker_patterns(LEX)
    for text in ["Hingga berita ini diturunkan, Gedung Putih belum memberikan tanggapan atas komentar itu.",
                 "Abu Zeid tidak menjawab pertanyaan mengenai permintaan itu."]:
        assert [m for m, _ in sentence_markers(text, patterns)] == ["no_comment"], text


def test_abbreviation_period_is_no_hard_stop_in_a_source_span():
    a = run("Pengamat militer yang juga mantan Kepala Staf TNI Angkatan Darat, Jend. (Purn.) Hartono Wirasakti, "
            "menilai pengiriman itu berbahaya.")["attributions"]
    assert a.source_type.tolist() == ["expert"] and a.source.iloc[0].startswith("Pengamat militer")


def test_unnamed_body_and_reporters_asking():
    assert types("Dalam pernyataan resminya, Departemen Keuangan menyebut 13 perusahaan terlibat.") == {0: {"institution"}}
    assert types("Dalam pernyataan tertulis, kedutaan menyebut tuduhan tersebut sebagai kampanye disinformasi.") == \
        {0: {"institution"}}
    assert types("Juru bicara Kremlin Dmitry Peskov, saat ditanya wartawan di Moskow, mengatakan hal itu.") == \
        {0: {"named_official"}}


def test_headline_verb_forms_of_denial():
    patterns = load_marker_patterns(LEX)
    assert types("Moskow bantah rekrut warga asing secara paksa") == {0: {"institution"}}
    assert [m for m, _ in sentence_markers("Moskow bantah rekrut warga asing secara paksa", patterns)] == ["denial"]


def test_time_phrase_ending_in_ini_is_no_reference_back():
    t = types(["Menurut NIS, tentara Korut tiba di Kursk.",
               "Badan Ekonomi Kreatif (Bekraf) hari ini mengumumkan lima startup lokal."])
    assert t == {0: {"intelligence"}, 1: {"institution"}}


def test_follow_up_after_a_relayed_quote_means_the_speaker_not_the_wire():
    t = types(["“Ini adalah serangan teror,” kata Soylu, dikutip AFP.",
               "Dia juga menambahkan, salah satu warga sipil terbunuh."])
    assert t == {0: {"media", "named_official"}, 1: {"named_official"}}


def test_withheld_name_is_no_negation_and_a_span_stops_at_the_next_cue():
    assert types("Seorang diplomat Uni Eropa yang enggan disebut namanya mengatakan kepada Tempo bahwa sanksi "
                 "akan menyasar.") == {0: {"anonymous", "media"}}
    a = run("Keputusan itu pertama kali dilaporkan The New York Times dan kemudian dikonfirmasi Reuters dari dua "
            "pejabat AS.")["attributions"]
    assert set(a.source) == {"The New York Times", "Reuters dari dua pejabat AS"}
    assert set(a.source_type) == {"media", "anonymous"}
    assert types("Sosok yang dikenal tegas itu mengatakan latihan berlanjut.") == {}


# ---------------------------------------------------------------- a review of the rules above on other news

def test_stances_results_and_titles_are_no_reported_content():
    assert types("Partai Golkar menyatakan dukungan kepada Jokowi.",
                 "Real Madrid mencatat 10 kemenangan beruntun.",
                 "Maverick Vinales mencatat 1 menit 43,407 detik.",
                 "Liverpool mencatat Clean Sheet pertama musim ini.") == {}
    assert types("Kementerian Pertahanan Ukraina mencatat 500 serangan drone pekan lalu.") == {0: {"institution"}}


def test_an_unknown_body_is_one_institution_named_whole():
    a = run("Menurut Badan Pusat Statistik (BPS), inflasi naik.")["attributions"]
    assert a.source.tolist() == ["Badan Pusat Statistik"] and a.source_type.tolist() == ["institution"]
    assert types("Dewan Pers mengatakan bahwa laporan itu melanggar kode etik.") == {0: {"institution"}}


def test_no_fallback_across_a_clause_of_another_speaker():
    assert types("Kirby berbicara di Washington, sementara korban selamat di Kharkiv mengatakan serangan itu brutal.") == {}


def test_a_surname_keeps_only_a_role_it_was_introduced_with():
    t = types(["“Kami siap,” kata Tito Karnavian usai dikukuhkan menjadi Guru Besar.", "Tito mengatakan polisi siaga."])
    assert t[1] == {"named_official"}


def test_a_report_mentioned_without_a_source_is_not_the_last_source():
    t = types(["Kemlu Rusia menyatakan bahwa pasukan tiba.", "Kementerian Pertahanan AS merilis laporan tahunan.",
               "Laporan itu menyebut Rusia kekurangan peluru.", "Salah satu laporan menyebutkan hal serupa."])
    assert t == {0: {"institution"}}


def test_held_out_i_j_cases():
    assert types("Seorang pejabat senior Negeri Ginseng, yang meminta namanya tidak disebutkan, mengatakan kepada "
                 "kantor berita Yonhap bahwa rudal itu buatan Korut.") == {0: {"anonymous", "media"}}
    assert types("Koalisi pemberontak CSP-DPA mengklaim menewaskan sedikitnya 47 tentara Mali.") == {0: {"institution"}}
    assert types("Menurut WHO, kasus itu meningkat.") == {0: {"institution"}}
    assert types("Situs berita Prancis Jeune Afrique melaporkan sekitar 100 personel tiba.") == {0: {"media"}}
    t = types(["Dilansir The Guardian, Iran mengirim peluru ke Rusia.",
               "Laporan itu juga menyebut sebagian amunisi diambil dari gudang IRGC."])
    assert t == {0: {"media"}, 1: {"media"}}


def test_held_out_k_cases():
    t = types(["Para pemimpin NATO dalam deklarasi KTT di Washington menyebut China sebagai penyokong utama.",
               "Deklarasi itu menyatakan bahwa Beijing mendukung basis industri pertahanan Rusia."])
    assert t[1] == {"institution"}
    assert types("Pyongyang menyatakan pengerahan itu dilakukan atas perintah Kim Jong Un.") == {0: {"institution"}}
