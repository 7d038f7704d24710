"""Integrity of the lexicon data files in data/lexicon (codebook section 3; README, Lexicon)."""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from src import lexicon_build, paths

LEX = paths.LEXICON
ACTOR_TYPES = {"government", "organization", "person"}
ROLES = {
    "person": {"head_of_state", "head_of_government", "minister", "spokesperson", "official",
               "military", "intelligence", "diplomat", "legislator", "analyst", "journalist", "other"},
    "government": {"executive", "defence", "foreign", "intelligence", "military", "security",
                   "legislature", "other"},
    "organization": {"alliance", "international", "armed_group", "company", "other"},
}
KINDS = {"name", "short_form", "english", "capital", "nickname", "spelling_variant", "full_name",
         "surname", "acronym", "block"}
MATCHES = {"exact", "common_word"}
OUTLET_KINDS = {"wire", "newspaper", "broadcaster", "online", "magazine", "state_media", "news_agency"}
BLOCK = "_block"
# ambiguous bare words the codebook forbids as aliases (Korea Utara vs Korea Selatan; Kim ...)
FORBIDDEN_ALIASES = {"Korea", "Kim"}
# kinds under which a single word may equal the first word of the same person's full name
# (family name first: Xi Jinping; mononymous Indonesians: Prabowo)
FIRST_WORD_KINDS = {"surname", "name", "nickname"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def read(name: str) -> list[dict[str, str]]:
    """Read one lexicon CSV as a list of row dicts."""
    with open(LEX / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def countries() -> list[dict[str, str]]:
    return read("countries_cldr.csv")


@pytest.fixture(scope="module")
def iso3(countries) -> set[str]:
    return {r["iso3"] for r in countries}


@pytest.fixture(scope="module")
def actors() -> list[dict[str, str]]:
    return read("actors.csv")


@pytest.fixture(scope="module")
def aliases() -> list[dict[str, str]]:
    return read("aliases.csv")


@pytest.fixture(scope="module")
def outlets() -> list[dict[str, str]]:
    return read("outlets.csv")


@pytest.fixture(scope="module")
def templates() -> list[dict[str, str]]:
    return read("gov_templates.csv")


def all_alias_targets(countries, aliases) -> dict[str, set[str]]:
    """Map every surface form (CLDR names and aliases.csv) to the ids it points to."""
    targets: dict[str, set[str]] = defaultdict(set)
    for r in countries:
        targets[r["name_id"]].add(r["iso3"])
    for r in aliases:
        targets[r["alias"]].add(r["actor_id"])
    return targets


def test_generator_reproduces_committed_country_list(tmp_path):
    out = lexicon_build.build(tmp_path / "countries.csv")
    assert out.read_bytes() == (LEX / "countries_cldr.csv").read_bytes(), (
        "countries_cldr.csv differs from CLDR; regenerate with `python -m src.lexicon_build`")


def test_country_list_has_key_states_and_no_regions(countries):
    by_iso = {r["iso3"]: r for r in countries}
    assert len(countries) == len(by_iso)
    assert by_iso["PRK"]["name_id"] == "Korea Utara" and by_iso["USA"]["name_id"] == "Amerika Serikat"
    assert all(re.fullmatch(r"[A-Z]{3}", r["iso3"]) and re.fullmatch(r"[A-Z]{2}", r["iso2"])
               for r in countries)
    names = {r["name_id"] for r in countries}
    assert not names & {"Dunia", "Eropa", "Uni Eropa", "Perserikatan Bangsa-Bangsa", "Asia"}


def test_actor_ids_unique_and_well_formed(actors, iso3):
    ids = [r["actor_id"] for r in actors]
    assert len(ids) == len(set(ids)), "duplicate actor_id in actors.csv"
    assert all(SLUG.match(i) for i in ids), [i for i in ids if not SLUG.match(i)]
    assert not set(ids) & iso3 and BLOCK not in ids


def test_actor_types_roles_and_countries(actors, iso3):
    for r in actors:
        assert r["actor_type"] in ACTOR_TYPES, r
        assert r["role"] in ROLES[r["actor_type"]], r
        assert r["country"] == "" or r["country"] in iso3, r
        assert r["actor"].strip() and r["description"].strip(), r
    assert all(r["country"] for r in actors if r["actor_type"] == "government")


def test_every_alias_points_to_a_known_actor(aliases, actors, iso3):
    known = {r["actor_id"] for r in actors} | iso3 | {BLOCK}
    assert not [r for r in aliases if r["actor_id"] not in known]
    for r in aliases:
        assert r["kind"] in KINDS and r["match"] in MATCHES, r
        assert (r["actor_id"] == BLOCK) == (r["kind"] == "block"), r
        assert r["alias"] == r["alias"].strip() and r["alias"], r


def test_no_duplicate_or_conflicting_aliases(aliases, countries):
    pairs = [(r["alias"], r["actor_id"]) for r in aliases]
    assert len(pairs) == len(set(pairs)), "duplicate (alias, actor_id) rows"
    cldr_pairs = {(r["name_id"], r["iso3"]) for r in countries}
    assert not set(pairs) & cldr_pairs, "aliases.csv repeats a CLDR name (the loader adds those)"
    clashes = {a: t for a, t in all_alias_targets(countries, aliases).items() if len(t) > 1}
    assert not clashes, f"aliases mapped to several actors: {clashes}"


def test_forbidden_and_bare_given_names(aliases, actors):
    persons = {r["actor_id"] for r in actors if r["actor_type"] == "person"}
    first_words = defaultdict(set)  # first word of a person's full name -> person ids
    for r in aliases:
        if r["actor_id"] in persons and r["kind"] == "full_name" and " " in r["alias"]:
            first_words[r["alias"].split()[0]].add(r["actor_id"])
    bad = []
    for r in aliases:
        word = r["alias"]
        if word in FORBIDDEN_ALIASES:
            bad.append(r)
        elif word in first_words and (first_words[word] != {r["actor_id"]}
                                      or r["kind"] not in FIRST_WORD_KINDS):
            bad.append(r)
    assert not bad, f"bare given names or ambiguous words as aliases: {bad}"


def test_every_person_has_a_full_name(aliases, actors):
    full = {r["actor_id"] for r in aliases if r["kind"] in {"full_name", "name"}}
    missing = [r["actor_id"] for r in actors if r["actor_type"] == "person" and r["actor_id"] not in full]
    assert not missing


def test_short_upper_case_forms_are_exact(aliases):
    for alias in ["AS", "US", "UE", "EU", "RI", "PBB"]:
        rows = [r for r in aliases if r["alias"] == alias]
        assert rows and all(r["match"] == "exact" for r in rows), alias
    sisi = [r for r in aliases if r["alias"] == "Sisi"]
    assert sisi and sisi[0]["match"] == "common_word" and sisi[0]["actor_id"] == "sisi"


def test_templates_well_formed(templates):
    seen = set()
    names: dict[str, str] = {}
    for r in templates:
        assert r["template"].count("{country}") == 1 and r["name"].count("{country}") == 1, r
        assert SLUG.match(r["template_id"]) and r["role"] in ROLES["government"], r
        assert r["template"] not in seen, f"duplicate template {r['template']}"
        seen.add(r["template"])
        assert names.setdefault(r["template_id"], r["name"]) == r["name"], (
            f"template_id {r['template_id']} has two display names")


def test_outlets_well_formed(outlets, iso3):
    assert len({r["alias"] for r in outlets}) == len(outlets), "duplicate outlet alias"
    meta: dict[str, tuple] = {}
    for r in outlets:
        assert SLUG.match(r["outlet_id"]) and r["kind"] in OUTLET_KINDS, r
        assert r["indonesian"] in {"true", "false"} and r["match"] in MATCHES, r
        assert r["country"] == "" or r["country"] in iso3, r
        key = (r["name"], r["country"], r["kind"], r["indonesian"])
        assert meta.setdefault(r["outlet_id"], key) == key, f"outlet {r['outlet_id']} rows disagree"


def test_outlet_aliases_do_not_shadow_actor_aliases(outlets, aliases, countries):
    actor_forms = set(all_alias_targets(countries, aliases))
    assert not {r["alias"] for r in outlets} & actor_forms


def gold_files() -> list[Path]:
    """The gold annotation files of the seeds (must exist)."""
    files = sorted(paths.DATA_GOLD.glob("*.json"))
    assert files, f"no gold files in {paths.DATA_GOLD}"
    return files


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem)
def test_gold_persons_and_organizations_exist(gold_path, actors):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    types = {r["actor_id"]: r["actor_type"] for r in actors}
    for pid in gold.get("persons", []):
        assert types.get(pid) == "person", f"{gold_path.name}: person {pid} missing"
    for oid in gold.get("organizations", []):
        assert types.get(oid) == "organization", f"{gold_path.name}: organization {oid} missing"


def surfaces_by_country(countries, aliases, actors) -> dict[str, set[str]]:
    """Every surface form that rolls up to each country (its names, aliases, its actors' aliases)."""
    country_of = {r["iso3"]: r["iso3"] for r in countries}
    country_of.update({r["actor_id"]: r["country"] for r in actors if r["country"]})
    out: dict[str, set[str]] = defaultdict(set)
    for r in countries:
        out[r["iso3"]].add(r["name_id"])
    for r in aliases:
        if r["actor_id"] in country_of:
            out[country_of[r["actor_id"]]].add(r["alias"])
    return out


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem)
def test_gold_countries_have_a_surface_in_the_seed(gold_path, countries, aliases, actors):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (paths.DATA_RAW / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    forms = surfaces_by_country(countries, aliases, actors)
    for iso in gold["countries"]:
        found = [f for f in forms[iso] if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]
        assert found, f"{gold_path.name}: no alias of {iso} occurs in the seed text"
