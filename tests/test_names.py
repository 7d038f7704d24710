"""Name candidates (src/names.py): capitalised runs, trimmed, outside lexicon matches."""
from src import names

SENTENCES = [
    "Jokowi bertemu Prabowo Subianto di Istana Bogor.",
    "“Kami menolak,” kata Menteri Luar Negeri Retno Marsudi.",
    "Sementara itu, PBB diam bersama Joko Santoso.",
    "  “Budi pergi.",
]


def found(text):
    return [name for _, _, name in names.name_candidates(text)]


def test_single_word_at_sentence_start_is_not_a_name():
    assert "Jokowi" not in found(SENTENCES[0])
    assert "Budi" not in found(SENTENCES[3])  # opening spaces and quote do not hide the sentence start
    assert "Prabowo Subianto" in found(SENTENCES[0])


def test_offsets_point_at_the_name():
    for sentence in SENTENCES:
        for start, end, name in names.name_candidates(sentence):
            assert sentence[start:end] == name


def test_names_outside_skips_matched_spans_and_keeps_offsets():
    text = SENTENCES[2]
    start = text.index("PBB")
    outside = names.names_outside(text, [(start, start + len("PBB"))])
    assert [n for _, _, n in outside] == ["Joko Santoso"]
    assert all(text[s:e] == n for s, e, n in outside)
    assert found(text) == ["PBB", "Joko Santoso"]


def test_mask_spans_keeps_offsets_and_handles_overlaps():
    text = "Korea Utara dan Rusia"
    masked = names.mask_spans(text, [(0, 11), (6, 11), (16, 21)])
    assert len(masked) == len(text)
    assert masked.strip() == "dan"
    assert names.mask_spans(text, []) == text


def test_hyphenated_particle_joins_a_name():
    from src.names import name_candidates
    found = [name for _, _, name in name_candidates("Ia bertemu Bashar al-Assad dan Abdullah al-Haimi di sana.")]
    assert found == ["Bashar al-Assad", "Abdullah al-Haimi"]
