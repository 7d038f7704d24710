"""What an article has said about its sources so far: the record of one attribution, follow-ups that
inherit the last explicit source, 'noun itu' references (Dokumen itu, Lembaga tersebut) that take the
latest source of their kind, and repeated surnames that keep the type their person was introduced with
(codebook section 5: follow-ups inherit their source).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from src import names

CHANNEL_TYPES = {"social_media"}  # how a source spoke, not who: follow-ups do not inherit it
TOKEN = re.compile(r"\w+(?:[-.'’]\w+)*|[^\w\s]")  # words (Jong-un, U.S) and single punctuation marks


@dataclass
class Attribution:
    """One typed source found in a sentence."""

    source: str
    types: tuple
    cue: str
    start: int
    end: int
    outlets: tuple = field(default_factory=tuple)


ANAPHOR_LEAD = {"salah", "satu", "para", "sebuah"}  # 'salah satu dokumen' refers back without a demonstrative
DEMONSTRATIVES = {"itu", "tersebut", "ini"}
ANAPHOR_TAIL = {"juga", "pun", "kemudian", "sebelumnya", "lalu", "bahkan", "telah", "sudah", "pernah", "lantas", ","}
ANAPHOR_MAX_WORDS = 7
TIME_PHRASES = {f"{noun} {demonstrative}" for noun in ("hari", "saat", "kali", "tahun", "pekan", "bulan", "minggu",
                                                        "pagi", "siang", "sore", "malam", "waktu", "kala", "ketika")
                for demonstrative in ("ini", "itu")}  # 'Badan X hari ini mengumumkan': time, not a reference


class Reference(NamedTuple):
    """A span that refers back ('Dokumen itu'): its noun, the types it may take, and whether the earlier
    source must name the same noun (documents and reports: 'Laporan itu' is the report named before)."""

    noun: str
    kinds: frozenset
    same_word: bool


def reference_in(span: str, anaphors: tuple) -> Reference | None:
    """The reference a span such as 'Dokumen itu juga', 'Lembaga tersebut' or 'salah satu dokumen' makes
    (`anaphors`: (noun, types, same word) rows of data/lexicon/anaphors.csv), or None when it makes none.
    'salah satu' refers back only with a same-word noun ('Salah satu lembaga survei' is a new source)."""
    words = [w.lower() for w in TOKEN.findall(span.rsplit(",", 1)[-1] if span.rstrip(" ,").count(",") else span)]
    while words and (words[-1] in ANAPHOR_TAIL or words[-2:] and " ".join(words[-2:]) in TIME_PHRASES):
        words = words[:-2] if " ".join(words[-2:]) in TIME_PHRASES else words[:-1]
    lead = 0
    while lead < len(words) and words[lead] in ANAPHOR_LEAD:
        lead += 1
    words, led = words[lead:], lead >= 2
    if not words or len(words) > ANAPHOR_MAX_WORDS or not (led or words[-1] in DEMONSTRATIVES):
        return None
    for noun, kinds, same_word in anaphors:
        if words[:len(noun.split())] == noun.split() and (same_word or not led):
            return Reference(noun, kinds, same_word)
    return None


@dataclass
class ArticleSources:
    """The explicit sources met so far in an article: follow-ups, 'noun itu' references and
    repeated surnames refer back to them."""

    found: list = field(default_factory=list)
    sentences: list = field(default_factory=list)  # the sentence of each found source, lower case
    by_name: dict = field(default_factory=dict)  # a capitalised word of a named source -> its types

    @property
    def last(self) -> Attribution | None:
        """The last explicit source, if any."""
        return self.found[-1] if self.found else None

    def add(self, attribution: Attribution, behind_last: bool = False, introduces: bool = False,
            sentence: str = "") -> None:
        """Remember an explicit attribution (offsets >= 0); `behind_last` puts it before the last one (a medium
        relaying the speaker just named, who stays the one follow-ups mean); `introduces` when its source names
        a person beside their role, whose surname then keeps that type; `sentence` is where it was found."""
        if attribution.start < 0:
            return
        at = len(self.found) - 1 if behind_last and self.found else len(self.found)
        self.found.insert(at, attribution)
        self.sentences.insert(at, sentence.lower())
        words = NAME_WORD.findall(attribution.source)
        types = tuple(t for t in attribution.types if t in PERSON_TYPES)
        if introduces and len(words) > 1 and types:
            for word in words:
                if word.lower() not in names.load_stopwords():
                    self.by_name[word] = types

    def referred(self, reference: Reference, cue: str) -> Attribution | None:
        """The latest source with a type the reference may take (found in a sentence naming its noun, when it
        must, or a medium: 'Laporan itu' is a source's report or a paper's story), as a follow-up with those
        of its types (no offsets)."""
        for earlier, sentence in zip(reversed(self.found), reversed(self.sentences)):
            common = tuple(sorted(reference.kinds.intersection(earlier.types)))
            if common and (not reference.same_word or reference.noun in sentence or "media" in common):
                return Attribution(earlier.source, common, cue, -1, -1, ())
        return None

    def retyped(self, attribution: Attribution) -> Attribution:
        """A bare surname (kata Corwin) typed as the person was when first named (an analyst: expert)."""
        earlier = self.by_name.get(attribution.source)
        if earlier and attribution.types == ("named_official",) and {"expert", "intelligence"} & set(earlier):
            return Attribution(attribution.source, earlier, attribution.cue, attribution.start, attribution.end,
                               attribution.outlets)
        return attribution


PERSON_TYPES = {"named_official", "expert", "intelligence"}  # what a person's surname carries when repeated
NAME_WORD = re.compile(r"\b[A-Z][\w'’-]{2,}")


def with_media(attribution: Attribution | None, told: dict) -> Attribution | None:
    """A follow-up with the medium it was told to added (katanya kepada Reuters: media too)."""
    if attribution is None or "media" not in told:
        return attribution
    return Attribution(attribution.source, tuple(sorted({*attribution.types, "media"})), attribution.cue,
                       attribution.start, attribution.end, attribution.outlets)


def inherit(last: Attribution | None, cue: str) -> Attribution | None:
    """A follow-up attribution (cue text `cue`) carrying the last explicit source (no offsets)."""
    types = tuple(t for t in last.types if t not in CHANNEL_TYPES) if last else ()
    return Attribution(last.source, types, cue, -1, -1, ()) if types else None
