"""The hand-coding loop: export a stratified sentence sample to code by hand, import it back as gold.

    python -m src.handcode export --processed-dir data/processed --out sample.csv --size 200 --seed 1
    (code the empty columns in a spreadsheet, save as CSV)
    python -m src.handcode import --coded sample.csv --out-dir data/gold_mine
    (then notebook 04 with gold_dir="data/gold_mine", or validate.score_processed)
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from src import gold as goldmod
from src import tables, validate

ID_COLUMNS = ["article_id", "sentence_id", "outlet", "text"]
# coded column -> (gold sentence field, what the codes are, allowed codes, case normaliser)
CODE_COLUMNS = {
    "countries": ("countries", "ISO3 country code", goldmod.iso3_codes, str.upper),
    "source_types": ("attribution", "source type", lambda: goldmod.SOURCE_TYPES, str.lower),
    "optional_types": ("optional", "source type", lambda: goldmod.SOURCE_TYPES, str.lower),
    "markers": ("markers", "claim marker", lambda: goldmod.MARKERS, str.lower),
}
SHEET_COLUMNS = ID_COLUMNS + list(CODE_COLUMNS) + ["notes"]
SEPARATOR = ";"
ENCODING = "utf-8-sig"  # a BOM so spreadsheet programs read the Indonesian text as UTF-8
IMPORT_NOTE = ("Imported from a hand-coded sentence sample ({source}) by src.handcode: only the listed sentences "
               "were coded; article countries and sentence_country_pairs cover those sentences only; persons "
               "and organizations were not coded (empty lists, listed in not_coded, not scored).")


# ---------------------------------------------------------------- export

def strata(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """Stratum of each sentence: its article's outlet, or the article itself when the outlet is unknown."""
    outlets = dict(zip(articles["article_id"].astype(str), articles["outlet"]))
    ids = sentences["article_id"].astype(str)
    return ids.map(lambda a: f"outlet: {outlets[a]}" if pd.notna(outlets.get(a)) else f"article: {a}")


def allocate(sizes: dict[str, int], total: int) -> dict[str, int]:
    """Proportional allocation of `total` draws over strata (largest remainder, ties by stratum name)."""
    population = sum(sizes.values())
    if total >= population:
        return dict(sizes)
    quotas = {k: total * n / population for k, n in sizes.items()}
    alloc = {k: int(q) for k, q in quotas.items()}
    order = sorted(quotas, key=lambda k: (-(quotas[k] - alloc[k]), k))
    for k in order[: total - sum(alloc.values())]:
        alloc[k] += 1
    return alloc


def sample_sentences(sentences: pd.DataFrame, articles: pd.DataFrame, size: int, seed: int) -> pd.DataFrame:
    """A stratified random sample of `size` sentences, deterministic for a given seed, in reading order."""
    if size < 1:
        raise ValueError(f"sample size must be at least 1, got {size}")
    df = sentences.sort_values(["article_id", "sentence_id"]).reset_index(drop=True)
    df["stratum"] = strata(df, articles)
    alloc = allocate(df["stratum"].value_counts().to_dict(), size)
    rng = np.random.default_rng(seed)
    picked = []
    for stratum in sorted(alloc):
        index = df.index[df["stratum"] == stratum].to_numpy()
        picked += rng.choice(index, size=alloc[stratum], replace=False).tolist()
    return df.loc[sorted(picked)].reset_index(drop=True)


def coding_sheet(sample: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The sample laid out for manual coding: ids, outlet, text, and empty code columns."""
    outlets = dict(zip(articles["article_id"].astype(str), articles["outlet"]))
    sheet = pd.DataFrame({"article_id": sample["article_id"].astype(str),
                          "sentence_id": sample["sentence_id"].astype(int),
                          "outlet": sample["article_id"].astype(str).map(outlets),
                          "text": sample["text"]})
    for column in SHEET_COLUMNS[len(ID_COLUMNS):]:
        sheet[column] = ""
    return sheet


def export_sample(processed_dir: str | Path, out: str | Path, size: int, seed: int) -> Path:
    """Write a coding sheet of a stratified sentence sample from a processed directory; return its path."""
    articles = tables.read_table(processed_dir, "articles")
    sentences = tables.read_table(processed_dir, "sentences")
    sheet = coding_sheet(sample_sentences(sentences, articles, size, seed), articles)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(out, index=False, encoding=ENCODING)
    return out


# ---------------------------------------------------------------- import

def parse_codes(cell: str, column: str, where: str) -> list[str]:
    """The codes of one cell (';'-separated), normalised and validated; raises naming `where` and the value."""
    _, what, allowed, case = CODE_COLUMNS[column]
    codes = [case(c.strip()) for c in (cell or "").split(SEPARATOR) if c.strip()]
    bad = [c for c in codes if c not in allowed()]
    if bad:
        raise goldmod.GoldError(f"{where}: unknown {what} {', '.join(map(repr, bad))} in column {column!r}")
    return codes


def row_entry(row: dict, where: str) -> dict:
    """The gold sentence entry of one coded row."""
    if not (row.get("text") or "").strip():
        raise goldmod.GoldError(f"{where}: empty text")
    codes = {CODE_COLUMNS[c][0]: parse_codes(row.get(c), c, where) for c in CODE_COLUMNS}
    entry = goldmod.sentence_entry(row["text"], codes["countries"], codes["attribution"],
                                   codes["optional"], codes["markers"])
    return goldmod.check_sentence(entry, where)


def read_coded(path: str | Path) -> list[tuple[int, dict]]:
    """(line number, row) of every row of a coded CSV; raises naming the file if columns are missing."""
    path = Path(path)
    try:
        with path.open(encoding=ENCODING, newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in ["article_id", "sentence_id", "text", *CODE_COLUMNS] if c not in (reader.fieldnames or [])]
            if missing:
                raise goldmod.GoldError(f"{path}: missing column(s) {missing}")
            return [(reader.line_num, row) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise goldmod.GoldError(f"{path}: cannot read coded CSV: {exc}") from None


def coded_entries(path: str | Path) -> dict[str, list[tuple[int, dict]]]:
    """Validated gold sentence entries per article (with their sentence_id), from a coded CSV; all errors at once."""
    by_article: dict[str, list[tuple[int, dict]]] = {}
    errors, seen = [], {}
    for line, row in read_coded(path):
        where = f"{path}, row {line}"
        key = ((row.get("article_id") or "").strip(), (row.get("sentence_id") or "").strip())
        try:
            if not key[0] or not key[1].isdigit():
                raise goldmod.GoldError(f"{where}: article_id and a numeric sentence_id are required")
            if key in seen:
                raise goldmod.GoldError(f"{where}: sentence {key[1]} of {key[0]!r} already coded in row {seen[key]}")
            seen[key] = line
            by_article.setdefault(key[0], []).append((int(key[1]), row_entry(row, where)))
        except goldmod.GoldError as exc:
            errors.append(str(exc))
    if errors:
        raise goldmod.GoldError("\n".join(errors))
    return by_article


def gold_document(article_id: str, entries: list[tuple[int, dict]], source: str) -> dict:
    """A format (a) gold file for one article from its coded sentences."""
    sentences = [e for _, e in sorted(entries, key=lambda x: x[0])]
    countries = sorted(set().union(*(e["countries"] for e in sentences)))
    pairs = sorted(set().union(*(validate.country_pairs(e["countries"]) for e in sentences)))
    return {
        "id": article_id, "note": IMPORT_NOTE.format(source=source),
        "coded_sentences_only": True, "not_coded": ["persons", "organizations"],
        "countries": countries, "optional_countries": [],
        "sentence_country_pairs": [list(p) for p in pairs],
        "persons": [], "organizations": [],
        "sentences": [{"text": e["text"], "countries": e["countries"], "attribution": e["attribution"],
                       "optional": e["optional"], "markers": e["markers"]} for e in sentences],
        "boilerplate": [], "keep": [], "once": [],
    }


def gold_filename(article_id: str) -> str:
    """A safe file name for an article's gold file."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", article_id) + ".json"


def import_coded(coded: str | Path, out_dir: str | Path, overwrite: bool = False) -> list[Path]:
    """Write one gold file per coded article into `out_dir`; refuses to overwrite unless asked."""
    by_article = coded_entries(coded)
    out_dir = Path(out_dir)
    targets = {a: out_dir / gold_filename(a) for a in sorted(by_article)}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing and not overwrite:
        raise goldmod.GoldError(f"{out_dir}: gold file(s) already exist, not overwritten: {existing} (use --overwrite)")
    out_dir.mkdir(parents=True, exist_ok=True)
    for article_id, path in targets.items():
        doc = gold_document(article_id, by_article[article_id], Path(coded).name)
        goldmod.normalise_gold(doc, str(path))  # the file we write must load
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return list(targets.values())


# ---------------------------------------------------------------- command line

def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    p = argparse.ArgumentParser(prog="python -m src.handcode", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export", help="write a stratified sentence sample as a coding sheet (CSV)")
    ex.add_argument("--processed-dir", required=True)
    ex.add_argument("--out", required=True)
    ex.add_argument("--size", type=int, required=True)
    ex.add_argument("--seed", type=int, required=True)
    im = sub.add_parser("import", help="turn a coded sheet into gold files (one per article)")
    im.add_argument("--coded", required=True)
    im.add_argument("--out-dir", required=True)
    im.add_argument("--overwrite", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; errors go to stderr with exit status 2."""
    args = parser().parse_args(argv)
    try:
        if args.command == "export":
            out = export_sample(args.processed_dir, args.out, args.size, args.seed)
            print(f"wrote {out}")
        else:
            written = import_coded(args.coded, args.out_dir, args.overwrite)
            print(f"wrote {len(written)} gold file(s) to {args.out_dir}")
    except (goldmod.GoldError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
