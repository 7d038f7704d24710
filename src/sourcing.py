"""Attributions and source types per sentence (codebook section 5).

For each sentence: find attribution cues outside quoted speech (data/lexicon/cues.csv), take
the source span the cue's syntax points to (before the verb: `X mengatakan`; after it:
`kata X`; a source marker: `menurut X`, `dilansir X`; a passive agent: `dilaporkan X`),
find the typed elements in that span (people, role words, anonymity markers, outlets,
intelligence phrases, social platforms, government bodies and states; see
data/lexicon/source_terms.csv and intel_patterns.csv) and type the source. Follow-ups
(`katanya`, `Ia menambahkan`, `kata dia`) inherit the last explicit source of the article.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from src import names, paths
from src.matcher import find_matches
from src.phrases import find_phrases, find_phrases_each, phrase_automaton
from src.segment import load_abbreviations
from src.source_memory import (CHANNEL_TYPES, DEMONSTRATIVES, TOKEN, ArticleSources, Attribution, inherit, reference_in,
                               with_media)
from src.wordlists import alternation, read_words

DOMAIN_SUFFIX = rf"\.(?:{alternation(read_words(paths.LEXICON / 'domain_suffixes.txt'))})\b"
DOMAIN = re.compile(r"\b[\w-]+" + DOMAIN_SUFFIX, re.IGNORECASE)
HAS_DOMAIN_SUFFIX = re.compile(DOMAIN_SUFFIX, re.IGNORECASE)  # cheap pre-check: every domain contains one
OPEN_QUOTES, CLOSE_QUOTES, STRAIGHT = "“", "”", '"'
HARD_STOPS = {".", "!", "?", ":", ";", "QUOTE"}
RIGHT_SPAN_MAX = 14
COMPLEMENT_REACH = 8
NEGATION_REACH = 3
WITHHELD = {"namanya", "identitasnya"}  # 'enggan disebut namanya': an anonymity phrase, not a negated cue
NP_CONTINUATIONS = {"actor_country", "actor_government", "actor_organization", "official_role", "government_word", "body_word",
                    "intel", "name"}
SOURCE_WORDS = {"actor_country", "actor_government", "actor_organization", "actor_person", "outlet", "domain",
                "intel", "media_noun", "social_media", "official_role", "expert_role", "anonymous_head",
                "anonymity_marker", "government_word", "body_word"}
FORMER = {"mantan", "purnawirawan"}
BODY_WORDS = {"government_word", "body_word"}  # pemerintah(an), rezim ... and the head nouns of bodies' names (Dinas, Badan)
OBJECT_PREPOSITIONS = {"kepada", "dengan", "di", "ke", "bersama", "terhadap", "untuk", "melawan"}
REPORTERS = {"wartawan", "jurnalis"}  # reporters asking or told ('saat ditanya wartawan'): no news organisation
AUDIENCE_NOUNS = REPORTERS | {"media"}  # 'mengatakan kepada wartawan/media': the audience, not a cited medium
NOUN_FOLLOWERS = DEMONSTRATIVES | {"yang"}  # after a sentence's first word: that word is a noun, not a name
ROLE_WORDS = {"official_role", "expert_role"}  # categories a name in apposition may follow or precede
ROLE_REACH = 12
TYPES = ("named_official", "anonymous", "institution", "intelligence", "media", "expert", "social_media")


class Cue(NamedTuple):
    """A cue occurrence and how it attributes."""

    start: int
    end: int
    text: str
    kind: str          # before | after | followup | right | passive
    complement: bool   # needs 'bahwa', ':' or a quote after it to attribute
    followup: bool     # a pronoun subject may inherit the last source


class Element(NamedTuple):
    """A typed piece of a source span: a person, a role word, an outlet, a state..."""

    start: int
    end: int
    category: str
    detail: str = ""


class SentenceElements(list):
    """A sentence's elements in found order, plus what every cue looks up: the order by start, the persons.

    Built once per sentence, so a long sentence with many cues costs a bisection per cue, not a scan."""

    def __init__(self, items=()):
        super().__init__(items)
        self.by_start = sorted(range(len(self)), key=lambda i: self[i].start)
        self.starts = [self[i].start for i in self.by_start]
        self.person_starts = {e.start for e in self if is_person(e)}


class SentenceFinds(NamedTuple):
    """A sentence's lexicon matches and the name candidates outside them (None: not yet found)."""

    matches: list
    names: list | None


@dataclass(frozen=True)
class Vocabulary:
    """The sourcing word lists compiled for matching."""

    cue_automaton: object
    cues: dict
    term_automaton: object
    terms: dict
    intel_res: tuple            # the sentence-level patterns (those not anchored with '^')
    intel_triggers: tuple       # lower-case ASCII words, one of which every match of intel_res contains
    intel_gate: re.Pattern      # the trigger words, case-insensitive: a cheap pre-check for intel_res
    intel_span_res: tuple = ()  # the anchored patterns: a right-hand source span starting so is intelligence
    openers: frozenset = frozenset()  # words that open reported content without 'bahwa' (complement_openers.txt)
    quantities: frozenset = frozenset()  # quantity words that do so when a verb follows (complement_quantities.txt)
    anaphors: tuple = ()  # (noun, source types 'noun itu' may refer back to, same word needed) (anaphors.csv)


def any_word(words) -> re.Pattern:
    """One case-insensitive regex matching any of the literal words (never matches without words)."""
    return re.compile("|".join(re.escape(w) for w in words) or "(?!)", re.IGNORECASE)


def intel_triggers(rows: pd.DataFrame) -> tuple[str, ...]:
    """The trigger words of intel_patterns.csv rows, checked to be non-empty lower-case ASCII."""
    words = tuple(dict.fromkeys(w for cell in rows["triggers"] for w in cell.split("|")))
    if any(not w or not w.isascii() or w != w.lower() for w in words):
        raise ValueError("intel_patterns.csv: trigger words must be non-empty lower-case ASCII")
    return words


def may_hold_intel(text: str, vocab: Vocabulary) -> bool:
    """False only when no sentence-level intel pattern can match: the text holds none of their triggers.

    The patterns match case-insensitively as `re` folds case; the gate regex folds the same way. An
    ASCII text folds like its lower-case form, so there a plain substring test gives the same answer.
    """
    if text.isascii():
        lower = text.lower()
        return any(w in lower for w in vocab.intel_triggers)
    return vocab.intel_gate.search(text) is not None


@lru_cache(maxsize=4)
def load_vocabulary(lexicon_dir: str = str(paths.LEXICON)) -> Vocabulary:
    """Read cues.csv, source_terms.csv and intel_patterns.csv from a lexicon directory."""
    d = Path(lexicon_dir)
    cues = pd.read_csv(d / "cues.csv", dtype=str, keep_default_na=False)
    terms = pd.read_csv(d / "source_terms.csv", dtype=str, keep_default_na=False)
    intel = pd.read_csv(d / "intel_patterns.csv", dtype=str, keep_default_na=False)
    anaphors = pd.read_csv(d / "anaphors.csv", dtype=str, keep_default_na=False)
    anchored = intel["pattern"].str.startswith("^")  # read at the start of a right-hand span (see attribute_cue)
    intel, span_starts = intel[~anchored], intel[anchored]
    cue_info = {r.cue.lower(): (r.kind, r.complement == "yes", r.followup == "yes") for r in cues.itertuples()}
    term_info = {r.term.lower(): r.category for r in terms.itertuples()}
    triggers = intel_triggers(intel)
    return Vocabulary(phrase_automaton(cue_info), cue_info, phrase_automaton(term_info), term_info,
                      tuple(re.compile(p, re.IGNORECASE) for p in intel["pattern"]), triggers, any_word(triggers),
                      tuple(re.compile(p, re.IGNORECASE) for p in span_starts["pattern"]),
                      frozenset(w.lower() for w in read_words(d / "complement_openers.txt")),
                      frozenset(w.lower() for w in read_words(d / "complement_quantities.txt")),
                      tuple((r.noun.lower(), frozenset(r.types.split("|")), r.same_word == "yes")
                            for r in anaphors.itertuples()))


# ---------------------------------------------------------------- quotes and tokens

QUOTE_CHARS = re.compile(r'[“”"]')


def quote_spans(text: str, inside: bool) -> tuple[list[tuple[int, int]], bool]:
    """Spans of quoted speech in a sentence, given whether it starts inside a quote."""
    spans, start = [], 0 if inside else None
    for m in QUOTE_CHARS.finditer(text) if has_quote_mark(text) else ():
        ch, i = m.group(), m.start()
        if start is not None and ch != OPEN_QUOTES:
            spans.append((start, i + 1))
            start = None
        elif start is None and ch != CLOSE_QUOTES:
            start = i
    if start is not None:
        spans.append((start, len(text)))
    return spans, start is not None


def has_quote_mark(text: str) -> bool:
    """True when the text holds one of the quote marks (three substring tests cost less than a regex scan)."""
    return STRAIGHT in text or OPEN_QUOTES in text or CLOSE_QUOTES in text


def tokenize(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, text) tokens outside quotes; each quoted span becomes one 'QUOTE' token.

    The text between quotes is tokenized piece by piece: a quote span starts at 0 or at a quote
    mark and ends after one or at the end, and no token runs across a quote mark.
    """
    tokens, pos = [], 0
    for start, end in quotes:
        tokens += [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, pos, start)]
        tokens.append((start, end, "QUOTE"))
        pos = end
    tokens += [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, pos)]
    return with_abbreviation_periods(tokens)


@lru_cache(maxsize=1)
def abbreviation_words() -> frozenset[str]:
    """The abbreviations of data/lexicon/abbreviations_id.txt (and single letters), read once."""
    return frozenset(load_abbreviations())


def with_abbreviation_periods(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tokens with the period of an abbreviation joined to it ('Jend.', 'Kol.'): no hard stop inside a sentence."""
    if not any(t == "." for _, _, t in tokens[:-1]):
        return tokens
    abbreviations, out = abbreviation_words(), []
    for token in tokens:
        if token[2] == "." and out and out[-1][1] == token[0] and out[-1][2].lower() in abbreviations:
            out[-1] = (out[-1][0], token[1], out[-1][2] + ".")
        else:
            out.append(token)
    return out


def inside_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True when pos falls in one of the spans."""
    return any(s <= pos < e for s, e in spans)


# ---------------------------------------------------------------- cues

def find_cues(text: str, phrases, quotes: list[tuple[int, int]], vocab: Vocabulary) -> list[Cue]:
    """Cue occurrences outside quotes, minus those covered by a not-a-cue phrase.

    `phrases` are the cue-automaton phrases of the text (phrases.find_phrases).
    """
    hits = [h for h in phrases if not inside_any(h[0], quotes)]
    cues = []
    for start, end, phrase in hits:
        kind, complement, followup = vocab.cues[phrase]
        if kind != "not_cue":
            cues.append(Cue(start, end, text[start:end], kind, complement, followup))
    return cues


def token_index(tokens, pos: int) -> int:
    """Index of the first token starting at or after pos (tokens are in order)."""
    return bisect_left(tokens, pos, key=itemgetter(0))


def is_negated(tokens, cue_i: int, vocab: Vocabulary) -> bool:
    """True when a negation word stands just before the cue (tidak mengatakan, menolak merinci), not one that
    withholds a name ('yang enggan disebut namanya mengatakan')."""
    before = [t.lower() for _, _, t in tokens[max(0, cue_i - NEGATION_REACH):cue_i]]
    around = {t.lower() for _, _, t in tokens[max(0, cue_i - NEGATION_REACH - 3):cue_i]}  # 'namanya tidak disebutkan'
    return not WITHHELD & around and any(vocab.terms.get(t) == "negation" for t in before)


def has_complement(tokens, after_i: int, vocab: Vocabulary) -> bool:
    """True when 'bahwa', ':', a quote, a comma or the sentence end follows the cue closely, or reported
    content opens right after it (opens_content: menyatakan tengah ..., menyatakan Korut menembakkan ...)."""
    following = tokens[after_i:after_i + COMPLEMENT_REACH]
    if not following or following[0][2] in {".", "!", "?", ",", ":", "QUOTE"}:
        return True
    if opens_content(tokens[after_i:after_i + 2 * COMPLEMENT_REACH], vocab):
        return True
    return any(t.lower() == "bahwa" or t in {":", "QUOTE"} for _, _, t in following)


def opens_content(following, vocab: Vocabulary) -> bool:
    """True when the tokens after a cue open a clause: an opener word; a number or quantity word with a verb
    soon after it (menyatakan sedikitnya 33 warganya tewas; not mencatat 10 kemenangan); or capitalised
    words followed by a verb (menyatakan Korut menembakkan; not mencatat Clean Sheet pertama)."""
    first = following[0][2]
    if first.lower() in vocab.openers:
        return True
    if first[0].isdigit() or first.lower() in vocab.quantities:
        return True  # a count: attribute_cue keeps it only when a verb follows or a body reports it (bare_count)
    if len(following) > 2 and following[1][2].lower() in DEMONSTRATIVES and is_verb(following[2][2]):
        return True  # 'menyatakan pengerahan itu dilakukan ...'
    names = 0
    while names < len(following) and following[names][2][0].isupper():
        names += 1
    return 0 < names < len(following) and (is_verb(following[names][2]) or following[names][2] in vocab.openers)


VERB_REACH = 8  # words after a number or quantity word within which its clause's verb must come
VERB_PREFIXES = ("me", "di", "ter")  # verb prefixes (mengirim, dikirim, terlibat); ber- also makes adjectives (beruntun)
BARE_VERBS = {"tewas", "adalah", "tiba", "naik", "turun", "hilang", "akan", "telah", "sudah", "masih", "bisa", "dapat",
              "berasal", "berada", "berjumlah", "bertambah", "berkurang"}


def is_verb(word: str) -> bool:
    """True when a word looks like a verb (or an auxiliary): a lower-case verb prefix and stem, or a bare verb."""
    return word.isalpha() and word.islower() and (word in BARE_VERBS or (word.startswith(VERB_PREFIXES) and len(word) >= 6))


# ---------------------------------------------------------------- elements

def sentence_elements(text: str, matches, actor_roles: dict, vocab: Vocabulary, quotes: list[tuple[int, int]],
                      candidates: list[tuple[int, int, str]] | None = None) -> list[Element]:
    """All typed elements of a sentence outside quotes (spans may later be cut to a window).

    `candidates` are the name candidates outside the matches (names.names_outside) if already known.
    """
    found, body_actors = [], []
    for m in matches:
        if m.is_actor:
            actor_type, role = actor_roles.get(m.entry.actor_id, ("", ""))
            found.append(Element(m.start, m.end, f"actor_{actor_type}", role))
            if actor_type in {"government", "organization"}:
                body_actors.append((m.start, m.end))
        elif m.entry.kind == "outlet":
            found.append(Element(m.start, m.end, "outlet", m.entry.actor_id))
    for start, end, phrase in find_phrases(vocab.term_automaton, text):
        if not any(b_start <= start and end <= b_end for b_start, b_end in body_actors):  # 'Kepala' of Kepala Staf Gabungan
            found.append(Element(start, end, vocab.terms[phrase], text[start:end]))
    if may_hold_intel(text, vocab):
        for pattern in vocab.intel_res:
            found += [Element(m.start(), m.end(), "intel") for m in pattern.finditer(text) if m.group()]
    for m in DOMAIN.finditer(text) if HAS_DOMAIN_SUFFIX.search(text) else ():
        found.append(Element(m.start(), m.end(), "domain", m.group()))
    if candidates is None:
        candidates = names.names_outside(text, [(m.start, m.end) for m in matches])
    bodies = [e for e in found if e.category in BODY_WORDS]
    role_ends = {e.end for e in found if e.category == "official_role"}
    for start, end, name in candidates:
        body = next((b for b in bodies if start <= b.start < end or (b.end < start and NAME_GAP.fullmatch(text[b.end:start]))),
                    None)
        if body and len(text[:min(start, body.start)].rstrip()) not in role_ends:
            first = min(start, body.start)  # 'Badan Pusat Statistik', 'Dewan Pers': one body, no person
            found.append(Element(first, end, "body_word", text[first:end]))
            continue  # (after a role, 'Kepala Dinas Tata Air Teguh Hendrawan', it holds a person's name too)
        place = preceded_by(text, start, "preposition", vocab)
        found.append(Element(start, end, "name", "place" if place else name))
    return SentenceElements([e for e in found if not inside_any(e.start, quotes)] if quotes else found)


def within(elements: SentenceElements, start: int, end: int) -> list[Element]:
    """Elements lying inside [start, end), in found order."""
    first, last = bisect_left(elements.starts, start), bisect_right(elements.starts, end)
    picked = sorted(i for i in elements.by_start[first:last] if elements[i].end <= end)
    return [elements[i] for i in picked]


def preceded_by(text: str, pos: int, category: str, vocab: Vocabulary) -> bool:
    """True when the word right before pos belongs to a source_terms category."""
    word = last_token(text[:pos])
    return word is not None and vocab.terms.get(word.lower()) == category


def last_token(text: str) -> str | None:
    """The last TOKEN of a text, read from its last run of non-space characters only.

    Tokens never contain whitespace, so tokenizing that run alone gives the same last token.
    """
    runs = text.rsplit(None, 1)
    return TOKEN.findall(runs[-1])[-1] if runs else None


def is_person(e: Element) -> bool:
    """A person element: a lexicon person or a multi-word capitalised name not after a preposition."""
    return e.category == "actor_person" or (e.category == "name" and " " in e.detail and e.detail != "place")


def own(e: Element, own_outlet: str) -> bool:
    """True when an outlet/domain element is the publishing outlet itself."""
    return bool(own_outlet) and norm_outlet(e.detail) == own_outlet


def norm_outlet(name: str | None) -> str:
    """Outlet name reduced for comparison: lowercase letters and digits, no 'www' or TLD."""
    s = re.sub(r"[^a-z0-9]", "", (name or "").lower()).removeprefix("www")
    return re.sub(r"(coid|com|co|id|net)$", "", s) or s


# ---------------------------------------------------------------- typing a span

def span_types(text: str, span: list[Element], vocab: Vocabulary, own_outlet: str) -> dict[str, list[Element]]:
    """Source types of one source span, each with the elements that decided it (section 5 table)."""
    found: dict[str, list[Element]] = {}

    def add(source_type: str, *elements: Element) -> None:
        found.setdefault(source_type, []).extend(elements)

    for e in span:
        if e.category == "intel" or (e.category == "actor_government" and e.detail == "intelligence"):
            add("intelligence", e)
        elif (e.category in {"outlet", "domain"} and not own(e, own_outlet)) or \
                (e.category == "media_noun" and e.detail.lower() not in REPORTERS):
            add("media", e)
        elif e.category == "social_media":
            add("social_media", e)
    persons = [e for e in span if is_person(e)]
    expert_words = [e for e in span if e.category == "expert_role" and
                    (e.detail.lower() not in FORMER or followed_by_role(text, e, span))]
    heads = [e for e in span if e.category in {"official_role", "anonymous_head"}]
    for p in persons:
        if previous_element(span, p, "media_noun", text) or followed_by_media_noun(text, p, span):
            add("media", p)  # 'Situs berita Prancis Jeune Afrique': an outlet the lexicon does not know
            continue
        government = previous_element(span, p, "government_word", text)
        if government and any(h.end <= government.start for h in heads):  # the government qualifies the role:
            if not any(e.category == "anonymity_marker" for e in span):  # 'juru bicara pemerintah Joseph Mbarga'
                add("named_official", p)  # ('seorang pejabat pemerintahan Biden yang tidak mau disebutkan namanya': no one)
            continue
        if government:
            add("institution", government, p)
        elif p.detail == "journalist":
            add("media", p)
        elif expert_words or p.detail == "analyst":
            add("expert", p, *expert_words)
        else:
            add("named_official", p)
    if not persons and expert_words:
        add("expert", *expert_words)
    anonymous = [e for e in span if e.category == "anonymity_marker" or
                 (e.category == "anonymous_head" and not is_object(text, e))]
    roles = [e for e in span if e.category == "official_role" and not is_object(text, e)]
    joint = any(e.category == "joint_statement" for e in span)  # 'Para menteri G7 dalam pernyataan bersama': the body
    if anonymous:
        add("anonymous", *roles, *anonymous)  # the source as written runs from the role to the marker
    elif roles and not persons and not expert_words and not joint:
        add("anonymous", *roles)
    elif persons and indefinite_role(text, span, vocab):
        add("anonymous", *[r for r in roles if preceded_by(text, r.start, "indefinite", vocab)])
    if not set(found) - CHANNEL_TYPES:  # a body speaking in a post is still the body (social media is how)
        kinds = ("actor_government", "actor_organization") if found else ("actor_",)  # not 'blogger Rusia'
        subjects = [e for e in span if e.category.startswith(kinds) and
                    not preceded_by(text, e.start, "preposition", vocab)]
        subjects += [e for e in span if e.category in BODY_WORDS] if not subjects else []
        if subjects:
            add("institution", min(subjects, key=lambda e: (e.start, -e.end)))  # the longest name at the first place
    return found


def is_object(text: str, e: Element) -> bool:
    """True when an element is the object of a preposition that marks an audience or place, not a
    speaker ('dalam pengarahan kepada anggota parlemen'); 'oleh' and 'dari' introduce speakers."""
    word = last_token(text[:e.start])
    return word is not None and word.lower() in OBJECT_PREPOSITIONS


def followed_by_media_noun(text: str, person: Element, span: list[Element]) -> bool:
    """True when a name follows a media noun with only a country between ('situs berita Prancis Jeune Afrique')."""
    return any(e.category == "media_noun" and e.end <= person.start
               and NAME_GAP.fullmatch(text[e.end:person.start] or " ") is not None for e in span)


def followed_by_role(text: str, element: Element, span: list[Element]) -> bool:
    """True when an official role word follows `element` within a few words (mantan wakil kepala)."""
    return any(e.category == "official_role" and 0 <= e.start - element.end <= ROLE_REACH for e in span)


def previous_element(span: list[Element], element: Element, category: str, text: str) -> Element | None:
    """The span element of a category that directly precedes `element` (only spaces between)."""
    for e in span:
        if e.category == category and e.end <= element.start and text[e.end:element.start].strip() == "":
            return e
    return None


def indefinite_role(text: str, span: list[Element], vocab: Vocabulary) -> bool:
    """True when a role word is introduced by an indefinite (seorang juru bicara)."""
    return any(e.category == "official_role" and preceded_by(text, e.start, "indefinite", vocab) for e in span)


def span_text(text: str, deciding: list[Element], span: list[Element], vocab: Vocabulary) -> tuple[str, int, int]:
    """The source as written: the deciding elements, widened to their noun phrase.

    The phrase takes in an indefinite just before it (seorang, para) and the elements that
    follow it directly (pejabat + tinggi + AS; juru bicara + Departemen Luar Negeri).
    """
    start, end = min(e.start for e in deciding), max(e.end for e in deciding)
    for e in sorted(span, key=lambda e: e.start):
        if e.start >= end and text[end:e.start].strip() == "" and e.category in NP_CONTINUATIONS:
            end = e.end
    before = [e for e in span if e.category == "indefinite" and e.end <= start and text[e.end:start].strip() == ""]
    start = min([e.start for e in before], default=start)
    return text[start:end], start, end


def cited_outlets(span: list[Element], own_outlet: str) -> tuple[str, ...]:
    """Outlet ids (or domain names) cited in a span, in order, excluding the publisher."""
    return tuple(e.detail for e in sorted(span, key=lambda e: e.start)
                 if e.category in {"outlet", "domain"} and not own(e, own_outlet))


# ---------------------------------------------------------------- windows per cue kind

def left_window(tokens, cue_i: int, floor: int, vocab: Vocabulary, soft: bool) -> int:
    """Start offset of the span before a cue: back to a hard stop, a clause word or `floor`."""
    i = cue_i - 1
    while i >= 0 and tokens[i][0] >= floor:
        t = tokens[i][2]
        if t in HARD_STOPS or (soft and vocab.terms.get(t.lower()) == "boundary"):
            return tokens[i][1]
        i -= 1
    return floor


def right_window(tokens, after_i: int, vocab: Vocabulary, stop_at_prepositions: bool,
                 appositions: set[int] = frozenset()) -> int:
    """End offset of the span after a cue: up to a stop, a clause word or a preposition.

    A comma ends the span unless a person's name starts right after it (an apposition:
    `kata juru bicara NSC, John Kirby`); only `after` cues take appositions.
    """
    end = tokens[after_i - 1][1] if after_i else 0
    for k, (s, e, t) in enumerate(tokens[after_i:after_i + RIGHT_SPAN_MAX]):
        category = vocab.terms.get(t.lower())
        if t in HARD_STOPS or category == "boundary" or (k and category == "preposition" and stop_at_prepositions
                                                          and t.lower() != "dari"):
            return end if k else s
        if t == "," and not next_starts(tokens, after_i + k + 1, appositions):
            return end
        end = e
    return end


def next_starts(tokens, i: int, starts: set[int]) -> bool:
    """True when the token at i begins one of the given element starts."""
    return i < len(tokens) and tokens[i][0] in starts


def leading(span: list[Element], start: int, text: str) -> list[Element]:
    """The elements chained from the start of a span (after 'oleh'/'dari'): the agent's noun phrase.

    Elements join the chain when only spaces, a comma, a hyphen or title words separate them from it;
    an element inside one already chained joins too ('sumber' in 'sumber intelijen').
    """
    head = re.match(r"\s*(?:(?:oleh|dari)\s+)?", text[start:]).end() + start
    chain, end = [], None
    for e in sorted(span, key=lambda e: (e.start, -e.end)):
        if (end is None and e.start <= head + 1) or (end is not None and e.start >= end
                                                      and title_words_only(text[end:e.start])) \
                or (end is not None and e.end <= end):
            chain.append(e)
            end = max(e.end, end or 0)
        elif end is not None and e.start >= end:
            break
    return chain


NAME_GAP = re.compile(r"(?:\s+[A-Z][\w'’-]*){0,3}\s+")  # capitalised words inside one name: 'Badan [Nasional] Penanggulangan'
TITLE_GAP = re.compile(r"[\s,-]*(?:(?:[A-Z][\w'’-]*|dari)[\s,-]+){0,4}")  # 'dikonfirmasi Reuters dari dua pejabat AS'


def title_words_only(gap: str) -> bool:
    """True when a gap between two chained elements is empty or up to four capitalised words of a title
    (Menteri [Pertahanan] Korea Selatan Kim Yong-hyun) or 'dari' (Reuters [dari] dua pejabat AS)."""
    return TITLE_GAP.fullmatch(gap + " ") is not None


def with_adjacent_name(text: str, tokens, i: int, span: list[Element], stop: frozenset[str]) -> list[Element]:
    """The span, with a one-word capitalised name at token i made a person (kata Ryamizard)."""
    if not 0 <= i < len(tokens):
        return span
    s, e, word = tokens[i]
    if not word[:1].isupper() or len(word) < 3 or word.lower() in stop or word == "QUOTE":
        return span
    if i > 0 and tokens[i - 1][2].lower() in names.load_prepositions():  # Pemerintah di Bamako: a place
        return span
    if any(el.start <= s < el.end and (el.category != "name" or is_person(el)) for el in span):
        return span  # already typed, or already a person's full name (Antti Hakkanen)
    if word.isupper() or re.fullmatch(r"[A-Z]{2,}(?:-[A-Z]{2,})+", word):  # ACLED, CSP-DPA: a body, not a person
        return [el for el in span if not el.start <= s < el.end] + [Element(s, e, "body_word", word)]
    return [el for el in span if not el.start <= s < el.end] + [Element(s, e, "actor_person", "")]


def pronoun_only(text: str, start: int, end: int, vocab: Vocabulary) -> bool:
    """True when a span is a pronoun with adverbs around it (Ia, kata dia, Menurut dia)."""
    tokens = TOKEN.findall(text[start:end])
    words = [w.lower() for w in tokens if w.isalpha()]
    return bool(words) and any(vocab.terms.get(w) == "pronoun" for w in words[:2]) and not any(
        w[:1].isupper() for w in tokens[1:])


# ---------------------------------------------------------------- one sentence

@dataclass
class SentenceContext:
    """What sourcing needs to know about one sentence."""

    text: str
    automaton: object
    inside_quote: bool
    own_outlet: str
    cue_phrases: list  # phrases of the cue automaton in text (found for the whole article at once)
    finds: SentenceFinds | None = None  # lexicon matches and name candidates, when already known


def sentence_attributions(ctx: SentenceContext, actor_roles: dict, vocab: Vocabulary,
                          sources: ArticleSources) -> tuple[list[Attribution], bool]:
    """Attributions of one sentence (each explicit one added to `sources`), and whether it ends inside a quote."""
    text = ctx.text
    quotes, ends_inside = quote_spans(text, ctx.inside_quote)
    cues = find_cues(text, ctx.cue_phrases, quotes, vocab)
    if not cues:
        return [], ends_inside
    tokens = tokenize(text, quotes)
    found, floor, elements = [], 0, None
    for number, cue in enumerate(cues):
        if cue.start < floor:
            continue
        limit = cues[number + 1].start if number + 1 < len(cues) else len(text)  # a span never takes in the next cue
        if elements is None and needs_elements(cue, tokens, vocab):  # found once, only when a cue reads them
            finds = ctx.finds or SentenceFinds(find_matches(ctx.automaton, text), None)
            elements = sentence_elements(text, finds.matches, actor_roles, vocab, quotes, finds.names)
        result, floor = attribute_cue(cue, text, tokens, elements, vocab, ctx.own_outlet, floor, sources, limit)
        if result:
            result = sources.retyped(result)
            # 'kata Soylu, dikutip AFP.': the medium is where the words came from; 'Ia menambahkan' is still Soylu
            relayed = result.types == ("media",) and any(a.start >= 0 and a.types != ("media",) for a in found)
            found.append(result)
            sources.add(result, behind_last=relayed, introduces=introduced_with_role(text, elements, result),
                        sentence=text)
    return found, ends_inside


def bare_count(cue: Cue, tokens, vocab: Vocabulary) -> bool:
    """True when a complement cue is followed by a number or quantity word with no verb after it
    ('mencatat 10 kemenangan', 'mencatat lebih dari 19.000 percobaan'): content only when a body reports it."""
    if not cue.complement:
        return False
    after_i = token_index(tokens, cue.end)
    if after_i >= len(tokens):
        return False
    first = tokens[after_i][2]
    if not (first[0].isdigit() or first.lower() in vocab.quantities):
        return False
    words = [t for _, _, t in tokens[after_i + 1:] if t.isalnum()][:VERB_REACH]
    return not any(is_verb(t) for t in words)


REPORTING_BODIES = {"actor_government", "actor_organization", "body_word", "government_word", "intel"}


ADVERBIAL_OPENERS = {"saat", "ketika", "usai", "seusai", "setelah", "sesudah", "sebelum", "sewaktu", "tatkala"}


def after_adverbial(tokens, start: int) -> bool:
    """True when a span starts with a time clause set off by a comma ('Peskov, saat ditanya wartawan, ...'):
    the speaker stands before it. Other clause words (sementara, namun, tetapi) start a new speaker's clause."""
    i = token_index(tokens, start) - 1  # the clause word that ended the soft window
    return 0 < i < len(tokens) and tokens[i][2].lower() in ADVERBIAL_OPENERS and tokens[i - 1][2] == ","


INTRODUCING_ROLES = {"expert_role", "intel", "official_role"}
INTRODUCTION_GAP = 8  # words at most in an apposition between a person's name and the role that introduces them


def introduced_with_role(text: str, elements, attribution: Attribution) -> bool:
    """True when the source names a person right beside a role word ('Jon Corwin, analis ...', 'analis Jon
    Corwin'), so the article has introduced them (not 'kata Tito usai dikukuhkan menjadi Guru Besar')."""
    if elements is None or attribution.start < 0:
        return False
    span = within(elements, attribution.start, attribution.end)
    persons = [e for e in span if is_person(e)]
    roles = [e for e in span if e.category in INTRODUCING_ROLES]
    return any(beside(text[min(p.end, r.end):max(p.start, r.start)]) for p in persons for r in roles)


def beside(gap: str) -> bool:
    """True when the text between a name and a role joins them: at most one word, or an apposition
    set off by a comma of at most INTRODUCTION_GAP words ('peneliti senior di Institut Asan, Park Ji-hoon')."""
    words = gap.split()
    return len(words) <= 1 or ("," in gap and len(words) <= INTRODUCTION_GAP)


def declined(cue: Cue, tokens, vocab: Vocabulary) -> bool:
    """True when a 'before' cue is negated or lacks the complement it needs: it attributes nothing."""
    return cue.kind == "before" and (
        is_negated(tokens, token_index(tokens, cue.start), vocab)
        or (cue.complement and not has_complement(tokens, token_index(tokens, cue.end), vocab)))


def needs_elements(cue: Cue, tokens, vocab: Vocabulary) -> bool:
    """True when typing a cue reads the sentence's elements: it is not declined, and no follow-up unless
    someone was told (katanya kepada Reuters)."""
    if cue.kind == "followup":
        return told_after(cue, tokens)
    return not declined(cue, tokens, vocab)


def told_after(cue: Cue, tokens) -> bool:
    """True when 'kepada' or 'pada' follows the cue (katanya kepada televisi pemerintah)."""
    i = token_index(tokens, cue.end)
    return i < len(tokens) and tokens[i][2].lower() in {"kepada", "pada"}


def attribute_cue(cue: Cue, text: str, tokens, elements, vocab: Vocabulary, own_outlet: str,
                  floor: int, sources: ArticleSources, limit: int | None = None) -> tuple[Attribution | None, int]:
    """Type the source a cue points to (a span after the cue ends by `limit`, the next cue); return it and
    the new left floor for later cues."""
    cue_i, after_i = token_index(tokens, cue.start), token_index(tokens, cue.end)
    new_floor, last = cue.end, sources.last
    if cue.kind == "followup":
        told = platforms_after(text, tokens, after_i, elements, vocab) if told_after(cue, tokens) else []
        return with_media(inherit(last, cue.text), span_types(text, told, vocab, own_outlet) if told else {}), new_floor
    if cue.kind == "before":
        if declined(cue, tokens, vocab):
            return None, new_floor
        start = left_window(tokens, cue_i, floor, vocab, soft=True)
        span = within(elements, start, cue.start)
        if not span or (not span_types(text, span, vocab, own_outlet) and after_adverbial(tokens, start)):
            start = left_window(tokens, cue_i, floor, vocab, soft=False)  # 'X, saat ditanya wartawan, mengatakan'
            span = within(elements, start, cue.start)
        if bare_count(cue, tokens, vocab) and not any(e.category in REPORTING_BODIES for e in span):
            return None, new_floor  # 'Real Madrid mencatat 10 kemenangan': a result; a ministry's count is a report
        if pronoun_only(text, start, cue.start, vocab) or (not span and text[floor:cue.start].strip(" ,") == ""):
            return (inherit(last, cue.text) if cue.followup else None), new_floor
        if not names_a_source(span):
            reference = reference_in(text[start:cue.start], vocab.anaphors)
            if reference:
                return sources.referred(reference, cue.text), new_floor
        span = with_adjacent_name(text, tokens, cue_i - 1, span, names.load_stopwords())
        if start == 0 and not any(e.category in SOURCE_WORDS or is_person(e) for e in span) \
                and not (len(tokens) > 1 and tokens[1][2].lower() in NOUN_FOLLOWERS):  # "Pria yang ...", "Penilaian itu"
            span = with_adjacent_name(text, tokens, 0, span, names.load_stopwords())
        return typed(text, span, platforms_after(text, tokens, after_i, elements, vocab), cue, vocab,
                     own_outlet), new_floor
    persons = elements.person_starts if cue.kind == "after" else set()
    end = right_window(tokens, after_i, vocab, stop_at_prepositions=cue.kind != "right", appositions=persons)
    if cue.kind == "after" and any(is_person(e) for e in within(elements, cue.end, end)):  # kata X, analis ...
        roles = {e.start for e in elements if e.category in ROLE_WORDS}
        end = right_window(tokens, after_i, vocab, stop_at_prepositions=True, appositions=persons | roles)
    if cue.kind == "right" and awaits_name(within(elements, cue.end, end)):  # menurut peneliti X, Seongsu Park, ...
        end = right_window(tokens, after_i, vocab, stop_at_prepositions=False, appositions=elements.person_starts)
    if limit is not None:
        end = max(cue.end, min(end, limit))
    if cue.kind in {"after", "right"} and pronoun_only(text, cue.end, end, vocab):
        return inherit(last, cue.text), end
    span = within(elements, cue.end, end)
    if not names_a_source(span):
        reference = reference_in(text[cue.end:end], vocab.anaphors)
        if reference:
            return sources.referred(reference, cue.text), end
    if cue.kind == "right" and cue.text.lower() == "menurut" and all(e.category == "name" and " " not in e.detail
                                                                      for e in span):  # Menurut Nugroho, ...
        span = with_adjacent_name(text, tokens, after_i, span, names.load_stopwords())
    if cue.kind == "after":
        span = with_adjacent_name(text, tokens, after_i, span, names.load_stopwords())
    if cue.kind == "after":
        span = span if leading(span, cue.end, text) else []
    elif cue.kind == "passive":
        span = leading(span, cue.end, text)
    if cue.kind == "right" and any(p.match(text[cue.end:end].strip()) for p in vocab.intel_span_res):
        span = span + [Element(cue.end, end, "intel")]
    extra = platforms_after(text, tokens, token_index(tokens, end), elements, vocab) if cue.kind == "after" else []
    return typed(text, span, extra, cue, vocab, own_outlet), max(new_floor, end)


def awaits_name(span: list[Element]) -> bool:
    """True when a span holds a role word: a name in apposition may follow its comma."""
    return any(e.category in ROLE_WORDS for e in span)


def platforms_after(text: str, tokens, from_i: int, elements: SentenceElements, vocab: Vocabulary) -> list[Element]:
    """Outlets told (kepada Reuters) and platforms used (di Telegram) right after the source."""
    while from_i < len(tokens) and tokens[from_i][2] == ",":
        from_i += 1
    start = tokens[from_i][0] if from_i < len(tokens) else len(text)
    end = right_window(tokens, from_i, vocab, stop_at_prepositions=False)
    return [e for e in within(elements, start, end)
            if e.category == "social_media" or (e.category in {"outlet", "domain", "media_noun"}
                                                and e.detail.lower() not in AUDIENCE_NOUNS
                                                and preceded_by(text, e.start, "preposition", vocab))]


def typed(text: str, span: list[Element], extra: list[Element], cue: Cue, vocab: Vocabulary,
          own_outlet: str) -> Attribution | None:
    """An Attribution for a span (plus outlets/platforms after the verb), or None if untyped."""
    found = span_types(text, span, vocab, own_outlet) if span else {}
    after = span_types(text, extra, vocab, own_outlet) if extra else {}
    for source_type in ("media", "social_media"):
        if source_type in after:
            found.setdefault(source_type, []).extend(after[source_type])
    if not found:
        return None
    deciding = [e for elements in found.values() for e in elements if e.end <= cue.start] or \
        [e for elements in found.values() for e in elements]
    source, start, end = span_text(text, deciding, span + extra, vocab)
    return Attribution(source, tuple(sorted(found)), cue.text, start, end,
                       cited_outlets(span + extra, own_outlet))


def names_a_source(span: list[Element]) -> bool:
    """True when a span holds a source word or person (a body's head noun alone, 'Lembaga itu', does not count)."""
    return any((e.category in SOURCE_WORDS and e.category not in BODY_WORDS) or is_person(e) for e in span)


# ---------------------------------------------------------------- articles

def article_attributions(sentences, automaton, actor_roles: dict, vocab: Vocabulary, own_outlet: str | None,
                         finds: list[tuple | None] | None = None,
                         cue_phrases: list[list] | None = None) -> list[tuple[int, Attribution]]:
    """(sentence_id, Attribution) for one article's (paragraph_id, sentence_id, text) rows in reading order.

    `finds` (one (matches, name candidates) pair per row, or None) are what the actor step found, and
    `cue_phrases` the cue-automaton phrases of each row (phrases.find_phrases), if known.
    """
    found, sources, inside, paragraph = [], ArticleSources(), False, None
    own_norm = norm_outlet(own_outlet) if isinstance(own_outlet, str) else ""
    if cue_phrases is None:
        cue_phrases = find_phrases_each(vocab.cue_automaton, [text for _, _, text in sentences])
    for (paragraph_id, sentence_id, text), phrases, known in zip(sentences, cue_phrases, finds or [None] * len(sentences)):
        if paragraph_id != paragraph:
            inside, paragraph = False, paragraph_id
        if not phrases:  # no cue word: nothing to attribute, only the quote state carries over
            inside = quote_spans(text, inside)[1]
            continue
        context = SentenceContext(text, automaton, inside, own_norm, phrases, SentenceFinds(*known) if known else None)
        result, inside = sentence_attributions(context, actor_roles, vocab, sources)
        found += [(sentence_id, a) for a in result]
    return found
