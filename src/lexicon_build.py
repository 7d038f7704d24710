"""Generate data/lexicon/countries_cldr.csv from Unicode CLDR (via Babel).

Run ``python -m src.lexicon_build`` (optionally ``--out FILE``). The Indonesian country
names come from ``babel.Locale('id').territories``, the English ones from ``Locale('en')``,
and the ISO 3166-1 alpha-3 codes from CLDR's territory aliases (``alpha-3 -> alpha-2``).
Territories listed in ``data/lexicon/cldr_skip.csv`` (reserved, pseudo and supranational
codes) and CLDR's numeric macro-regions (``001``, ``150``...) are left out.
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

from babel import Locale
from babel.core import get_global

from src import paths

COLUMNS = ["iso3", "iso2", "name_id", "name_en", "alt_id"]
DEFAULT_OUT = paths.LEXICON / "countries_cldr.csv"
SKIP_FILE = paths.LEXICON / "cldr_skip.csv"


def alpha3_candidates() -> dict[str, list[str]]:
    """Map each alpha-2 code to the alpha-3 codes CLDR lists as its aliases."""
    out: dict[str, list[str]] = {}
    for code, targets in get_global("territory_aliases").items():
        if len(code) == 3 and code.isalpha() and len(targets) == 1:
            out.setdefault(targets[0], []).append(code)
    return out


def shared_prefix(a: str, b: str) -> int:
    """Count the leading characters two codes share."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def pick_alpha3(iso2: str, candidates: list[str]) -> str:
    """Choose the current alpha-3 among CLDR aliases: the one sharing most leading letters
    with the alpha-2 code (DEU beats DDR, COD beats ZAR, MMR beats BUR)."""
    ranked = sorted(candidates, key=lambda c: -shared_prefix(c, iso2))
    if len(ranked) > 1 and shared_prefix(ranked[0], iso2) == shared_prefix(ranked[1], iso2):
        raise ValueError(
            f"CLDR lists several alpha-3 codes for {iso2} ({', '.join(sorted(candidates))}) "
            f"and none is closest to the alpha-2 code; add {iso2} to {SKIP_FILE.name} "
            "or extend pick_alpha3"
        )
    return ranked[0]


def read_skip(path: Path = SKIP_FILE) -> set[str]:
    """Read the alpha-2 codes to leave out of the country list."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or "iso2" not in rows[0]:
        raise ValueError(f"{path}: expected a CSV with an 'iso2' column")
    return {r["iso2"].strip() for r in rows}


def country_rows(skip: set[str]) -> list[dict[str, str]]:
    """Build one row per CLDR territory that is a country or ISO-coded territory."""
    names_id = Locale("id").territories
    names_en = Locale("en").territories
    alpha3 = alpha3_candidates()
    rows = []
    for iso2, name_id in names_id.items():
        if not iso2.isalpha() or iso2 in skip:
            continue
        if iso2 not in alpha3:
            raise ValueError(
                f"CLDR territory {iso2} ({name_id}) has no alpha-3 alias; "
                f"add it to {SKIP_FILE} if it is not a country"
            )
        rows.append({
            "iso3": pick_alpha3(iso2, alpha3[iso2]),
            "iso2": iso2,
            "name_id": name_id,
            "name_en": names_en.get(iso2, ""),
            "alt_id": "",
        })
    rows.sort(key=lambda r: r["iso3"])
    iso3s = [r["iso3"] for r in rows]
    if len(set(iso3s)) != len(iso3s):
        raise ValueError("two CLDR territories map to the same alpha-3 code")
    return rows


def write_rows(rows: list[dict[str, str]], out: Path) -> None:
    """Write the country rows as UTF-8 CSV with a header."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(out: Path = DEFAULT_OUT, skip_file: Path = SKIP_FILE) -> Path:
    """Generate the CLDR country list into ``out`` and return its path."""
    write_rows(country_rows(read_skip(skip_file)), out)
    return out


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: ``python -m src.lexicon_build [--out FILE]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output CSV path")
    args = parser.parse_args(argv)
    path = build(paths.resolve(args.out))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
