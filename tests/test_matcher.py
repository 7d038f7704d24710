"""Matcher rules from codebook section 3, on a small synthetic lexicon."""
from src.lexicon import BLOCK, OUTLET, Entry
from src.matcher import build_automaton, find_actor_matches, find_matches

ENTRIES = (
    Entry("Korea Utara", "PRK", "name", False),
    Entry("Korut", "PRK", "short_form", False),
    Entry("Korea Selatan", "KOR", "name", False),
    Entry("AS", "USA", "short_form", False),
    Entry("Washington", "USA", "capital", False),
    Entry("Departemen Luar Negeri AS", "us-state-dept", "name", False),
    Entry("Sisi", "sisi", "surname", True),
    Entry("el-Sisi", "sisi", "surname", False),
    Entry("Kim Jong-un", "kim-jong-un", "full_name", False),
    Entry("NATO", "nato", "acronym", False),
    Entry("Rusia", "RUS", "name", False),
    Entry("Ukraina", "UKR", "name", False),
    Entry("The Washington Post", "wapo", OUTLET, False),
    Entry("bahasa Inggris", BLOCK, "block", False),
    Entry("Inggris", "GBR", "name", False),
)
AUTOMATON = build_automaton(ENTRIES)


def ids(text):
    return [m.entry.actor_id for m in find_actor_matches(AUTOMATON, text)]


def test_short_uppercase_forms_are_case_sensitive():
    assert ids("Pejabat AS mengatakan") == ["USA"]
    assert ids("sebagai negara as yang As") == []


def test_common_word_names_need_their_capital_and_not_the_sentence_start():
    assert ids("dari sisi lain, Sisi setuju") == ["sisi"]
    assert ids("Sisi lain dari kebijakan itu") == []
    assert ids("“Sisi lain,” katanya") == []
    assert ids("Presiden Abdel Fattah el-Sisi") == ["sisi"]


def test_longest_match_wins():
    assert ids("Departemen Luar Negeri AS menyatakan") == ["us-state-dept"]
    assert ids("Korea Utara dan Korea Selatan") == ["PRK", "KOR"]


def test_word_boundaries_and_clitics():
    assert ids("sekutu NATO-nya") == ["nato"]
    assert ids("perang Rusia-Ukraina") == ["RUS", "UKR"]
    assert ids("anggota ASEAN dan NATOnya") == []
    assert ids("Korutan") == []


def test_outlets_and_blocked_phrases_yield_no_actor():
    assert ids("dilaporkan The Washington Post") == []
    assert ids("kekhawatiran di Washington") == ["USA"]
    assert ids("dalam bahasa Inggris") == []
    outlet = [m for m in find_matches(AUTOMATON, "kata The Washington Post") if not m.is_actor]
    assert [m.entry.actor_id for m in outlet] == ["wapo"]


def test_given_name_alone_is_not_a_person():
    assert ids("Menhan Kim Yong-hyun bertemu") == []
    assert ids("Kim Jong-un bertemu") == ["kim-jong-un"]


def test_all_caps_headline_variant():
    assert ids("RUSIA DAN KOREA UTARA") == ["RUS", "PRK"]


def test_offsets_point_at_the_surface():
    text = "Pasukan Korut tiba di Rusia."
    for m in find_actor_matches(AUTOMATON, text):
        assert text[m.start:m.end] in {"Korut", "Rusia"}


def test_block_ending_in_punctuation_needs_no_word_boundary_after_it():
    from src import paths
    from src.lexicon import load_lexicon
    from src.matcher import build_automaton, find_actor_matches
    automaton = build_automaton(load_lexicon(str(paths.LEXICON)).entries)
    assert find_actor_matches(automaton, "Ekspor turun menjadi sekitar US$1,6 miliar.") == []
    assert [m.entry.actor_id for m in find_actor_matches(automaton, "Pejabat US mengatakan hal itu.")] == ["USA"]


def test_review_cases_of_added_aliases():
    from src import paths
    from src.lexicon import load_lexicon
    from src.matcher import build_automaton, find_actor_matches
    automaton = build_automaton(load_lexicon(str(paths.LEXICON)).entries)
    ids = lambda text: [m.entry.actor_id for m in find_actor_matches(automaton, text)]  # noqa: E731
    assert ids("Ketua DPR AS Mike Johnson menolak paket bantuan.") == ["USA"]
    assert ids("Duda beranak dua itu menikah lagi.") == []
    assert ids("Penyanyi Park Jin-young merilis album baru.") == []
    assert ids("Maher al-Assad memimpin divisi itu.") == []
