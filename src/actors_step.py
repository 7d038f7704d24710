"""Step 2: actor mentions, co-mentions and unknown names from the clean sentences."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from src import comention, names, paths, tables
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


def run(processed_dir: str | Path, lexicon_dir: str | Path = paths.LEXICON) -> dict[str, pd.DataFrame]:
    """Read sentences from processed_dir, write mentions/comentions/unknown_names there."""
    processed = paths.resolve(processed_dir)
    result = actor_tables(tables.read_table(processed, "sentences"), load_lexicon(str(paths.resolve(lexicon_dir))))
    for name, table in result.items():
        tables.write_table(table, processed, name)
    return result
