"""The data contract: every Parquet table the pipeline writes, its columns and their meaning.

Each step writes only its own tables; a table is written atomically (temporary file, then
rename) and its columns are checked against this contract before it is written.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

# name -> {column: description}; the order here is the column order on disk.
SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "Article identifier: the file stem for .txt/.html files, the `id` field for .jsonl/.csv rows.",
        "source_file": "Path of the input file, relative to the raw directory.",
        "title": "Headline (first title line of a .txt, h1/<title> of an .html, or the `title` field); null if none.",
        "outlet": "Publishing outlet (metadata.csv, then the record's own field, then a dateline/outlet prefix or the outlet's self-reference in the text); null if unknown.",
        "published": "Publication date as ISO 'YYYY-MM-DD' or 'YYYY-MM'; null when unknown or when the text gives no year.",
        "published_partial": "A date found in the text without a year, as ISO 8601 '--MM-DD' (the year is never guessed); null otherwise.",
        "dateline": "Dateline place removed from the start of the body (e.g. 'WASHINGTON', 'Jakarta'); null if none.",
        "author": "Author byline removed from the body; null if none.",
        "url": "Article URL from metadata.csv, the record or the HTML page; null if unknown.",
        "footer_sources": "List of sources named in a footer line such as 'Sumber: Reuters, AFP' (empty list if none).",
        "text": "The clean body: reporting only, paragraphs separated by newlines.",
        "n_paragraphs": "Number of paragraphs in the clean body.",
        "n_sentences": "Number of sentences in the clean body.",
        "duplicate_of": "article_id of an earlier article this one near-duplicates (syndicated copy); null if none.",
        "similarity": "Similarity to `duplicate_of` (0-1, Jaccard of 5-word shingles; flagged from 0.5); null if not a duplicate.",
        "encoding": "Text encoding the input file was decoded from (e.g. 'utf-8', 'utf-8-sig', 'utf-16-le', 'cp1252', 'utf-8+cp1252' for UTF-8 with stray cp1252 bytes); null for in-memory records.",
    },
    "sentences": {
        "article_id": "Article the sentence belongs to.",
        "paragraph_id": "0-based paragraph index within the clean body.",
        "sentence_id": "0-based sentence index within the article, in reading order.",
        "text": "Sentence text, an exact substring of its paragraph (no dateline/outlet prefix, no boilerplate).",
    },
    "removed": {
        "article_id": "Article the text was removed from.",
        "text": "The removed text, verbatim.",
        "reason": "Why it was removed (codebook section 2): page_furniture, follow_prompt, copyright, related_link, caption, credit, byline, initials, category_label, footer_source, title, repeated_title, repeated_paragraph, dateline_prefix, outlet_label or date_line (patterns: data/lexicon/boilerplate.csv).",
    },
    "problems": {
        "source_file": "Input file the problem was found in, relative to the raw directory.",
        "row": "1-based line number within the file for .jsonl/.csv/metadata.csv input (the CSV header is line 1); null for whole-file problems.",
        "reason": "What is wrong and what was done, in words (e.g. 'empty file', 'binary file (not text)', 'malformed JSON: ...', 'row without text', 'duplicate article_id ...: skipped').",
    },
    "mentions": {
        "article_id": "Article of the mention.",
        "paragraph_id": "Paragraph of the mention.",
        "sentence_id": "Sentence of the mention.",
        "actor_id": "Lexicon actor id (ISO 3166-1 alpha-3 for countries, a slug otherwise).",
        "actor": "Actor's display name.",
        "actor_type": "country, government, organization or person.",
        "country": "ISO3 of the state the actor is or represents; null for international bodies.",
        "surface": "The text as written in the sentence.",
        "start": "Start offset of `surface` in the sentence text.",
        "end": "End offset (exclusive) of `surface` in the sentence text.",
    },
    "comentions": {
        "level": "'actor' or 'country' (actors rolled up to their country).",
        "window": "'sentence', 'paragraph' or 'article'.",
        "actor_a": "First member of the unordered pair (alphabetically smaller id).",
        "actor_b": "Second member of the pair.",
        "windows": "Number of windows that contain both (not the product of mention counts).",
        "articles": "Number of distinct articles with at least one such window.",
        "pmi": "Pointwise mutual information over windows, log2(N*n_ab / (n_a*n_b)).",
        "llr": "Dunning log-likelihood ratio over windows (nltk BigramAssocMeasures.likelihood_ratio).",
    },
    "unknown_names": {
        "name": "Capitalised name candidate that matches no lexicon actor or outlet.",
        "count": "Number of occurrences in the clean sentences.",
        "example_article_id": "Article of the first occurrence.",
        "example_sentence": "Sentence of the first occurrence.",
    },
    "attributions": {
        "article_id": "Article of the attribution.",
        "sentence_id": "Sentence carrying the attribution.",
        "source": "The source as written ('John Kirby', 'CNN', 'seorang pejabat AS'); for follow-ups, the inherited source.",
        "source_type": "named_official, anonymous, institution, intelligence, media, expert or social_media (one row per type).",
        "cue": "The cue that attributes (e.g. 'mengatakan', 'menurut', 'dilansir').",
        "start": "Start offset of the source in the sentence text (-1 when inherited from an earlier sentence).",
        "end": "End offset (exclusive) of the source in the sentence text (-1 when inherited).",
    },
    "markers": {
        "article_id": "Article of the sentence.",
        "sentence_id": "Sentence carrying the marker.",
        "marker": "unverified, denial or no_comment.",
        "cue": "The words that triggered the marker.",
    },
    "provenance": {
        "article_id": "Article.",
        "outlet": "Media outlet the article cites or credits.",
        "via": "'citation' (cited in the body, section 5 type media) or 'footer' (a footer source line).",
        "position": "1-based order of first citation; the outlet at position 1 is the article's primary source.",
    },
}


def check_columns(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return df with the contract's column order, raising if a column is missing or extra."""
    expected = list(SCHEMAS[name])
    missing = [c for c in expected if c not in df.columns]
    extra = [c for c in df.columns if c not in expected]
    if missing or extra:
        raise ValueError(f"table {name!r}: missing columns {missing}, unexpected columns {extra}")
    return df[expected]


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with the contract's columns for `name`."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in SCHEMAS[name]})


def table_path(processed_dir: str | Path, name: str) -> Path:
    """Where table `name` lives in a processed directory."""
    return Path(processed_dir) / f"{name}.parquet"


def current_umask() -> int:
    """The process umask (read without changing it for longer than a call)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_table(df: pd.DataFrame, processed_dir: str | Path, name: str) -> Path:
    """Check `df` against the contract and write it atomically as Parquet."""
    df = check_columns(df, name).reset_index(drop=True)
    path = table_path(processed_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet.tmp", dir=path.parent)
    os.close(fd)
    try:
        df.to_parquet(tmp, index=False)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def read_table(processed_dir: str | Path, name: str) -> pd.DataFrame:
    """Read table `name` from a processed directory, with a clear error if a step has not run."""
    path = table_path(processed_dir, name)
    if not path.exists():
        raise FileNotFoundError(f"{path}: table {name!r} not found; run the step that writes it first")
    return pd.read_parquet(path)


STEP_OF = {"articles": "01_clean", "sentences": "01_clean", "removed": "01_clean", "problems": "01_clean",
           "mentions": "02_actors", "comentions": "02_actors", "unknown_names": "02_actors",
           "attributions": "03_sourcing", "markers": "03_sourcing", "provenance": "03_sourcing"}


def markdown_reference() -> str:
    """The README's column reference for every table, generated from SCHEMAS."""
    parts = []
    for name, columns in SCHEMAS.items():
        parts.append(f"#### `{name}.parquet` (written by `{STEP_OF[name]}`)\n\n| column | meaning |\n| --- | --- |")
        parts += [f"| `{column}` | {text.replace('|', '/')} |" for column, text in columns.items()]
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    print(markdown_reference(), end="")
