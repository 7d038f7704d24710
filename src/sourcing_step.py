"""Step 3: attributions, claim markers and provenance from the clean sentences."""
from __future__ import annotations

from functools import lru_cache
from itertools import groupby, repeat
from operator import itemgetter
from pathlib import Path

import pandas as pd

from src import paths, pool, tables
from src.lexicon import Lexicon, load_lexicon
from src.markers import load_marker_patterns, marker_rows, trigger_words
from src.matcher import build_automaton
from src.phrases import joined_lowered, phrase_automaton, phrases_per_text, text_starts, words_per_text
from src.provenance import provenance_table
from src.sourcing import article_attributions, load_vocabulary

ATTRIBUTION_COLUMNS = list(tables.SCHEMAS["attributions"])


@lru_cache(maxsize=4)
def actor_roles(lexicon: Lexicon) -> dict[str, tuple[str, str]]:
    """actor_id -> (actor_type, role) for typing sources."""
    a = lexicon.actors
    return dict(zip(a["actor_id"], zip(a["actor_type"], a["role"])))


@lru_cache(maxsize=4)
def outlet_names(lexicon: Lexicon) -> dict[str, str]:
    """outlet_id -> display name."""
    return dict(zip(lexicon.outlets["outlet_id"], lexicon.outlets["name"]))


@lru_cache(maxsize=4)
def article_automaton(lexicon_dir: str) -> tuple[object, frozenset[str]]:
    """One automaton over the cue phrases and the marker trigger words (returned too): one pass finds both."""
    triggers = frozenset(word for _, words, _ in load_marker_patterns(lexicon_dir) for word in words)
    return phrase_automaton([*load_vocabulary(lexicon_dir).cues, *triggers]), triggers


def scan_article(texts: list[str], lexicon_dir: str) -> tuple[list[list], list[set[str]]]:
    """Cue phrases (phrases.find_phrases) and marker trigger words (markers.trigger_words) of each text.

    Both come from one automaton pass over the article's joined lowered text. Trigger words are
    read there when that text is the sentences' str.lower() joined, else sentence by sentence.
    """
    automaton, triggers = article_automaton(lexicon_dir)
    cues = load_vocabulary(lexicon_dir).cues
    lower, plain = joined_lowered(texts)
    starts, hits = text_starts(texts), list(automaton.iter(lower))
    cue_phrases = phrases_per_text(lower, starts, [h for h in hits if h[1][1] in cues])
    if not plain:
        return cue_phrases, [trigger_words(t, load_marker_patterns(lexicon_dir)) for t in texts]
    return cue_phrases, words_per_text(starts, [h for h in hits if h[1][1] in triggers])


def attribution_rows(article_id: str, found, names: dict[str, str]) -> tuple[list[tuple], list[str]]:
    """Table rows (one per sentence and type) and the cited outlet names in order."""
    rows, seen, cited = [], set(), []
    for sentence_id, a in found:
        for source_type in a.types:
            if (sentence_id, source_type) not in seen:
                seen.add((sentence_id, source_type))
                rows.append((article_id, sentence_id, a.source, source_type, a.cue, a.start, a.end))
        cited += [names.get(o, o) for o in a.outlets]
    return rows, cited


def sourcing_tables(sentences: pd.DataFrame, articles: pd.DataFrame, lexicon: Lexicon, lexicon_dir: str,
                    finds: tuple[list, list] | None = None) -> dict[str, pd.DataFrame]:
    """attributions, markers and provenance for sentences of the given articles.

    `finds` are the sentences' lexicon matches and name candidates (actors_step.sentence_finds,
    in table order) when the actor step has found them already; else they are found here.
    """
    automaton, roles, vocab = build_automaton(lexicon.entries), actor_roles(lexicon), load_vocabulary(lexicon_dir)
    names, patterns = outlet_names(lexicon), load_marker_patterns(lexicon_dir)
    own = dict(zip(articles["article_id"], articles["outlet"]))
    rows, cited, markers = [], {}, []
    ordered = sentences.reset_index(drop=True).sort_values(["article_id", "sentence_id"], kind="stable")
    columns = [ordered[c].tolist() for c in ("article_id", "paragraph_id", "sentence_id", "text")]
    known = ((finds[0][i], finds[1][i]) for i in ordered.index.tolist()) if finds else repeat(None)
    for article_id, group in groupby(zip(*columns, known), key=itemgetter(0)):
        group = list(group)
        texts = [row[3] for row in group]
        cue_phrases, triggers = scan_article(texts, lexicon_dir)
        found = article_attributions([row[1:4] for row in group], automaton, roles, vocab, own.get(article_id),
                                     [row[4] for row in group], cue_phrases)
        article_rows, cited[article_id] = attribution_rows(article_id, found, names)
        rows += article_rows
        markers += marker_rows([(article_id, row[2]) for row in group], texts, triggers, patterns)
    return {
        "attributions": pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS),
        "markers": pd.DataFrame(markers, columns=list(tables.SCHEMAS["markers"])),
        "provenance": provenance_table(cited, articles),
    }


def sourcing_chunk(sentences: pd.DataFrame, articles: pd.DataFrame, lexicon_dir: str) -> dict[str, pd.DataFrame]:
    """sourcing_tables of a chunk of whole articles (a pool task)."""
    return sourcing_tables(sentences, articles, load_lexicon(lexicon_dir), lexicon_dir)


def merge_sourcing_parts(parts: dict[str, list[pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """attributions, markers and provenance of the corpus from chunk tables in corpus order."""
    out = pool.concat_all(parts, ["attributions", "markers", "provenance"])
    # one process groups attributions and markers by article_id (sorted); each chunk did so on its own
    for name in ("attributions", "markers"):
        out[name] = out[name].sort_values("article_id", kind="stable", ignore_index=True)
    return out


def pooled_sourcing_tables(sentences: pd.DataFrame, articles: pd.DataFrame, lexicon_dir: str,
                           workers: int | None = None, chunk_size: int | None = None) -> dict[str, pd.DataFrame]:
    """sourcing_tables over chunks of articles on every usable core (one process for a small corpus); the same tables."""
    lexicon = load_lexicon(lexicon_dir)
    row_of = {article_id: row for row, article_id in enumerate(articles["article_id"].tolist())}
    n = pool.pool_size(len(row_of), workers)
    if n == 1 or len(row_of) < len(articles) or not pool.grouped_by_article(sentences["article_id"].tolist()):
        return sourcing_tables(sentences, articles, lexicon, lexicon_dir)
    build_automaton(lexicon.entries)  # compiled before forking, so the workers inherit them
    article_automaton(lexicon_dir)
    needed = articles[["article_id", "outlet", "footer_sources"]]  # what sourcing_tables reads (not the bodies)
    chunks = pool.article_chunks(row_of, sentences, chunk_size or pool.chunk_size_for(len(row_of), n))
    arguments = ((rows, needed.iloc[[row_of[i] for i in ids if i in row_of]], lexicon_dir) for ids, rows in chunks)
    return merge_sourcing_parts(pool.gather(pool.ordered_map(sourcing_chunk, arguments, n)))


def run(processed_dir: str | Path, lexicon_dir: str | Path = paths.LEXICON, workers: int | None = None) -> dict[str, pd.DataFrame]:
    """Read sentences/articles from processed_dir, write attributions/markers/provenance there (on every usable core)."""
    processed, lex_dir = paths.resolve(processed_dir), str(paths.resolve(lexicon_dir))
    result = pooled_sourcing_tables(tables.read_table(processed, "sentences"), tables.read_table(processed, "articles"),
                                    lex_dir, workers)
    for name, table in result.items():
        tables.write_table(table, processed, name)
    return result
