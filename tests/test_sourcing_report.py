"""The figures the sourcing report publishes, on hand-built tables."""
import pandas as pd

from src import sourcing_report as sr

ARTICLES = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["Kompas", "Kompas", None],
                         "footer_sources": [[], [], []]})
SENTENCES = pd.DataFrame({"article_id": ["a"] * 4 + ["b"] * 2 + ["c"] * 2,
                          "sentence_id": [0, 1, 2, 3, 0, 1, 0, 1], "text": list("abcdefgh")})
ATTRIBUTIONS = pd.DataFrame({
    "article_id": ["a", "a", "a", "b", "c"], "sentence_id": [0, 0, 2, 1, 1],
    "source": ["x"] * 5, "source_type": ["anonymous", "media", "named_official", "anonymous", "media"],
    "cue": ["kata"] * 5, "start": [0] * 5, "end": [1] * 5})
OUTLETS = pd.DataFrame({"name": ["Reuters", "Antara"], "indonesian": ["false", "true"]})
PROVENANCE = pd.DataFrame({"article_id": ["a", "a", "c"], "outlet": ["Antara", "Reuters", "Reuters"],
                           "via": ["citation", "citation", "footer"], "position": [1, 2, 1]})


def test_anonymous_share_counts_sentences_not_rows():
    t = sr.anonymous_share(ATTRIBUTIONS, SENTENCES, ARTICLES)
    assert t.loc["Kompas", "sentences"] == 6 and t.loc["Kompas", "attributed"] == 3
    assert t.loc["Kompas", "anonymous"] == 2
    assert t.loc["(all)", "anonymous_share_of_sentences"] == 2 / 8
    assert t.loc[sr.UNKNOWN_OUTLET, "anonymous"] == 0


def test_foreign_reliance_and_primary_source():
    r = sr.foreign_reliance(PROVENANCE, ARTICLES, OUTLETS)
    assert r.loc["Kompas", "citing_foreign_media"] == 1 and r.loc["Kompas", "share"] == 0.5
    cited = sr.cited_media(PROVENANCE, ARTICLES, OUTLETS)
    reuters = cited[(cited.cited == "Reuters") & (cited.citing == "Kompas")].iloc[0]
    assert reuters.foreign and reuters.primary == 0
    antara = cited[cited.cited == "Antara"].iloc[0]
    assert not antara.foreign and antara.primary == 1


def test_profile_and_evidence_keep_every_attribution():
    p = sr.profile(ATTRIBUTIONS, "article_id")
    assert p.loc["a", "anonymous"] == 1 and p.loc["a", "media"] == 1 and p.loc["c", "media"] == 1
    e = sr.evidence(ATTRIBUTIONS, SENTENCES)
    assert len(e) == len(ATTRIBUTIONS) and list(e.text[:3]) == ["a", "a", "c"]
