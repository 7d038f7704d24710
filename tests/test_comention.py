"""Co-mention counting and association (codebook section 4) on hand-built mentions."""
import math

import pandas as pd
import pytest

from src import comention


def make_mentions(rows):
    return pd.DataFrame(rows, columns=["article_id", "paragraph_id", "sentence_id", "actor_id", "country"])


SENTENCES = pd.DataFrame(
    [("a", 0, 0), ("a", 0, 1), ("a", 1, 2), ("b", 0, 0), ("b", 1, 1)],
    columns=["article_id", "paragraph_id", "sentence_id"])
MENTIONS = make_mentions([
    ("a", 0, 0, "kirby", "USA"), ("a", 0, 0, "PRK", "PRK"), ("a", 0, 0, "PRK", "PRK"),  # PRK twice
    ("a", 0, 1, "USA", "USA"), ("a", 0, 1, "kirby", "USA"),
    ("a", 1, 2, "PRK", "PRK"),
    ("b", 0, 0, "kirby", "USA"), ("b", 0, 0, "PRK", "PRK"),
    ("b", 1, 1, "nato", None),
])


def table(level, window):
    t = comention.all_comentions(MENTIONS, SENTENCES)
    t = t[(t.level == level) & (t.window == window)]
    return {(r.actor_a, r.actor_b): r for r in t.itertuples()}


def test_pair_counts_windows_not_mention_products():
    t = table("actor", "sentence")
    assert t[("PRK", "kirby")].windows == 2          # a/0 and b/0, although PRK is named twice in a/0
    assert t[("PRK", "kirby")].articles == 2
    assert t[("USA", "kirby")].windows == 1


def test_no_self_pairs_and_unordered():
    t = table("country", "sentence")
    assert all(a < b for a, b in t)
    assert ("USA", "USA") not in t
    assert t[("PRK", "USA")].windows == 2            # kirby rolls up to USA


def test_windows_widen():
    assert table("actor", "paragraph")[("PRK", "USA")].windows == 1
    assert table("actor", "article")[("PRK", "nato")].windows == 1
    assert ("PRK", "nato") not in table("actor", "paragraph")


def test_international_bodies_drop_out_at_country_level():
    assert not any("nato" in pair for pair in table("country", "article"))


def test_pmi_and_llr_follow_their_definitions():
    r = table("actor", "sentence")[("PRK", "kirby")]
    n, n_ab, n_a, n_b = 5, 2, 3, 3                   # 5 sentences; PRK in 3, kirby in 3
    assert r.pmi == pytest.approx(math.log2(n * n_ab / (n_a * n_b)))
    # Dunning's G2 computed from the 2x2 table by hand
    obs = [n_ab, n_a - n_ab, n_b - n_ab, n - n_a - n_b + n_ab]
    exp = [n_a * n_b / n, n_a * (n - n_b) / n, (n - n_a) * n_b / n, (n - n_a) * (n - n_b) / n]
    g2 = 2 * sum(o * math.log(o / e) for o, e in zip(obs, exp) if o)
    assert r.llr == pytest.approx(g2)


def test_pair_sentences_trace_back():
    sents = SENTENCES.assign(text=["s0", "s1", "s2", "t0", "t1"])
    rows = comention.pair_sentences(MENTIONS, sents, "PRK", "kirby")
    assert list(zip(rows.article_id, rows.sentence_id)) == [("a", 0), ("b", 0)]


@pytest.mark.parametrize("window, expected", [("sentence", [("a", 1)]),  # the one sentence naming both
                                              ("paragraph", [("a", 0), ("a", 1)]),  # b names kirby only
                                              ("article", [("a", 0), ("a", 1)])])
def test_pair_sentences_read_given_window_sets_like_their_own(window, expected):
    sents = SENTENCES.assign(text=["s0", "s1", "s2", "t0", "t1"])
    sets = comention.window_sets(MENTIONS, "actor", window)
    given = comention.pair_sentences(MENTIONS, sents, "kirby", "USA", "actor", window, sets)
    pd.testing.assert_frame_equal(given, comention.pair_sentences(MENTIONS, sents, "kirby", "USA", "actor", window))
    assert list(zip(given.article_id, given.sentence_id)) == expected


def test_unknown_window_is_rejected():
    with pytest.raises(ValueError, match="window"):
        comention.count_windows(SENTENCES, "page")


def test_counts_of_disjoint_articles_add_up_to_the_whole():
    parts = [comention.window_counts(MENTIONS[MENTIONS.article_id == a], SENTENCES[SENTENCES.article_id == a])
             for a in ("a", "b")]
    added = comention.comentions_from_counts(comention.add_counts(parts))
    whole = comention.all_comentions(MENTIONS, SENTENCES)
    pd.testing.assert_frame_equal(added, whole)
    sentence_pairs = whole[(whole.level == "actor") & (whole.window == "sentence")]
    assert len(sentence_pairs) == 2 and sentence_pairs.windows.sum() == 3  # PRK-kirby twice, USA-kirby once


def test_missing_countries_drop_out_with_nullable_strings():
    nullable = MENTIONS.astype({"country": "string"})
    assert nullable["country"].isna().any()
    pd.testing.assert_frame_equal(comention.all_comentions(nullable, SENTENCES), comention.all_comentions(MENTIONS, SENTENCES))
