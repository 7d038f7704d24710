"""Sentence segmentation: Indonesian edge cases and agreement with IndoSum's reference sentences."""
from __future__ import annotations

import json
import re

import pytest

from src import paths
from src.segment import boundary_agreement, segment, split_sentences

# Measured F1 on all 3,463 IndoSum articles when this floor was set: 0.995 (see README).
F1_FLOOR = 0.985


@pytest.mark.parametrize("paragraph,expected", [
    ("“A. B,” kata X.", ["“A.", "B,” kata X."]),
    ("Korut mengirim 3.000 tentara. Nilainya US$ 1,3 miliar atau 1,3 miliar dolar.",
     ["Korut mengirim 3.000 tentara.", "Nilainya US$ 1,3 miliar atau 1,3 miliar dolar."]),
    ("Ia bertemu dr. Budi di Jl. Sudirman No. 5 a.n. kantornya, dll. Lalu pulang.",
     ["Ia bertemu dr. Budi di Jl. Sudirman No. 5 a.n. kantornya, dll.", "Lalu pulang."]),
    ("Letjen. Ahmad dan Prof. Ir. Budi hadir. Mereka pulang.", ["Letjen. Ahmad dan Prof. Ir. Budi hadir.", "Mereka pulang."]),
    ("Ihor R. Romanenko mengatakan itu. Dia pulang.", ["Ihor R. Romanenko mengatakan itu.", "Dia pulang."]),
    ("Pengamat militer itu, Kol. (Purn.) Agus Wibowo, menilai Mesir sulit. Ia pulang.",
     ["Pengamat militer itu, Kol. (Purn.) Agus Wibowo, menilai Mesir sulit.", "Ia pulang."]),
    ("Kata dia kepada perak-news.com kemarin. Kompas.com juga menulis.",
     ["Kata dia kepada perak-news.com kemarin.", "Kompas.com juga menulis."]),
    ("Ia tiba. perak-news.com tidak dapat memverifikasi klaim itu.",
     ["Ia tiba.", "perak-news.com tidak dapat memverifikasi klaim itu."]),
    ("“Kami melihat bukti,” kata Austin. “Apa yang mereka lakukan masih harus diamati.”",
     ["“Kami melihat bukti,” kata Austin.", "“Apa yang mereka lakukan masih harus diamati.”"]),
    ("Dia berkata: “Ini serius. Sangat serius.” Lalu pergi.", ["Dia berkata: “Ini serius.", "Sangat serius.”", "Lalu pergi."]),
    ("“Apa?” tanya dia. Lalu diam.", ["“Apa?” tanya dia.", "Lalu diam."]),
    ("Mereka menunggu… Lalu datang.", ["Mereka menunggu…", "Lalu datang."]),
    ("teror. “ Saya tidak kenal dia.", ["teror.", "“ Saya tidak kenal dia."]),
    ("Pukul 04.28 WIB, Selasa (25/4). Gempa 5,1 SR terjadi.", ["Pukul 04.28 WIB, Selasa (25/4).", "Gempa 5,1 SR terjadi."]),
])
def test_split_sentences_edge_cases(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_sentences_are_exact_substrings():
    paragraph = "“Kami  melihat bukti,” kata Austin.   Lalu dia pergi."
    for sentence in split_sentences(paragraph):
        assert sentence in paragraph


def test_segment_ids():
    rows = segment("Satu. Dua.\nTiga.")
    assert rows == [(0, 0, "Satu."), (0, 1, "Dua."), (1, 2, "Tiga.")]


def test_indosum_boundary_agreement():
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for the agreement check; CI has it)")
    paragraphs = [p for line in paths.INDOSUM.open(encoding="utf-8") for p in json.loads(line)["sentences"]]
    hits, predicted, reference = boundary_agreement(paragraphs)
    precision, recall = hits / predicted, hits / reference
    f1 = 2 * precision * recall / (precision + recall)
    print(f"\nIndoSum sentence-boundary agreement over {len(paragraphs)} paragraphs: "
          f"precision {precision:.4f}, recall {recall:.4f}, F1 {f1:.4f}")
    assert f1 >= F1_FLOOR


TRICKY = [
    "Ia bertemu dr. Budi. lalu pulang.", "Tahun 2017. dan seterusnya.", "Tahun 2017. Lalu pulang.",
    "Huruf É. dan A. b. C. D.", "Apa?! Ya… tidak. Baik!!! Oke.", "Kata: “Pergi.” Dia pergi. (Ia pulang.) Selesai.",
    "Harga Rp. 5.000,- per kg. Murah.", "No. 5. ; lalu 3. , dan x_. y", "Ia ke Jl. Sudirman-Jkt. Lalu ...  pulang.. Ya.",
    "Ia berkata . Lalu diam .", "Dll. dsb. DKK. Etc. dan.", "“Apa?” tanya dia.\nBaris baru. lagi.",
]


@pytest.mark.parametrize("paragraph", TRICKY)
def test_fast_punkt_decisions_equal_nltk(paragraph):
    """The abbreviation-only shortcut gives nltk's own spans (a plain PunktSentenceTokenizer)."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from src.segment import tokenizer
    fast = tokenizer()
    plain = PunktSentenceTokenizer(fast._params, lang_vars=fast._lang_vars)
    assert list(fast.span_tokenize(paragraph)) == list(plain.span_tokenize(paragraph))


@pytest.mark.parametrize("paragraph", TRICKY + ["Ia membeli buku, pena, dll. Lalu pulang.", "dsb. Ya", "Itu dkk.  “Kami",
                                                 "DLL. Lalu", "xdll. Lalu", "dll.  lalu", "_dst. A", "etc.", "a.dkk. B"])
def test_final_abbreviation_check_equals_search(paragraph):
    from src.segment import _has_final_abbreviation, final_abbreviation_re
    assert _has_final_abbreviation(paragraph) == bool(final_abbreviation_re().search(paragraph))


CONTEXTS = ["dr. Budi", "dr. budi", "Budi. Lalu", "Budi. lalu", "2017. Lalu", "2017. dan", "A. b", "A. B", "É. dan", "x_. y",
            "Jl. Sudirman,", "kemarin. Ia,", "U.S. Army", "Rp. 5", "itu.  Dia", "dll. dan", "dkk. Ia", "Prof. Ir", "No. 5,"]


TOKENS = ["É.", "Ö.", "İ.", "ß.", "ſ.", "_.", "J.", "dr.", "Budi.", "2017.", "5.", "x.", "ab.", "...", "…", "?", "!",
          "Jl.", "U.S.", "a-dll.", "Rp."]
FOLLOWING = ["Budi", "budi", "Émile", "émile", "5", ",", ";", ".", "?", "“Kami", "(Ia", "_x", "İstanbul", "ß"]


@pytest.mark.parametrize("token", TOKENS)
def test_generated_contexts_equal_nltk(token):
    """Every token followed by every kind of next word: the shortcut decides as nltk's Punkt does."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from src.segment import tokenizer
    fast = tokenizer()
    plain = PunktSentenceTokenizer(fast._params, lang_vars=fast._lang_vars)
    for following in FOLLOWING:
        for context in (f"{token} {following}", f"Ia {token} {following} lagi"):
            assert fast.text_contains_sentbreak(context) == plain.text_contains_sentbreak(context), context
            assert list(fast.span_tokenize(context)) == list(plain.span_tokenize(context)), context


def test_non_ascii_initial_before_a_name_does_not_end_the_sentence():
    assert split_sentences("Ia bertemu É. Budi di sana.") == ["Ia bertemu É. Budi di sana."]


@pytest.mark.parametrize("context", CONTEXTS)
def test_plain_context_shortcut_equals_nltk(context):
    """A 'word. Word' context is decided without tokenizing it, as nltk's Punkt decides it."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from src.segment import tokenizer
    fast = tokenizer()
    plain = PunktSentenceTokenizer(fast._params, lang_vars=fast._lang_vars)
    assert fast.text_contains_sentbreak(context) == plain.text_contains_sentbreak(context)


def _articles():
    """IndoSum bodies (a slice) and the tricky paragraphs as one article."""
    bodies = ["\n".join(TRICKY + ["Baris tanpa titik", "Akhir. \"", "dll. Lalu pulang, dsb.", "Itu dkk.\n“Kami"])]
    if paths.INDOSUM.exists():
        with paths.INDOSUM.open(encoding="utf-8") as handle:
            bodies += [json.loads(line)["text"] for _, line in zip(range(300), handle)]
    return bodies


def test_whole_article_segmentation_equals_per_paragraph():
    """segment() searches each article once; it gives what splitting each paragraph on its own gives."""
    from src.segment import split_paragraphs
    for body in _articles():
        plain = [(p, sentence) for p, paragraph in enumerate(split_paragraphs(body)) for sentence in split_sentences(paragraph)]
        assert [(p, sentence) for p, _, sentence in segment(body)] == plain


def test_spans_in_equals_nltk_span_tokenize():
    """spans_in over a whole article equals a plain nltk Punkt on each paragraph."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from src.segment import _matches_by_paragraph, split_paragraphs, tokenizer
    fast = tokenizer()
    plain = PunktSentenceTokenizer(fast._params, lang_vars=fast._lang_vars)
    for body in _articles():
        paragraphs = split_paragraphs(body)
        text = "\n".join(paragraphs)
        bounds = [(sum(len(q) + 1 for q in paragraphs[:i]), sum(len(q) + 1 for q in paragraphs[:i]) + len(p))
                  for i, p in enumerate(paragraphs)]
        for paragraph, (start, end), matches in zip(paragraphs, bounds, _matches_by_paragraph(text, bounds)):
            ours = [(a - start, b - start) for a, b in fast.spans_in(text, start, end, matches)]
            assert ours == list(plain.span_tokenize(paragraph)), paragraph


@pytest.mark.parametrize("text", ["", "a", " ", "ab cd", "ab\tcd ef", "ab\ncd", "x \x0b y\x0cz", " lead", "trail ", "no\u00a0break"])
def test_last_whitespace_equals_nltk(text):
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from src.segment import _last_whitespace
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            index = PunktSentenceTokenizer()._get_last_whitespace_index(text[start:end])
            ours = _last_whitespace(text, start, end)
            assert (ours - start if ours > start else 0) == index, (text, start, end)


@pytest.mark.parametrize("paragraph", ['teror. “ Saya', 'kata "a" dan " b', "x ' y '", 'Ia. ‘ Ya', 'a "', ' “', 'abc.x lagi', 'dll. dan perak-news.com'])
def test_in_place_checks_equal_the_sliced_ones(paragraph):
    """_dangling_quote and the continuation pattern read offsets of the paragraph as they read a slice of it."""
    from src.segment import _CONTINUATION, _DANGLING_OPEN, _dangling_quote

    def sliced_dangling(sentence):
        match = _DANGLING_OPEN.search(sentence)
        if not match:
            return False
        quote = match.group(1)
        return quote in "\u201c\u2018" or sentence[: match.start(1)].count(quote) % 2 == 0

    for start in range(len(paragraph) + 1):
        for end in range(start, len(paragraph) + 1):
            assert _dangling_quote(paragraph, start, end) == sliced_dangling(paragraph[start:end]), (start, end)
            assert bool(_CONTINUATION.match(paragraph, start, end)) == bool(re.match("^" + _CONTINUATION.pattern, paragraph[start:end]))
