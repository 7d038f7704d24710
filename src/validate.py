"""Validation: score the pipeline's tables against hand-coded gold (docs/codebook.md section 7).

Every score is precision / recall / F1 micro-averaged over all gold articles (true positives,
false positives and false negatives summed first), with a per-article breakdown, Cohen's kappa
per source type, the cleaning checks, and every disagreement listed with its sentence.

    from src import validate
    result = validate.score_processed("data/processed", "data/gold")
    result["headline"]        # one row per score, with its threshold and pass/fail
"""
from __future__ import annotations

import math
import re
from itertools import combinations
from pathlib import Path

import pandas as pd

from src import gold as goldmod
from src import paths, tables

# The acceptance thresholds (F1) set in the actor and sourcing issues: the one place they live.
THRESHOLDS: dict[str, float] = {
    "sentence_countries": 0.95,
    "country_pairs": 0.95,
    "attribution_types": 0.90,
    "anonymous": 0.95,
    "claim_markers": 0.90,
}

SCORE_LABELS: dict[str, str] = {
    "sentence_countries": "countries per sentence",
    "country_pairs": "country pairs in one sentence",
    "article_countries": "countries per article",
    "persons": "persons per article",
    "organizations": "organizations per article",
    "attribution_types": "attribution types per sentence",
    "anonymous": "anonymous sources per sentence",
    "claim_markers": "claim markers per sentence",
}

PIPELINE_TABLES = ("articles", "sentences", "mentions", "attributions", "markers")
ANONYMOUS = "anonymous"
MATCHING = "sentence matching"
CLEANING = "cleaning"
DISAGREEMENT_COLUMNS = ["article_id", "sentence_id", "sentence", "hurts", "gold", "pipeline", "missing", "extra", "note"]
COUNT_COLUMNS = ["article_id", "score", "tp", "fp", "fn"]


# ---------------------------------------------------------------- arithmetic

def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (NaN where the denominator is zero)."""
    nan = float("nan")
    return {
        "precision": tp / (tp + fp) if tp + fp else nan,
        "recall": tp / (tp + fn) if tp + fn else nan,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else nan,
    }


def compare_sets(predicted, required, optional=()) -> tuple[int, int, int, set, set]:
    """(tp, fp, fn, missing, extra) of a predicted set against required items; optional items are never counted."""
    predicted, required, optional = set(predicted), set(required), set(optional)
    required -= optional
    extra = predicted - required - optional
    missing = required - predicted
    return len(predicted & required), len(extra), len(missing), missing, extra


def cohens_kappa(a, b) -> float:
    """Cohen's kappa of two raters' labels over the same items (NaN when undefined)."""
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"cohens_kappa: {len(a)} labels against {len(b)}")
    n = len(a)
    if n == 0:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b)) / n
    expected = sum((a.count(k) / n) * (b.count(k) / n) for k in set(a) | set(b))
    return float("nan") if expected == 1 else (observed - expected) / (1 - expected)


def joined(items) -> str:
    """Items as one sorted, comma-separated string (pairs as A-B)."""
    return ", ".join(sorted("-".join(i) if isinstance(i, tuple) else str(i) for i in items))


def country_pairs(countries) -> set[tuple[str, str]]:
    """All sorted pairs of distinct countries in a set."""
    return set(combinations(sorted(set(countries)), 2))


# ---------------------------------------------------------------- pipeline lookups

def sets_by_sentence(df: pd.DataFrame, column: str) -> dict[tuple[str, int], set]:
    """{(article_id, sentence_id): set of non-null values of `column`} from a pipeline table."""
    df = df.dropna(subset=[column])
    keys = zip(df["article_id"].astype(str), df["sentence_id"].astype(int), df[column])
    out: dict[tuple[str, int], set] = {}
    for article_id, sentence_id, value in keys:
        out.setdefault((article_id, sentence_id), set()).add(value)
    return out


def article_values(df: pd.DataFrame, article_id: str, column: str, sentence_ids=None, **where) -> set:
    """Distinct non-null values of `column` in one article (optionally some sentences, filtered by column=value)."""
    rows = df[df["article_id"].astype(str) == article_id]
    if sentence_ids is not None:
        rows = rows[rows["sentence_id"].astype(int).isin(list(sentence_ids))]
    for key, value in where.items():
        rows = rows[rows[key] == value]
    return set(rows[column].dropna())


# ---------------------------------------------------------------- matching gold texts to sentences

def find_sentences(text: str, sentences: pd.DataFrame) -> list[int]:
    """sentence_ids of the article sentences that contain `text` (whitespace-normalised, case-sensitive)."""
    needle = goldmod.normalise_space(text)
    return [int(sid) for sid, t in zip(sentences["sentence_id"], sentences["text"])
            if needle in goldmod.normalise_space(t)]


def merge_field(entries: list[dict], field: str):
    """Union of a field over gold entries; None when no entry coded it."""
    coded = [e[field] for e in entries if e[field] is not None]
    return None if not coded else sorted(set().union(*map(set, coded)))


def make_unit(article_id: str, sentence_id, text: str, entries: list[dict], note: str = "") -> dict:
    """One scoring unit: a pipeline sentence (or an unmatched gold text) with its merged gold codes."""
    required = merge_field(entries, "attribution")
    optional = set().union(*(set(e["optional"]) for e in entries)) - set(required or [])
    return {"article_id": article_id, "sentence_id": sentence_id, "text": text,
            "countries": merge_field(entries, "countries"), "attribution": required,
            "optional": sorted(optional), "markers": merge_field(entries, "markers"),
            "gold_texts": [e["text"] for e in entries], "note": note}


def match_article(gold: dict, sentences: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Scoring units and a matching record per gold text, for one article's pipeline sentences."""
    article_id = gold["id"]
    texts = dict(zip(sentences["sentence_id"].astype(int), sentences["text"]))
    by_sentence: dict[int, list[dict]] = {}
    units, records = [], []
    for entry in gold["sentences"]:
        found = find_sentences(entry["text"], sentences)
        records.append({"article_id": article_id, "gold_text": entry["text"], "matches": len(found),
                        "sentence_ids": found})
        if len(found) == 1:
            by_sentence.setdefault(found[0], []).append(entry)
        else:
            note = ("gold text matches no pipeline sentence" if not found
                    else f"gold text matches {len(found)} pipeline sentences {found}")
            units.append(make_unit(article_id, None, entry["text"], [entry], note))
    units += [make_unit(article_id, sid, texts[sid], entries) for sid, entries in sorted(by_sentence.items())]
    return units, records


# ---------------------------------------------------------------- per-sentence scores

def sentence_predictions(tabs: dict[str, pd.DataFrame]) -> dict[str, dict]:
    """Predicted sets per sentence for each per-sentence score."""
    return {
        "countries": sets_by_sentence(tabs["mentions"], "country"),
        "attribution": sets_by_sentence(tabs["attributions"], "source_type"),
        "markers": sets_by_sentence(tabs["markers"], "marker"),
    }


def sentence_score_specs(gold: dict) -> dict[str, tuple]:
    """score -> (gold field, function(unit) -> optional set, restriction set or None)."""
    optional_countries = set(gold["optional_countries"])
    return {
        "sentence_countries": ("countries", lambda u: optional_countries, None),
        "attribution_types": ("attribution", lambda u: set(u["optional"]), None),
        "anonymous": ("attribution", lambda u: set(u["optional"]), {ANONYMOUS}),
        "claim_markers": ("markers", lambda u: set(), None),
    }


def disagreement(unit: dict, hurts: str, gold_items, pipeline_items, missing, extra, note: str = "") -> dict:
    """One disagreement row."""
    return {"article_id": unit["article_id"], "sentence_id": unit["sentence_id"], "sentence": unit["text"],
            "hurts": hurts, "gold": joined(gold_items), "pipeline": joined(pipeline_items),
            "missing": joined(missing), "extra": joined(extra), "note": note or unit.get("note", "")}


def score_unit(unit: dict, score: str, spec: tuple, predicted: dict) -> tuple[dict, dict | None]:
    """Counts (and a disagreement row, or None) of one unit for one per-sentence score."""
    field, optional_of, restrict = spec
    key = (unit["article_id"], unit["sentence_id"])
    pred = set(predicted[field].get(key, set())) if unit["sentence_id"] is not None else set()
    required, optional = set(unit[field]), optional_of(unit)
    if restrict is not None:
        pred, required, optional = pred & restrict, required & restrict, optional & restrict
    tp, fp, fn, missing, extra = compare_sets(pred, required, optional)
    counts = {"article_id": unit["article_id"], "score": score, "tp": tp, "fp": fp, "fn": fn}
    shown_gold = sorted(required - optional) + [f"({o})" for o in sorted(optional & (pred | required))]
    row = disagreement(unit, score, shown_gold, pred, missing, extra) if fp or fn else None
    return counts, row


def score_sentences(gold: dict, units: list[dict], predicted: dict) -> tuple[list[dict], list[dict]]:
    """Per-sentence counts and disagreements of one article (units whose field was not coded are skipped)."""
    counts, rows = [], []
    for score, spec in sentence_score_specs(gold).items():
        for unit in units:
            if unit[spec[0]] is None:
                continue
            c, row = score_unit(unit, score, spec, predicted)
            counts.append(c)
            rows += [row] if row else []
    return counts, rows


# ---------------------------------------------------------------- article-level scores

def predicted_article_sets(gold: dict, tabs: dict, sentence_ids) -> dict[str, set]:
    """Predicted article-level sets: countries, sentence country pairs, persons, organizations."""
    mentions, article_id = tabs["mentions"], gold["id"]
    by_sentence = sets_by_sentence(mentions[mentions["article_id"].astype(str) == article_id], "country")
    if sentence_ids is not None:
        by_sentence = {k: v for k, v in by_sentence.items() if k[1] in set(sentence_ids)}
    return {
        "article_countries": set().union(*by_sentence.values()),
        "country_pairs": set().union(*(country_pairs(v) for v in by_sentence.values())),
        "persons": article_values(mentions, article_id, "actor_id", sentence_ids, actor_type="person"),
        "organizations": article_values(mentions, article_id, "actor_id", sentence_ids, actor_type="organization"),
    }


def gold_article_sets(gold: dict) -> dict[str, tuple[set, set]]:
    """Gold article-level sets as (required, optional)."""
    opt = set(gold["optional_countries"])
    return {
        "article_countries": (set(gold["countries"]), opt),
        "country_pairs": ({p for p in gold["sentence_country_pairs"] if not set(p) & opt}, set()),
        "persons": (set(gold["persons"]), set()),
        "organizations": (set(gold["organizations"]), set()),
    }


def drop_optional_pairs(pairs: set, optional_countries) -> set:
    """Pairs with no member among the optional countries."""
    return {p for p in pairs if not set(p) & set(optional_countries)}


def first_sentence_with_pair(gold: dict, tabs: dict, pair: tuple) -> str:
    """Text of the first pipeline sentence where both countries of `pair` are mentioned (for the listing)."""
    by_sentence = sets_by_sentence(tabs["mentions"][tabs["mentions"]["article_id"].astype(str) == gold["id"]], "country")
    sents = tabs["sentences"]
    for (_, sid), countries in sorted(by_sentence.items()):
        if set(pair) <= countries:
            hit = sents[(sents["article_id"].astype(str) == gold["id"]) & (sents["sentence_id"].astype(int) == sid)]
            return f"[{sid}] " + str(hit["text"].iloc[0]) if len(hit) else f"[{sid}]"
    return ""


def score_article_level(gold: dict, tabs: dict, units: list[dict]) -> tuple[list[dict], list[dict]]:
    """Article-level counts and disagreements (countries, pairs, persons, organizations)."""
    sentence_ids = ({u["sentence_id"] for u in units if u["sentence_id"] is not None}
                    if gold["coded_sentences_only"] else None)
    predicted = predicted_article_sets(gold, tabs, sentence_ids)
    predicted["country_pairs"] = drop_optional_pairs(predicted["country_pairs"], gold["optional_countries"])
    counts, rows = [], []
    for score, (required, optional) in gold_article_sets(gold).items():
        if score in gold["not_coded"]:
            continue
        tp, fp, fn, missing, extra = compare_sets(predicted[score], required, optional)
        counts.append({"article_id": gold["id"], "score": score, "tp": tp, "fp": fp, "fn": fn})
        if fp or fn:
            unit = {"article_id": gold["id"], "sentence_id": None, "text": "(whole article)", "note": ""}
            note = ("; ".join(f"{joined([p])} first in {first_sentence_with_pair(gold, tabs, p)}" for p in sorted(extra))
                    if score == "country_pairs" else "")
            rows.append(disagreement(unit, score, required, predicted[score] - set(optional), missing, extra, note))
    return counts, rows


# ---------------------------------------------------------------- kappa

def kappa_labels(units: list[dict], predicted: dict, source_type: str) -> tuple[list[bool], list[bool]]:
    """(gold, pipeline) binary labels for one source type over coded units where it is not optional."""
    g, p = [], []
    for u in units:
        if u["attribution"] is None or source_type in u["optional"]:
            continue
        pred = predicted["attribution"].get((u["article_id"], u["sentence_id"]), set()) if u["sentence_id"] is not None else set()
        g.append(source_type in u["attribution"])
        p.append(source_type in pred)
    return g, p


def kappa_row(name: str, g: list[bool], p: list[bool]) -> dict:
    """One row of the kappa table."""
    n = len(g)
    return {"source_type": name, "sentences": n, "gold_yes": sum(g), "pipeline_yes": sum(p),
            "both_yes": sum(a and b for a, b in zip(g, p)),
            "agreement": sum(a == b for a, b in zip(g, p)) / n if n else float("nan"),
            "kappa": cohens_kappa(g, p)}


def kappa_table(units: list[dict], predicted: dict) -> pd.DataFrame:
    """Cohen's kappa per source type, and pooled over all types."""
    rows, all_g, all_p = [], [], []
    for source_type in goldmod.SOURCE_TYPES:
        g, p = kappa_labels(units, predicted, source_type)
        rows.append(kappa_row(source_type, g, p))
        all_g += g
        all_p += p
    rows.append(kappa_row("all types (pooled)", all_g, all_p))
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- cleaning checks

def is_null(value) -> bool:
    """Whether a pipeline or gold value is missing (None, NaN, NA)."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def occurrences(pattern: str, text: str) -> int:
    """How often a gold string (or 're:' regex) occurs in a text; plain strings compare whitespace-normalised."""
    if pattern.startswith(goldmod.REGEX_PREFIX):
        return len(re.findall(pattern[len(goldmod.REGEX_PREFIX):], text))
    return goldmod.normalise_space(text).count(goldmod.normalise_space(pattern))


def check_row(article_id: str, check: str, expected: str, found: str, passed: bool) -> dict:
    """One cleaning check row."""
    return {"article_id": article_id, "check": check, "expected": expected, "found": found, "passed": bool(passed)}


def text_checks(gold: dict, text: str | None) -> list[dict]:
    """Boilerplate absent, keep present, once exactly once: one row per gold string."""
    rules = [("boilerplate", lambda n: n == 0, "absent"), ("keep", lambda n: n >= 1, "present"),
             ("once", lambda n: n == 1, "exactly once")]
    rows = []
    for check, ok, expected in rules:
        for s in gold[check]:
            n = None if text is None else occurrences(s, text)
            found = "article missing from pipeline" if n is None else f"{n} occurrence(s)"
            rows.append(check_row(gold["id"], f"{check}: {s}", expected, found, n is not None and ok(n)))
    return rows


def metadata_checks(gold: dict, article: dict | None) -> list[dict]:
    """One row per gold metadata field: equal to the pipeline's (gold null = pipeline null)."""
    rows = []
    for field, expected in gold["metadata"].items():
        found = None if article is None else article.get(field)
        same = (is_null(expected) and is_null(found)) or (
            not is_null(expected) and not is_null(found)
            and goldmod.normalise_space(expected) == goldmod.normalise_space(found))
        shown = "article missing from pipeline" if article is None else ("null" if is_null(found) else str(found))
        rows.append(check_row(gold["id"], f"metadata: {field}", "null" if is_null(expected) else str(expected),
                              shown, article is not None and same))
    return rows


def cleaning_checks(gold: dict, articles: pd.DataFrame) -> list[dict]:
    """All cleaning and metadata checks of one gold article."""
    hit = articles[articles["article_id"].astype(str) == gold["id"]]
    article = hit.iloc[0].to_dict() if len(hit) else None
    return text_checks(gold, None if article is None else str(article["text"])) + metadata_checks(gold, article)


def cleaning_disagreements(checks: list[dict]) -> list[dict]:
    """A disagreement row for every failed cleaning check."""
    return [{"article_id": c["article_id"], "sentence_id": None, "sentence": c["check"], "hurts": CLEANING,
             "gold": c["expected"], "pipeline": c["found"], "missing": "", "extra": "", "note": ""}
            for c in checks if not c["passed"]]


# ---------------------------------------------------------------- putting it together

def matching_disagreements(units: list[dict]) -> list[dict]:
    """A disagreement row for every gold text that matched no or several pipeline sentences."""
    return [{"article_id": u["article_id"], "sentence_id": None, "sentence": u["text"], "hurts": MATCHING,
             "gold": "one sentence containing this text", "pipeline": u["note"], "missing": "", "extra": "",
             "note": "its required items count as false negatives"} for u in units if u["sentence_id"] is None]


def totals(counts: pd.DataFrame) -> pd.DataFrame:
    """Micro-averaged P/R/F1 per score, with thresholds and pass/fail."""
    rows = []
    for score, label in SCORE_LABELS.items():
        c = counts[counts["score"] == score]
        tp, fp, fn = (int(c[k].sum()) for k in ("tp", "fp", "fn"))
        m = prf(tp, fp, fn)
        threshold = THRESHOLDS.get(score)
        passed = None if threshold is None else bool(not math.isnan(m["f1"]) and m["f1"] >= threshold)
        rows.append({"score": score, "label": label, "tp": tp, "fp": fp, "fn": fn, **m,
                     "threshold": threshold, "passed": passed})
    return pd.DataFrame(rows)


def per_article(counts: pd.DataFrame) -> pd.DataFrame:
    """Per-article counts with P/R/F1 per score."""
    if counts.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS + ["precision", "recall", "f1"])
    summed = counts.groupby(["article_id", "score"], sort=True)[["tp", "fp", "fn"]].sum().reset_index()
    metrics = pd.DataFrame([prf(*r) for r in summed[["tp", "fp", "fn"]].itertuples(index=False)])
    return pd.concat([summed, metrics], axis=1)


def article_tables(tabs: dict[str, pd.DataFrame], article_id: str) -> dict[str, pd.DataFrame]:
    """The rows of every pipeline table that belong to one article."""
    return {name: df[df["article_id"].astype(str) == article_id] for name, df in tabs.items()}


def score_tables(golds: dict[str, dict], tabs: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Score pipeline tables (articles, sentences, mentions, attributions, markers) against gold articles."""
    counts, rows, records, checks, all_units = [], [], [], [], []
    for article_id, gold in sorted(golds.items()):
        art = article_tables(tabs, article_id)
        units, recs = match_article(gold, art["sentences"])
        c1, r1 = score_sentences(gold, units, sentence_predictions(art))
        c2, r2 = score_article_level(gold, art, units)
        chk = cleaning_checks(gold, art["articles"])
        counts += c1 + c2
        rows += matching_disagreements(units) + r1 + r2 + cleaning_disagreements(chk)
        records += recs
        checks += chk
        all_units += units
    counts_df = pd.DataFrame(counts, columns=COUNT_COLUMNS)
    return {
        "headline": totals(counts_df),
        "per_article": per_article(counts_df),
        "kappa": kappa_table(all_units, sentence_predictions(tabs)),
        "cleaning": pd.DataFrame(checks, columns=["article_id", "check", "expected", "found", "passed"]),
        "disagreements": pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS),
        "matching": pd.DataFrame(records, columns=["article_id", "gold_text", "matches", "sentence_ids"]),
    }


def coverage(golds: dict[str, dict], articles: pd.DataFrame) -> pd.DataFrame:
    """Which articles have a gold file and which the pipeline produced."""
    pipeline_ids = set(articles["article_id"].astype(str))
    ids = sorted(pipeline_ids | set(golds))
    return pd.DataFrame({"article_id": ids, "in_gold": [i in golds for i in ids],
                         "in_pipeline": [i in pipeline_ids for i in ids]})


def read_pipeline_tables(processed_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The pipeline tables the validation needs, read from a processed directory."""
    return {name: tables.read_table(paths.resolve(processed_dir), name) for name in PIPELINE_TABLES}


def score_processed(processed_dir: str | Path, gold_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Score the tables in `processed_dir` against every gold file in `gold_dir` (articles without gold are not scored)."""
    golds = goldmod.load_gold_dir(paths.resolve(gold_dir))
    tabs = read_pipeline_tables(processed_dir)
    result = score_tables(golds, tabs)
    result["coverage"] = coverage(golds, tabs["articles"])
    return result


def failed_thresholds(headline: pd.DataFrame) -> pd.DataFrame:
    """Headline rows that have a threshold and do not reach it."""
    return headline[headline["passed"].eq(False)]


# ---------------------------------------------------------------- report helpers (notebook 04)

HEADLINE_NAMES = {
    "sentence_countries": "countries F1",
    "country_pairs": "country pairs F1",
    "attribution_types": "attribution types F1",
    "anonymous": "anonymous F1",
    "claim_markers": "claim markers F1",
}


def rounded(value: float, digits: int = 3):
    """A float rounded for display, or None when undefined."""
    return None if value is None or math.isnan(value) else round(float(value), digits)


def cleaning_passed(cleaning: pd.DataFrame) -> str:
    """'passed/total' of the cleaning and metadata checks."""
    return f"{int(cleaning['passed'].sum())}/{len(cleaning)}"


def pooled_kappa(kappa: pd.DataFrame) -> float:
    """Cohen's kappa pooled over all source types."""
    return float(kappa["kappa"].iloc[-1])


def headline_figures(result: dict[str, pd.DataFrame]) -> dict[str, object]:
    """The figures the index page shows for the validation report."""
    f1 = result["headline"].set_index("score")["f1"]
    figures = {label: rounded(f1[score]) for score, label in HEADLINE_NAMES.items()}
    figures["source-type kappa"] = rounded(pooled_kappa(result["kappa"]))
    figures["cleaning checks passed"] = cleaning_passed(result["cleaning"])
    return figures


def scored_articles(coverage_df: pd.DataFrame) -> dict[str, int]:
    """How many articles are gold-annotated, produced by the pipeline, both, or only one of them."""
    g, p = coverage_df["in_gold"], coverage_df["in_pipeline"]
    return {"gold": int(g.sum()), "scored": int((g & p).sum()), "gold_missing_from_pipeline": int((g & ~p).sum()),
            "pipeline_without_gold": int((p & ~g).sum())}


def findings_text(result: dict[str, pd.DataFrame]) -> str:
    """A one-paragraph summary of the validation, computed from the result."""
    head, n = result["headline"], scored_articles(result["coverage"])
    failed = head[head["passed"].eq(False)]
    status = ("every figure reaches its threshold" if failed.empty
              else "below threshold: " + ", ".join(f"{r.label} (F1 {rounded(r.f1)} < {r.threshold})"
                                                   for r in failed.itertuples()))
    text = (f"{n['scored']} of {n['gold']} gold-annotated articles scored; {status}. "
            f"Pooled source-type kappa {rounded(pooled_kappa(result['kappa']))}; "
            f"cleaning checks passed {cleaning_passed(result['cleaning'])}; "
            f"{len(result['disagreements'])} disagreements listed.")
    if n["scored"] == 0:
        text = (f"None of the {n['gold']} gold articles is in the processed tables: this gold folder does not "
                "annotate this corpus, so the figures below are not meaningful. " + text)
    return text


def summary_line(result: dict[str, pd.DataFrame]) -> str:
    """The one-line summary for the index page."""
    head, n = result["headline"], scored_articles(result["coverage"])
    if n["scored"] == 0:
        return f"None of the {n['gold']} gold-annotated articles is in the processed tables; nothing could be scored."
    failed = head[head["passed"].eq(False)]
    verdict = "all thresholds met" if failed.empty else f"{len(failed)} of {int(head['passed'].notna().sum())} thresholds missed"
    return f"Pipeline against hand coding on {n['scored']} gold-annotated article(s): {verdict}."


def headline_table(headline: pd.DataFrame) -> pd.DataFrame:
    """The headline scores laid out for reading."""
    out = headline[["label", "tp", "fp", "fn", "precision", "recall", "f1", "threshold", "passed"]].copy()
    out["passed"] = out["passed"].map({True: "pass", False: "FAIL"}).fillna("")
    return out.rename(columns={"label": "score"})


def f1_by_article(per_article_df: pd.DataFrame) -> pd.DataFrame:
    """Per-article F1, one column per score (blank where the article has nothing to score)."""
    wide = per_article_df.pivot(index="article_id", columns="score", values="f1")
    return wide.reindex(columns=[s for s in SCORE_LABELS if s in wide.columns])
