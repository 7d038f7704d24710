"""Step 3: attributions, claim markers and provenance from the clean sentences."""
from __future__ import annotations

from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pandas as pd

from src import paths, tables
from src.lexicon import Lexicon, load_lexicon
from src.markers import load_marker_patterns, markers_table
from src.matcher import build_automaton
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
    names = outlet_names(lexicon)
    own = dict(zip(articles["article_id"], articles["outlet"]))
    rows, cited = [], {}
    ordered = sentences.reset_index(drop=True).sort_values(["article_id", "sentence_id"], kind="stable")
    columns = [ordered[c].tolist() for c in ("article_id", "paragraph_id", "sentence_id", "text")]
    known = [(finds[0][i], finds[1][i]) for i in ordered.index.tolist()] if finds else [None] * len(ordered)
    for article_id, group in groupby(zip(*columns, known), key=itemgetter(0)):
        group = list(group)
        found = article_attributions([row[1:4] for row in group], automaton, roles, vocab, own.get(article_id),
                                     [row[4] for row in group])
        article_rows, cited[article_id] = attribution_rows(article_id, found, names)
        rows += article_rows
    return {
        "attributions": pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS),
        "markers": markers_table(ordered, load_marker_patterns(lexicon_dir)),
        "provenance": provenance_table(cited, articles),
    }


def run(processed_dir: str | Path, lexicon_dir: str | Path = paths.LEXICON) -> dict[str, pd.DataFrame]:
    """Read sentences/articles from processed_dir, write attributions/markers/provenance there."""
    processed, lex_dir = paths.resolve(processed_dir), str(paths.resolve(lexicon_dir))
    result = sourcing_tables(tables.read_table(processed, "sentences"), tables.read_table(processed, "articles"),
                             load_lexicon(lex_dir), lex_dir)
    for name, table in result.items():
        tables.write_table(table, processed, name)
    return result
