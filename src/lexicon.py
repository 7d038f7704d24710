"""Load the actor lexicon and the outlet list (data/lexicon/*.csv) into alias entries.

The lexicon is data: countries from Unicode CLDR (countries_cldr.csv), other actors
(actors.csv), their aliases (aliases.csv), generic government-body templates expanded over
country names (gov_templates.csv) and news outlets (outlets.csv). See README, section
"Lexicon", for the columns.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from src import paths

# kinds of country alias a government template is expanded with
TEMPLATE_COUNTRY_KINDS = {"name", "short_form", "english"}
OUTLET = "outlet"
BLOCK = "_block"


class Entry(NamedTuple):
    """One alias: the text to find and what it stands for (a tuple: cheap to hash as a cache key)."""

    alias: str
    actor_id: str          # actor id, outlet id, or BLOCK
    kind: str              # alias kind ('name', 'capital', ...) or OUTLET
    common_word: bool      # also an ordinary word: exact case only, never sentence-initial


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Actors (one row per actor), alias entries and outlets, ready for the matcher.

    Compared and hashed by identity, so that what is derived from a loaded lexicon can be cached.
    """

    actors: pd.DataFrame   # actor_id, actor, actor_type, country, role
    entries: tuple[Entry, ...]
    outlets: pd.DataFrame  # outlet_id, alias, name, country, kind, indonesian, match
    directory: str


def _read_csv(path: Path) -> pd.DataFrame:
    """Read a lexicon CSV as strings, with a clear error naming the file."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: lexicon file missing")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    except Exception as exc:  # pandas raises several parser errors
        raise ValueError(f"{path}: cannot read lexicon CSV ({exc})") from exc


def country_actors(cldr: pd.DataFrame) -> pd.DataFrame:
    """Actor rows for the CLDR countries (actor_id = ISO3, type country)."""
    return pd.DataFrame({
        "actor_id": cldr["iso3"],
        "actor": cldr["name_id"],
        "actor_type": "country",
        "country": cldr["iso3"],
        "role": "state",
    })


def country_name_aliases(cldr: pd.DataFrame) -> pd.DataFrame:
    """Alias rows for the Indonesian CLDR names of the countries."""
    return pd.DataFrame({
        "actor_id": cldr["iso3"], "alias": cldr["name_id"], "kind": "name", "match": "exact",
    })


def expand_templates(templates: pd.DataFrame, aliases: pd.DataFrame,
                     names: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Expand '{country}' templates over country name aliases into actor and alias rows."""
    country_aliases = aliases[aliases["actor_id"].isin(names) &
                              aliases["kind"].isin(TEMPLATE_COUNTRY_KINDS)]
    actor_rows, alias_rows = [], []
    for t in templates.itertuples(index=False):
        for iso3, name in names.items():
            actor_id = f"{iso3}-{t.template_id}"
            actor_rows.append((actor_id, t.name.replace("{country}", name), "government", iso3, t.role))
        for a in country_aliases.itertuples(index=False):
            alias_rows.append((f"{a.actor_id}-{t.template_id}", t.template.replace("{country}", a.alias),
                               "template", "exact"))
    actors = pd.DataFrame(actor_rows, columns=["actor_id", "actor", "actor_type", "country", "role"])
    expanded = pd.DataFrame(alias_rows, columns=["actor_id", "alias", "kind", "match"])
    return actors, expanded


def entries_from(aliases: pd.DataFrame, outlets: pd.DataFrame) -> tuple[Entry, ...]:
    """Alias entries for actors, blockers and outlets."""
    rows = [Entry(a.alias, a.actor_id, a.kind, a.match == "common_word")
            for a in aliases.itertuples(index=False) if a.alias]
    rows += [Entry(o.alias, o.outlet_id, OUTLET, o.match == "common_word")
             for o in outlets.itertuples(index=False) if o.alias]
    return tuple(rows)


def read_lexicon(directory: str | Path) -> Lexicon:
    """Read a lexicon directory into a Lexicon (actors, alias entries, outlets)."""
    d = paths.resolve(directory)
    cldr = _read_csv(d / "countries_cldr.csv")
    actors = _read_csv(d / "actors.csv")
    aliases = _read_csv(d / "aliases.csv")
    outlets = _read_csv(d / "outlets.csv")
    templates_path = d / "gov_templates.csv"
    templates = _read_csv(templates_path) if templates_path.exists() else pd.DataFrame(
        columns=["template_id", "template", "name", "role"])
    all_aliases = pd.concat([country_name_aliases(cldr), aliases[["actor_id", "alias", "kind", "match"]]],
                            ignore_index=True)
    names = dict(zip(cldr["iso3"], cldr["name_id"]))
    t_actors, t_aliases = expand_templates(templates, all_aliases, names)
    all_actors = pd.concat([country_actors(cldr), actors[["actor_id", "actor", "actor_type", "country", "role"]],
                            t_actors], ignore_index=True)
    all_actors["country"] = all_actors["country"].replace("", None)
    all_aliases = pd.concat([all_aliases, t_aliases], ignore_index=True).drop_duplicates(["actor_id", "alias"])
    unknown = set(all_aliases["actor_id"]) - set(all_actors["actor_id"]) - {BLOCK}
    if unknown:
        raise ValueError(f"{d / 'aliases.csv'}: aliases point to unknown actors {sorted(unknown)[:10]}")
    return Lexicon(all_actors.drop_duplicates("actor_id").reset_index(drop=True),
                   entries_from(all_aliases, outlets), outlets, str(d))


@lru_cache(maxsize=4)
def load_lexicon(directory: str = str(paths.LEXICON)) -> Lexicon:
    """Cached read_lexicon for repeated use in one process."""
    return read_lexicon(directory)
