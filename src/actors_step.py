"""Step 2: actor mentions, co-mentions and unknown names from the clean sentences."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from src import comention, names, paths, pool, tables
from src.lexicon import Lexicon, load_lexicon
from src.matcher import build_automaton, find_matches

MENTION_COLUMNS = list(tables.SCHEMAS["mentions"])


@lru_cache(maxsize=4)
def actor_info(lexicon: Lexicon) -> dict[str, tuple[str, str, str | None]]:
    """actor_id -> (display name, actor_type, country)."""
    a = lexicon.actors
    return dict(zip(a["actor_id"], zip(a["actor"], a["actor_type"], a["country"])))


def columns(table: pd.DataFrame, *names: str) -> list[list]:
    """The named columns as plain Python lists (iterating Arrow-backed columns is slow)."""
    return [table[name].tolist() for name in names]


def sentence_matches(automaton, sentences: pd.DataFrame) -> list[list]:
    """All matches (actors, outlets, blocks) per sentence, in table order."""
    return [find_matches(automaton, text) for text in sentences["text"].tolist()]


def mentions_table(sentences: pd.DataFrame, matches: list[list], info: dict) -> pd.DataFrame:
    """One row per actor mention: ids, actor attributes, surface and offsets in the sentence."""
    rows = []
    for article_id, paragraph_id, sentence_id, text, found in zip(
            *columns(sentences, "article_id", "paragraph_id", "sentence_id", "text"), matches):
        for m in found:
            if m.is_actor:
                name, actor_type, country = info[m.entry.actor_id]
                rows.append((article_id, paragraph_id, sentence_id, m.entry.actor_id, name, actor_type,
                             country, text[m.start:m.end], m.start, m.end))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def sentence_names(sentences: pd.DataFrame, matches: list[list]) -> list[list[tuple[int, int, str]]]:
    """Per sentence: the capitalised name candidates outside every lexicon match (actors, outlets, blocks)."""
    return [names.names_outside(text, [(m.start, m.end) for m in found])
            for text, found in zip(sentences["text"].tolist(), matches)]


def unknown_names_table(sentences: pd.DataFrame, candidates: list[list[tuple[int, int, str]]]) -> pd.DataFrame:
    """Name candidates counted over all sentences, each with its first example."""
    counts, first = Counter(), {}
    for article_id, text, found in zip(*columns(sentences, "article_id", "text"), candidates):
        for _, _, name in found:
            counts[name] += 1
            if name not in first:
                first[name] = (article_id, text)
    return names_table(counts, first)


def names_table(counts: Counter, first: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The unknown_names table from counts and first examples (article_id, sentence): most frequent first."""
    rows = [(n, c, *first[n]) for n, c in counts.items()]
    table = pd.DataFrame(rows, columns=list(tables.SCHEMAS["unknown_names"]))
    table["count"] = table["count"].astype("int64")
    return table.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)


def sentence_finds(sentences: pd.DataFrame, lexicon: Lexicon) -> tuple[list[list], list[list]]:
    """(lexicon matches, name candidates outside them) of every sentence, in table order."""
    matches = sentence_matches(build_automaton(lexicon.entries), sentences)
    return matches, sentence_names(sentences, matches)


def actor_tables(sentences: pd.DataFrame, lexicon: Lexicon, finds: tuple[list, list] | None = None) -> dict[str, pd.DataFrame]:
    """mentions, comentions and unknown_names for a sentences table (finds: its sentence_finds, if known)."""
    matches, candidates = finds or sentence_finds(sentences, lexicon)
    mentions = mentions_table(sentences, matches, actor_info(lexicon))
    return {
        "mentions": mentions,
        "comentions": comention.all_comentions(mentions, sentences),
        "unknown_names": unknown_names_table(sentences, candidates),
    }


def chunk_actor_tables(sentences: pd.DataFrame, lexicon: Lexicon, finds: tuple[list, list]) -> dict[str, pd.DataFrame]:
    """A chunk's mentions and unknown names, and under `comention_counts` its additive co-mention counts."""
    mentions = mentions_table(sentences, finds[0], actor_info(lexicon))
    return {"mentions": mentions, "unknown_names": unknown_names_table(sentences, finds[1]),
            "comention_counts": comention.window_counts(mentions, sentences)}


def actor_chunk(sentences: pd.DataFrame, lexicon_dir: str) -> dict[str, pd.DataFrame]:
    """chunk_actor_tables of a chunk of whole articles (a pool task)."""
    lexicon = load_lexicon(lexicon_dir)
    return chunk_actor_tables(sentences, lexicon, sentence_finds(sentences, lexicon))


class NameTally:
    """Unknown-name counts summed over chunks as they arrive, the first example in corpus order kept
    (so the parent never holds every chunk's example sentences)."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.first: dict[str, tuple[str, str]] = {}

    def add(self, table: pd.DataFrame) -> None:
        """Add one chunk's unknown_names table (chunks in corpus order)."""
        columns = [table[c].tolist() for c in ("name", "count", "example_article_id", "example_sentence")]
        for name, count, article_id, sentence in zip(*columns):
            self.counts[name] += count
            if name not in self.first:
                self.first[name] = (article_id, sentence)

    def table(self) -> pd.DataFrame:
        """The corpus unknown_names table."""
        return names_table(self.counts, self.first)


def merge_actor_parts(parts: dict[str, list[pd.DataFrame]], unknown_names: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """mentions, comentions and unknown_names of the corpus from chunk tables in corpus order
    (`unknown_names` already tallied over the chunks, NameTally)."""
    counts = comention.add_counts(parts.pop("comention_counts"))
    return {"mentions": pool.concat_all(parts, ["mentions"])["mentions"],
            "comentions": comention.comentions_from_counts(counts), "unknown_names": unknown_names}


def pooled_actor_tables(sentences: pd.DataFrame, lexicon_dir: str, workers: int | None = None,
                        chunk_size: int | None = None) -> dict[str, pd.DataFrame]:
    """actor_tables over chunks of articles on every usable core (one process for a small corpus); the same tables."""
    lexicon = load_lexicon(lexicon_dir)
    in_order = sentences["article_id"].tolist()
    article_ids = list(dict.fromkeys(in_order))
    n = pool.pool_size(len(article_ids), workers)
    if n == 1 or not pool.grouped_by_article(in_order):
        return actor_tables(sentences, lexicon)
    build_automaton(lexicon.entries)  # compiled before forking, so the workers inherit it
    chunks = pool.article_chunks(article_ids, sentences, chunk_size or pool.chunk_size_for(len(article_ids), n))
    tally = NameTally()
    parts = pool.gather(pool.ordered_map(actor_chunk, ((rows, lexicon_dir) for _, rows in chunks), n),
                        lambda chunk: tally.add(chunk.pop("unknown_names")))
    return merge_actor_parts(parts, tally.table())


def run(processed_dir: str | Path, lexicon_dir: str | Path = paths.LEXICON, workers: int | None = None) -> dict[str, pd.DataFrame]:
    """Read sentences from processed_dir, write mentions/comentions/unknown_names there (on every usable core)."""
    processed = paths.resolve(processed_dir)
    result = pooled_actor_tables(tables.read_table(processed, "sentences"), str(paths.resolve(lexicon_dir)), workers)
    for name, table in result.items():
        tables.write_table(table, processed, name)
    return result
