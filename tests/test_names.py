"""Name candidates (src/names.py): per sentence and counted over many sentences in one scan."""
from collections import Counter

from src import names

SENTENCES = [
    "Jokowi bertemu Prabowo Subianto di Istana Bogor.",
    "Kata Budi",
    "Santoso pergi ke Jakarta bersama Budi.",
    "“Kami menolak,” kata Menteri Luar Negeri Retno Marsudi.",
    "",
    "Sementara itu, PBB dan Uni Eropa diam.",
]


def test_single_word_at_sentence_start_is_not_a_name():
    found = [name for _, _, name in names.name_candidates(SENTENCES[0])]
    assert "Jokowi" not in found
    assert "Prabowo Subianto" in found


def test_offsets_point_at_the_name():
    for sentence in SENTENCES:
        for start, end, name in names.name_candidates(sentence):
            assert sentence[start:end] == name


def test_counting_over_sentences_equals_per_sentence_candidates():
    counts, first = names.count_names(SENTENCES)
    expected = Counter(name for s in SENTENCES for _, _, name in names.name_candidates(s))
    assert counts == expected
    assert "Budi Santoso" not in counts  # a run never crosses a sentence boundary
    for name, index in first.items():
        assert name in [n for _, _, n in names.name_candidates(SENTENCES[index])]
        assert all(name not in [n for _, _, n in names.name_candidates(s)] for s in SENTENCES[:index])


def test_mask_spans_keeps_offsets_and_handles_overlaps():
    text = "Korea Utara dan Rusia"
    masked = names.mask_spans(text, [(0, 11), (6, 11), (16, 21)])
    assert len(masked) == len(text)
    assert masked.strip() == "dan"
    assert names.mask_spans(text, []) == text
