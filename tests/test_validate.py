"""Unit tests of the scorer on small synthetic tables built here (no pipeline needed)."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from src import gold as goldmod
from src import tables, validate

SENTENCES = [
    "Kirby mengatakan Rusia membeli peluru dari Korea Utara.",        # 0
    "CNN belum secara independen mengonfirmasi dokumen itu.",         # 1
    "Turki dan\u00a0Mesir berdagang senjata di Roma.",                 # 2
    "Rusia membantah.",                                               # 3
    "Rusia membantah tuduhan itu lagi.",                              # 4
]


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A contract table with the given rows (unset columns are None)."""
    cols = list(tables.SCHEMAS[name])
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)


def mention(sid: int, actor_id: str, actor_type: str, country) -> dict:
    """A mention row in article a1."""
    return {"article_id": "a1", "paragraph_id": 0, "sentence_id": sid, "actor_id": actor_id,
            "actor_type": actor_type, "country": country}


def pipeline_tables() -> dict[str, pd.DataFrame]:
    """Synthetic pipeline output for one article a1."""
    return {
        "articles": frame("articles", [{"article_id": "a1", "title": "Judul", "outlet": None, "published": "2023-04-13",
                                        "text": "\n".join(SENTENCES) + "\nBaca Juga: x"}]),
        "sentences": frame("sentences", [{"article_id": "a1", "paragraph_id": 0, "sentence_id": i, "text": t}
                                         for i, t in enumerate(SENTENCES)]),
        "mentions": frame("mentions", [
            mention(0, "kirby", "person", "USA"), mention(0, "RUS", "country", "RUS"),
            mention(0, "PRK", "country", "PRK"), mention(2, "TUR", "country", "TUR"),
            mention(2, "EGY", "country", "EGY"), mention(2, "ITA", "country", "ITA"),
            mention(2, "nato", "organization", None), mention(3, "RUS", "country", "RUS"),
        ]),
        "attributions": frame("attributions", [
            {"article_id": "a1", "sentence_id": 0, "source_type": "named_official"},
            {"article_id": "a1", "sentence_id": 1, "source_type": "media"},
            {"article_id": "a1", "sentence_id": 1, "source_type": "anonymous"},
        ]),
        "markers": frame("markers", [{"article_id": "a1", "sentence_id": 1, "marker": "unverified"},
                                     {"article_id": "a1", "sentence_id": 3, "marker": "no_comment"}]),
    }


def sent(text, countries=(), attribution=(), optional=(), markers=()) -> dict:
    """A format (a) gold sentence."""
    return {"text": text, "countries": list(countries), "attribution": list(attribution),
            "optional": list(optional), "markers": list(markers)}


def gold_raw(**overrides) -> dict:
    """A format (a) gold file for a1; individual keys can be overridden."""
    raw = {
        "id": "a1", "title": "Judul", "published": "2023-04-13", "outlet": None,
        "countries": ["EGY", "PRK", "RUS", "TUR", "USA"], "optional_countries": ["ITA"],
        "sentence_country_pairs": [["PRK", "RUS"], ["PRK", "USA"], ["RUS", "USA"], ["EGY", "TUR"]],
        "persons": ["kirby"], "organizations": ["nato"],
        "sentences": [
            sent("Kirby mengatakan Rusia", ["PRK", "RUS", "USA"], ["named_official"]),
            sent("CNN belum secara independen", [], ["anonymous"], ["media"], ["unverified"]),
            sent("Turki dan Mesir berdagang", ["EGY", "TUR"]),
        ],
        "boilerplate": ["Baca Juga"], "keep": ["Kirby mengatakan"], "once": ["Rusia membantah"],
    }
    raw.update(overrides)
    return raw


def score(raw: dict, tabs=None) -> dict[str, pd.DataFrame]:
    """Score synthetic tables against one gold file."""
    return validate.score_tables({"a1": goldmod.normalise_gold(raw, "a1.json")}, tabs or pipeline_tables())


def headline(result, name: str) -> dict:
    """The headline row of one score as a dict."""
    return result["headline"].set_index("score").loc[name].to_dict()


def test_prf_from_counts():
    m = validate.prf(3, 1, 2)
    assert m["precision"] == pytest.approx(3 / 4)
    assert m["recall"] == pytest.approx(3 / 5)
    assert m["f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert math.isnan(validate.prf(0, 0, 0)["f1"])


def test_compare_sets_never_counts_optional_items():
    tp, fp, fn, missing, extra = validate.compare_sets({"a", "o", "x"}, {"a", "b"}, {"o"})
    assert (tp, fp, fn, missing, extra) == (1, 1, 1, {"b"}, {"x"})


def test_kappa_textbook_example():
    # Wikipedia "Cohen's kappa": 50 proposals, both yes 20, A yes/B no 5, A no/B yes 10, both no 15 -> 0.4
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert validate.cohens_kappa(a, b) == pytest.approx(0.4)


def test_kappa_edge_cases():
    assert validate.cohens_kappa([True, False], [True, False]) == pytest.approx(1.0)
    assert math.isnan(validate.cohens_kappa([True, True], [True, True]))
    assert math.isnan(validate.cohens_kappa([], []))
    with pytest.raises(ValueError):
        validate.cohens_kappa([True], [True, False])


def test_perfect_sentence_scores_on_matching_gold():
    r = score(gold_raw())
    for name in ("sentence_countries", "attribution_types", "anonymous", "claim_markers"):
        row = headline(r, name)
        assert row["fp"] == 0 and row["fn"] == 0, name
    assert headline(r, "sentence_countries")["tp"] == 5


def test_gold_text_matches_across_nbsp_and_spacing():
    r = score(gold_raw())
    m = r["matching"].set_index("gold_text")
    assert m.loc["Turki dan Mesir berdagang", "sentence_ids"] == [2]


def test_optional_country_excluded_from_both_sides():
    r = score(gold_raw(optional_countries=[]))
    row = headline(r, "sentence_countries")
    assert row["fp"] == 1  # ITA predicted in sentence 2, no longer optional
    dis = r["disagreements"]
    assert "ITA" in set(dis[dis["hurts"] == "sentence_countries"]["extra"])


def test_attribution_types_required_optional_and_anonymous():
    raw = gold_raw()
    raw["sentences"][1] = sent("CNN belum secara independen", [], ["intelligence"], ["media"], ["unverified"])
    r = score(raw)
    row = headline(r, "attribution_types")
    # sentence 1: predicted {media, anonymous}; required {intelligence}; media optional
    assert (row["tp"], row["fp"], row["fn"]) == (1, 1, 1)
    anon = headline(r, "anonymous")
    assert (anon["tp"], anon["fp"], anon["fn"]) == (0, 1, 0)


def test_claim_markers_false_negative_and_positive():
    raw = gold_raw()
    raw["sentences"].append(sent("Rusia membantah tuduhan", ["RUS"], markers=["denial"]))
    raw["sentences"].append(sent("Rusia membantah.", ["RUS"], markers=["denial"]))
    r = score(raw)
    row = headline(r, "claim_markers")
    assert (row["tp"], row["fp"], row["fn"]) == (1, 1, 2)


def test_sentence_pairs_only_within_one_sentence():
    r = score(gold_raw(sentence_country_pairs=[["PRK", "RUS"], ["EGY", "TUR"], ["RUS", "TUR"]]))
    row = headline(r, "country_pairs")
    # predicted: PRK-RUS, PRK-USA, RUS-USA (s0), EGY-TUR (s2); ITA pairs ignored; RUS-TUR never in one sentence
    assert (row["tp"], row["fp"], row["fn"]) == (2, 2, 1)


def test_article_countries_persons_organizations():
    r = score(gold_raw(persons=["kirby", "austin"], organizations=[]))
    assert headline(r, "article_countries")["f1"] == pytest.approx(1.0)
    p = headline(r, "persons")
    assert (p["tp"], p["fp"], p["fn"]) == (1, 0, 1)
    o = headline(r, "organizations")
    assert (o["tp"], o["fp"], o["fn"]) == (0, 1, 0)


def test_unmatched_gold_text_counts_required_items_as_missed():
    raw = gold_raw()
    raw["sentences"].append(sent("Kalimat yang tidak ada", ["UKR"], ["expert"], markers=["denial"]))
    r = score(raw)
    assert headline(r, "sentence_countries")["fn"] == 1
    assert headline(r, "attribution_types")["fn"] == 1
    assert headline(r, "claim_markers")["fn"] == 1
    dis = r["disagreements"]
    hit = dis[(dis["hurts"] == validate.MATCHING) & (dis["sentence"] == "Kalimat yang tidak ada")]
    assert len(hit) == 1 and "no pipeline sentence" in hit["pipeline"].iloc[0]


def test_ambiguous_gold_text_is_reported():
    raw = gold_raw()
    raw["sentences"].append(sent("Rusia membantah", ["RUS"]))
    r = score(raw)
    dis = r["disagreements"]
    hit = dis[(dis["hurts"] == validate.MATCHING) & (dis["sentence"] == "Rusia membantah")]
    assert len(hit) == 1 and "2 pipeline sentences" in hit["pipeline"].iloc[0]


def test_every_sentence_error_is_listed_with_its_sentence():
    tabs = pipeline_tables()
    tabs["attributions"] = tabs["attributions"].iloc[1:]  # drop named_official in sentence 0
    r = score(gold_raw(), tabs)
    dis = r["disagreements"]
    row = dis[dis["hurts"] == "attribution_types"].iloc[0]
    assert row["sentence_id"] == 0 and row["sentence"] == SENTENCES[0]
    assert row["missing"] == "named_official" and row["gold"] == "named_official"


def test_cleaning_checks_pass_and_fail():
    raw = gold_raw(boilerplate=["Baca Juga", "re:(?m)^\\s*A\\s*$"], keep=["Kirby mengatakan", "tidak ada"],
                   once=["Rusia membantah", "Rusia"], outlet="Kompas", title="Judul")
    r = score(raw)
    checks = r["cleaning"].set_index("check")["passed"].to_dict()
    assert checks["boilerplate: Baca Juga"] is False
    assert checks["boilerplate: re:(?m)^\\s*A\\s*$"] is True
    assert checks["keep: Kirby mengatakan"] is True and checks["keep: tidak ada"] is False
    assert checks["once: Rusia membantah"] is False  # occurs in sentences 3 and 4
    assert checks["metadata: title"] is True and checks["metadata: published"] is True
    assert checks["metadata: outlet"] is False  # pipeline null, gold Kompas
    failed = r["disagreements"][r["disagreements"]["hurts"] == validate.CLEANING]
    assert len(failed) == sum(not v for v in checks.values())


def test_gold_null_metadata_requires_pipeline_null():
    r = score(gold_raw(title=None))
    checks = r["cleaning"].set_index("check")["passed"].to_dict()
    assert checks["metadata: title"] is False


def test_article_missing_from_pipeline_fails_everything():
    raw = gold_raw(id="a2")
    r = validate.score_tables({"a2": goldmod.normalise_gold(raw, "a2.json")}, pipeline_tables())
    assert headline(r, "attribution_types")["fn"] == 2
    assert not r["cleaning"]["passed"].any()


def test_kappa_table_excludes_optional_and_pools():
    r = score(gold_raw())
    k = r["kappa"].set_index("source_type")
    assert k.loc["media", "sentences"] == 2  # sentence 1 has media optional
    assert k.loc["named_official", "kappa"] == pytest.approx(1.0)
    assert k.loc["all types (pooled)", "sentences"] == k.drop("all types (pooled)")["sentences"].sum()


def test_thresholds_decide_pass_fail():
    tabs = pipeline_tables()
    tabs["markers"] = tabs["markers"].iloc[:0]
    r = score(gold_raw(), tabs)
    row = headline(r, "claim_markers")
    assert row["threshold"] == validate.THRESHOLDS["claim_markers"] and row["passed"] is False
    assert "claim_markers" in set(validate.failed_thresholds(r["headline"])["score"])
    assert set(validate.THRESHOLDS) <= set(validate.SCORE_LABELS)


def test_per_article_breakdown_sums_to_headline():
    r = score(gold_raw(persons=["austin"]))
    per = r["per_article"].set_index("score")
    head = r["headline"].set_index("score")
    for name in per.index:
        assert per.loc[name, "fn"] == head.loc[name, "fn"]


def test_score_processed_reads_tables_and_gold(tmp_path):
    for name, df in pipeline_tables().items():
        tables.write_table(df, tmp_path / "processed", name)
    (tmp_path / "gold").mkdir()
    import json
    (tmp_path / "gold" / "a1.json").write_text(json.dumps(gold_raw()), encoding="utf-8")
    r = validate.score_processed(tmp_path / "processed", tmp_path / "gold")
    assert headline(r, "attribution_types")["f1"] == pytest.approx(1.0)
    assert r["coverage"]["in_gold"].tolist() == [True]


def test_score_processed_names_missing_table(tmp_path):
    tables.write_table(pipeline_tables()["articles"], tmp_path, "articles")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a1.json").write_text('{"id": "a1"}', encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="sentences"):
        validate.score_processed(tmp_path, tmp_path / "gold")


def test_report_helpers_summarise_the_result():
    tabs = pipeline_tables()
    tabs["markers"] = tabs["markers"].iloc[:0]
    r = score(gold_raw(), tabs)
    r["coverage"] = validate.coverage({"a1": None}, tabs["articles"])
    figures = validate.headline_figures(r)
    assert figures["claim markers F1"] == 0.0 and figures["countries F1"] == 1.0
    assert figures["cleaning checks passed"] == f"{int(r['cleaning']['passed'].sum())}/{len(r['cleaning'])}"
    assert "claim markers per sentence (F1 0.0 < 0.9)" in validate.findings_text(r)
    assert "1 of 5 thresholds missed" in validate.summary_line(r)
    assert list(validate.f1_by_article(r["per_article"]).columns)[:2] == ["sentence_countries", "country_pairs"]
    assert validate.headline_table(r["headline"]).set_index("score").loc["claim markers per sentence", "passed"] == "FAIL"


def test_report_helpers_say_when_gold_does_not_cover_the_corpus():
    raw = gold_raw(id="other")
    r = validate.score_tables({"other": goldmod.normalise_gold(raw, "other.json")}, pipeline_tables())
    r["coverage"] = validate.coverage({"other": None}, pipeline_tables()["articles"])
    assert validate.scored_articles(r["coverage"]) == {"gold": 1, "scored": 0, "gold_missing_from_pipeline": 1,
                                                       "pipeline_without_gold": 1}
    assert validate.findings_text(r).startswith("None of the 1 gold articles")
    assert "nothing could be scored" in validate.summary_line(r)


@pytest.mark.slow
def test_notebook_scores_synthetic_tables_and_publishes_headline(tmp_path):
    import json

    import papermill

    from src import paths, summaries
    for name, df in pipeline_tables().items():
        tables.write_table(df, tmp_path / "processed", name)
    (tmp_path / "gold").mkdir()
    sentences = gold_raw()["sentences"][:1] + [sent("Kalimat <b>palsu</b>", ["UKR"])]
    (tmp_path / "gold" / "a1.json").write_text(json.dumps(gold_raw(sentences=sentences)), encoding="utf-8")
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(paths.NOTEBOOKS / "04_validation.ipynb"), str(out), kernel_name="python3",
                               parameters={"processed_dir": str(tmp_path / "processed"),
                                           "gold_dir": str(tmp_path / "gold")},
                               cwd=str(paths.ROOT), progress_bar=False)
    record = summaries.read_summary(tmp_path / "processed", "04_validation")
    assert record["articles"] == 1 and record["headline"]["attribution types F1"] == 1.0
    assert record["headline"]["cleaning checks passed"] == "4/6"
    assert record["headline"]["countries F1"] == pytest.approx(2 * 3 / (2 * 3 + 1), abs=5e-4)  # UKR of the unmatched text missed
    text = out.read_text(encoding="utf-8")
    assert "once: Rusia membantah" in text  # the failed cleaning check is listed
    assert "Kalimat &amp;lt;b&amp;gt;palsu" in text or "Kalimat &lt;b&gt;palsu" in text
    assert "Kalimat <b>palsu" not in text.replace('\\"', '"')
