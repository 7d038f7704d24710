"""Step 1 of the pipeline: raw inputs -> the tables articles, sentences, removed, problems.

    from src import clean_step
    tables = clean_step.run("data/raw", "data/processed")       # reads files, writes Parquet
    tables = clean_step.clean_records([{"id": "a1", "text": "..."}])  # in memory, no files
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict

import pandas as pd

from src import dates, dedup, paths, pool, segment, tables
from src.cleaning import clean_text
from src.decode import normalise_text
from src.ingest import Ingested, Problem, Record, read_inputs

TABLES = ("articles", "sentences", "removed", "problems")


def as_record(item: Record | Mapping) -> Record:
    """A Record from a Record or a mapping with `article_id` (or `id`) and `text`."""
    if isinstance(item, Record):
        return item
    fields = dict(item)
    article_id = fields.pop("article_id", None) or fields.pop("id", None)
    if article_id is None or fields.get("text") is None:
        raise ValueError(f"record needs an article_id/id and a text: {sorted(item)}")
    known = {k: fields[k] for k in Record.__dataclass_fields__ if k in fields}
    return Record(article_id=str(article_id), **known)


def _published(value: str | None, where: Problem, problems: list[Problem]) -> tuple[bool, str | None, str | None]:
    """(given, ISO date, partial date) for a metadata date; an unreadable one becomes a problem."""
    if value is None:
        return False, None, None
    parsed = dates.parse_date(value)
    if parsed is None:
        problems.append(Problem(where.source_file, where.row, f"unrecognised published date {value!r}: ignored"))
        return False, None, None
    return True, parsed.iso(), parsed.partial()


def clean_one(record: Record, override: Mapping[str, str], problems: list[Problem]) -> tuple[dict, list, list]:
    """(articles row, sentence rows, removed rows) for one record; metadata.csv > record fields > text."""
    cleaned = clean_text(normalise_text(record.text), override.get("title") or record.title)
    where = Problem(record.source_file, record.row, "")
    published, partial = cleaned.published, cleaned.published_partial
    for value in (record.published, override.get("published")):
        given, iso, part = _published(value, where, problems)
        if given:
            published, partial = iso, part
    body = "\n".join(cleaned.paragraphs)
    rows = segment.segment(body)
    if not rows:
        problems.append(Problem(record.source_file, record.row,
                                f"article {record.article_id!r}: no reporting left after cleaning"))
    article = {
        "article_id": record.article_id,
        "source_file": record.source_file,
        "title": cleaned.title,
        "outlet": override.get("outlet") or record.outlet or cleaned.outlet,
        "published": published,
        "published_partial": partial,
        "dateline": cleaned.dateline,
        "author": cleaned.author,
        "url": override.get("url") or record.url,
        "footer_sources": list(cleaned.footer_sources),
        "text": body,
        "n_paragraphs": len(cleaned.paragraphs),
        "n_sentences": len(rows),
        "duplicate_of": None,
        "similarity": None,
        "encoding": record.encoding,
    }
    sentences = [(record.article_id, p, s, text) for p, s, text in rows]
    removed = [(record.article_id, text, reason) for text, reason in cleaned.removed]
    return article, sentences, removed


def _frame(name: str, rows: list) -> pd.DataFrame:
    """A contract table from rows (dicts or tuples in contract column order)."""
    columns = list(tables.SCHEMAS[name])
    if not rows:
        return tables.empty_table(name)
    return pd.DataFrame(rows, columns=columns)


def _typed(articles: pd.DataFrame, sentences: pd.DataFrame, problems: pd.DataFrame) -> None:
    """Give integer/float columns stable dtypes (in place)."""
    for column in ("n_paragraphs", "n_sentences"):
        articles[column] = articles[column].astype("int64")
    articles["similarity"] = articles["similarity"].astype("float64")
    for column in ("paragraph_id", "sentence_id"):
        sentences[column] = sentences[column].astype("int64")
    problems["row"] = problems["row"].astype("Int64")


def clean_records(records: Iterable[Record | Mapping], overrides: Mapping[str, Mapping[str, str]] | None = None,
                  problems: Iterable[Problem] = (), near_duplicates: bool = True) -> dict[str, pd.DataFrame]:
    """Clean, segment and flag near-duplicates in memory; returns the four tables as DataFrames.

    near_duplicates=False leaves `duplicate_of`/`similarity` empty, for a chunk of a larger
    corpus whose near-duplicates are flagged once over all articles (flag_near_duplicates).
    """
    overrides = overrides or {}
    problem_list = list(problems)
    articles, sentences, removed = [], [], []
    for item in records:
        record = as_record(item)
        article, sentence_rows, removed_rows = clean_one(record, overrides.get(record.article_id, {}), problem_list)
        articles.append(article)
        sentences.extend(sentence_rows)
        removed.extend(removed_rows)
    out = {
        "articles": _frame("articles", articles),
        "sentences": _frame("sentences", sentences),
        "removed": _frame("removed", removed),
        "problems": _frame("problems", [asdict(p) for p in problem_list]),
    }
    _typed(out["articles"], out["sentences"], out["problems"])
    if near_duplicates:
        flag_near_duplicates(out["articles"])
    return out


def flag_near_duplicates(articles: pd.DataFrame, sets: list[dedup.Shingled] | None = None) -> pd.DataFrame:
    """Fill `duplicate_of` and `similarity` (in place) by comparing every article with the earlier ones.

    `sets` are the articles' shingle sets when already computed (dedup.ShingleCache, in table order).
    """
    ids = articles["article_id"].tolist()
    if sets is None:
        codes, distinct = pd.factorize(articles["text"], use_na_sentinel=False)  # each distinct text shingled once
        distinct_sets = dedup.shingle_sets(distinct)
        sets = [distinct_sets[code] for code in codes]
    assert len(sets) == len(ids), "one shingle set per article"
    found = dedup.near_duplicates(sets)
    articles["duplicate_of"] = pd.Series([None if j is None else ids[j] for j, _ in found], index=articles.index,
                                         dtype=None if any(j is not None for j, _ in found) else "object")
    articles["similarity"] = pd.Series([float("nan") if j is None else round(sim, 4) for j, sim in found],
                                       index=articles.index, dtype="float64")
    return articles


def chunk_overrides(chunk: list, overrides: Mapping) -> dict:
    """The metadata overrides that concern the records of one chunk."""
    if not overrides:
        return {}
    ids = {as_record(item).article_id for item in chunk}
    return {k: v for k, v in overrides.items() if k in ids}


def clean_chunk(records: list, overrides: Mapping) -> dict[str, pd.DataFrame]:
    """The four tables of one chunk of records, without near-duplicate flags (they need every article)."""
    return clean_records(records, overrides, near_duplicates=False)


def merge_clean(parts: dict[str, list[pd.DataFrame]], problems: Iterable[Problem] = (),
                shingle_sets: list[dedup.Shingled] | None = None) -> dict[str, pd.DataFrame]:
    """The four corpus tables from chunk tables in corpus order: stacked, near-duplicates flagged over all.

    `problems` (found before cleaning, e.g. by ingest) come first, as in clean_records.
    """
    parts["problems"].insert(0, clean_records([], problems=problems)["problems"])
    out = pool.concat_all(parts, TABLES)
    out["problems"]["row"] = out["problems"]["row"].astype("Int64")
    flag_near_duplicates(out["articles"], shingle_sets)
    return out


def clean_corpus(records: list, overrides: Mapping | None = None, problems: Iterable[Problem] = (),
                 workers: int | None = None, chunk_size: int | None = None) -> dict[str, pd.DataFrame]:
    """clean_records over chunks of records on every usable core (one process for a small corpus); the same tables."""
    overrides = overrides or {}
    n = pool.pool_size(len(records), workers)
    ids = [as_record(item).article_id for item in records] if n > 1 else []
    if n == 1 or len(set(ids)) < len(ids):  # repeated ids (src.ingest drops them): one process keeps its order
        return clean_records(records, overrides, problems)
    shingles = dedup.ShingleCache()  # shingled here as chunks arrive, while the workers go on
    size = chunk_size or pool.chunk_size_for(len(records), n)
    arguments = ((chunk, chunk_overrides(chunk, overrides)) for chunk in pool.chunked(records, size))
    parts = pool.gather(pool.ordered_map(clean_chunk, arguments, n),
                        lambda chunk: shingles.add(chunk["articles"]["text"].tolist()))
    return merge_clean(parts, problems, shingles.sets)


def run(raw_dir="data/raw", processed_dir="data/processed", workers: int | None = None) -> dict[str, pd.DataFrame]:
    """Read every input under raw_dir, clean it (on every usable core), and write the four tables to processed_dir."""
    ingested: Ingested = read_inputs(paths.resolve(raw_dir))
    result = clean_corpus(ingested.records, ingested.overrides, ingested.problems, workers)
    for name in TABLES:
        tables.write_table(result[name], paths.resolve(processed_dir), name)
    return result
