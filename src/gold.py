"""Gold annotations: load hand-coded files (both codebook formats) into one normalised form.

Two formats are read (docs/codebook.md section 7):

(a) sentence format (data/gold/): `sentences: [{text, countries, attribution, optional, markers}]`
    plus article-level `countries`, `optional_countries`, `sentence_country_pairs`, `persons`,
    `organizations`, `boilerplate`, `keep`, `once` and the metadata `title`/`published`/`outlet`.
(b) attribution format: `attributions: [{text, types}]`, `not_attributions: [text]`,
    `claim_markers: [{text, marker}]` and no `sentences` list.

Both become one dict per article (see `normalise_gold`). Inside a gold sentence a field that is
None was not coded (and is not scored); an empty list means "coded: none".
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from babel.core import get_global

SOURCE_TYPES = ("named_official", "anonymous", "institution", "intelligence", "media", "expert", "social_media")
MARKERS = ("unverified", "denial", "no_comment")
METADATA_FIELDS = ("title", "published", "outlet")
ARTICLE_LISTS = ("countries", "optional_countries", "persons", "organizations", "boilerplate", "keep", "once")
REGEX_PREFIX = "re:"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


class GoldError(ValueError):
    """A gold file (or coded sample) that cannot be read, with the file and the reason."""


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (NBSP and other Unicode spaces included) to one space."""
    return " ".join(str(text).translate(_INVISIBLE).split())


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes known to Unicode CLDR (via babel)."""
    aliases = get_global("territory_aliases")
    return frozenset(k for k, v in aliases.items()
                     if len(k) == 3 and k.isalpha() and len(v) == 1 and not is_private_use(v[0]))


def is_private_use(alpha2: str) -> bool:
    """Whether an ISO 3166-1 alpha-2 code is user-assigned/unknown (AA, QM-QZ, XA-XZ except Kosovo's XK, ZZ)."""
    return alpha2 in ("AA", "ZZ") or (alpha2[0] == "Q" and alpha2[1] >= "M") or (alpha2[0] == "X" and alpha2 != "XK")


def check_codes(values, allowed, what: str, where: str) -> list[str]:
    """Return `values` as a list, raising GoldError naming `where` for a value not in `allowed`."""
    values = list(values or [])
    bad = [v for v in values if v not in allowed]
    if bad:
        raise GoldError(f"{where}: unknown {what} {', '.join(map(repr, bad))}")
    return values


def sentence_entry(text, countries=None, attribution=None, optional=(), markers=None) -> dict:
    """One gold sentence in the internal form (None = field not coded)."""
    return {
        "text": text,
        "countries": None if countries is None else sorted(set(countries)),
        "attribution": None if attribution is None else sorted(set(attribution)),
        "optional": sorted(set(optional or [])),
        "markers": None if markers is None else sorted(set(markers)),
    }


def check_sentence(entry: dict, where: str) -> dict:
    """Validate the codes of one internal sentence entry; return it."""
    if not isinstance(entry.get("text"), str) or not normalise_space(entry["text"]):
        raise GoldError(f"{where}: sentence entry without a text")
    iso3 = iso3_codes()
    if entry["countries"] is not None:
        check_codes(entry["countries"], iso3, "ISO3 country code", where)
    for field in ("attribution", "optional"):
        if entry[field] is not None:
            check_codes(entry[field], SOURCE_TYPES, "source type", where)
    if entry["markers"] is not None:
        check_codes(entry["markers"], MARKERS, "claim marker", where)
    both = set(entry["attribution"] or []) & set(entry["optional"])
    if both:
        raise GoldError(f"{where}: type(s) {sorted(both)} both required and optional")
    return entry


def sentences_format_a(raw: dict) -> list[dict]:
    """Sentence entries of a format (a) file."""
    return [
        sentence_entry(s.get("text"), s.get("countries"), s.get("attribution"), s.get("optional"), s.get("markers"))
        for s in raw.get("sentences") or []
    ]


def texts_overlap(a: str, b: str) -> bool:
    """Whether one gold text contains the other (after whitespace normalisation)."""
    a, b = normalise_space(a), normalise_space(b)
    return a in b or b in a


def attach_marker(entries: list[dict], text: str, marker: str) -> None:
    """Add a claim marker to the entry whose text overlaps `text`, or add a marker-only entry."""
    for entry in entries:
        if texts_overlap(entry["text"], text):
            entry["markers"] = sorted(set(entry["markers"] or []) | {marker})
            return
    entries.append(sentence_entry(text, markers=[marker]))


def sentences_format_b(raw: dict) -> list[dict]:
    """Sentence entries converted from a format (b) file (attributions / not_attributions / claim_markers)."""
    entries = [sentence_entry(a.get("text"), attribution=a.get("types") or [], markers=[])
               for a in raw.get("attributions") or []]
    entries += [sentence_entry(t, attribution=[], markers=[]) for t in raw.get("not_attributions") or []]
    for m in raw.get("claim_markers") or []:
        attach_marker(entries, m.get("text"), m.get("marker"))
    return entries


def sorted_pairs(pairs, where: str) -> list[tuple[str, str]]:
    """Gold country pairs as sorted tuples, raising on a malformed pair."""
    out = set()
    for p in pairs or []:
        if not isinstance(p, (list, tuple)) or len(p) != 2 or p[0] == p[1]:
            raise GoldError(f"{where}: sentence_country_pairs entry {p!r} is not a pair of two countries")
        out.add(tuple(sorted(p)))
    return sorted(out)


def normalise_gold(raw: dict, source: str = "<gold>") -> dict:
    """The internal form of one gold article, validated; `source` names the file in errors."""
    if not isinstance(raw, dict) or not raw.get("id"):
        raise GoldError(f"{source}: a gold file must be a JSON object with an 'id'")
    sentences = sentences_format_a(raw) + sentences_format_b(raw)
    for i, entry in enumerate(sentences):
        check_sentence(entry, f"{source}, sentence {i + 1} ({entry.get('text')!r})")
    gold = {"id": str(raw["id"]), "source": source, "sentences": sentences}
    gold["metadata"] = {f: raw[f] for f in METADATA_FIELDS if f in raw}
    for field in ARTICLE_LISTS:
        gold[field] = list(raw.get(field) or [])
    check_codes(gold["countries"] + gold["optional_countries"], iso3_codes(), "ISO3 country code", source)
    gold["sentence_country_pairs"] = sorted_pairs(raw.get("sentence_country_pairs"), source)
    check_codes({c for p in gold["sentence_country_pairs"] for c in p}, iso3_codes(), "ISO3 country code", source)
    gold["not_coded"] = list(raw.get("not_coded") or [])
    gold["coded_sentences_only"] = bool(raw.get("coded_sentences_only", False))
    for pattern in gold["boilerplate"]:
        check_pattern(pattern, source)
    return gold


def check_pattern(pattern: str, source: str) -> None:
    """Raise GoldError if a 're:' boilerplate pattern is not a valid regular expression."""
    if pattern.startswith(REGEX_PREFIX):
        try:
            re.compile(pattern[len(REGEX_PREFIX):])
        except re.error as exc:
            raise GoldError(f"{source}: invalid boilerplate regex {pattern!r}: {exc}") from None


def load_gold_file(path: str | Path) -> dict:
    """Read and normalise one gold JSON file."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from None
    return normalise_gold(raw, str(path))


def load_gold_dir(gold_dir: str | Path) -> dict[str, dict]:
    """All gold files (*.json) of a folder, keyed by article id; raises on a missing folder or duplicate id."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: gold folder not found")
    golds: dict[str, dict] = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = load_gold_file(path)
        if gold["id"] in golds:
            raise GoldError(f"{path}: article id {gold['id']!r} already annotated in {golds[gold['id']]['source']}")
        golds[gold["id"]] = gold
    if not golds:
        raise GoldError(f"{gold_dir}: no gold files (*.json) in the folder")
    return golds
