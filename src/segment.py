"""Paragraphs and sentences: nltk Punkt with Indonesian abbreviations (no downloaded models needed).

    from src.segment import split_sentences, split_paragraphs
    split_sentences('“A. B,” kata X.')  # ['“A.', 'B,” kata X.']
"""
from __future__ import annotations

import re
import string
from functools import lru_cache

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

from src import paths

ABBREVIATIONS_FILE = paths.LEXICON / "abbreviations_id.txt"


class IndonesianPunktVars(PunktLanguageVars):
    """Punkt language variables: '…' also ends a sentence; curly quotes and guillemets close one."""

    sent_end_chars = (".", "?", "!", "\u2026")
    re_boundary_realignment = re.compile(
        r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', re.MULTILINE
    )

    @property
    def _re_non_word_chars(self):
        """Characters that cannot appear within words (curly quotes included)."""
        return r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb%s])" % re.escape(
            "".join(set(self.sent_end_chars) - {"."})
        )

    def period_context_re(self) -> re.Pattern:
        """nltk's pattern for possible sentence ends, compiled with the standard `re` (fixed and linear;
        nltk's ReDoS-guarded `regex` wrapper made this one call a third of the segmentation time)."""
        if "_period_context" not in self.__dict__:
            self.__dict__["_period_context"] = re.compile(
                self._period_context_fmt % {"NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars},
                re.UNICODE | re.VERBOSE)
        return self.__dict__["_period_context"]

    def _word_tokenizer_re(self) -> re.Pattern:
        """nltk's word-splitting pattern, compiled with the standard `re` (fixed and linear)."""
        if "_word_tokenizer" not in self.__dict__:
            self.__dict__["_word_tokenizer"] = re.compile(
                self._word_tokenize_fmt % {"NonWord": self._re_non_word_chars, "MultiChar": self._re_multi_char_punct,
                                           "WordStart": self._re_word_start},
                re.UNICODE | re.VERBOSE)
        return self.__dict__["_word_tokenizer"]


def _lexicon_rows(path=ABBREVIATIONS_FILE) -> list[list[str]]:
    """Non-comment rows of the abbreviation file, split into words, lower case."""
    with open(path, encoding="utf-8") as handle:
        return [line.lower().split() for line in handle if line.strip() and not line.startswith("#")]


def load_abbreviations(path=ABBREVIATIONS_FILE) -> set[str]:
    """Abbreviation types from the lexicon file plus every single letter (initials)."""
    return {row[0] for row in _lexicon_rows(path)} | set(string.ascii_lowercase)


@lru_cache(maxsize=1)
def final_abbreviation_re() -> re.Pattern:
    """Abbreviations marked 'final' (dll., dsb.) followed by a capitalised word: a sentence ends there."""
    words = [re.escape(row[0]) for row in _lexicon_rows() if row[1:2] == ["final"]]
    return re.compile(rf"\b(?:{'|'.join(words)})\.(?=\s+[\"“‘']?[A-Z])", re.IGNORECASE)


# A candidate's context 'word. Word' or 'word. Word,' (word characters only), which Punkt's word pattern splits
# into 'word.', 'Word' (and ','): the most common context, decided without tokenizing it.
_PLAIN_CONTEXT = re.compile(r"(\w+\.)\s+(\w+),?")


class AbbreviationPunktTokenizer(PunktSentenceTokenizer):
    """nltk's Punkt tokenizer, faster when its parameters hold abbreviations only (ours do).

    Punkt finds candidate boundaries and asks `text_contains_sentbreak` about each one's context
    (the word before, the end mark, the token after). Without learned collocations, sentence
    starters or orthographic context its annotation passes reduce to the rules in `_breaks_after`,
    which give the same answers without building a token object per word; with any learned
    parameter the nltk code runs unchanged. A paragraph without any candidate is one sentence,
    which is what Punkt returns for it, so the candidate search is all that runs there.
    """

    def __init__(self, params: PunktParameters, lang_vars: PunktLanguageVars):
        super().__init__(params, lang_vars=lang_vars)
        self._abbreviations_only = not (params.collocations or params.sent_starters
                                        or any(params.ortho_context.values()))

    def span_tokenize(self, text: str, realign_boundaries: bool = True):
        """Punkt's (start, end) spans; the whole stripped text when it holds no candidate boundary."""
        if self._abbreviations_only and realign_boundaries and not self._lang_vars.period_context_re().search(text):
            return iter([(0, len(text.rstrip()))] if text.rstrip() else [])
        return super().span_tokenize(text, realign_boundaries)

    def spans_in(self, text: str, start: int, end: int, matches: list[re.Match]) -> list[tuple[int, int]]:
        """span_tokenize(text[start:end]) in offsets of `text`, given the period-context matches inside that piece
        (so one search of a whole article serves all its paragraphs). The steps of nltk's
        _match_potential_end_contexts, _slices_from_text and _realign_boundaries on offsets instead of slices."""
        if not matches:
            stop = start + len(text[start:end].rstrip())
            return [(start, stop)] if stop > start else []
        breaks, last_break = [], start
        for match, context in self._end_contexts(text, start, matches):
            if self.text_contains_sentbreak(context):
                breaks.append((last_break, match.end()))
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        breaks.append((last_break, start + len(text[start:end].rstrip())))
        return self._realigned(text, breaks)

    def _end_contexts(self, text: str, start: int, matches: list[re.Match]):
        """(match, context) pairs as nltk's _match_potential_end_contexts gives them for text[start:...]."""
        previous_start = previous_stop = start
        previous_match = None
        for match in matches:
            last_space = _last_whitespace(text, previous_stop, match.start())
            word_start = last_space + 1 if last_space > previous_stop else previous_start  # nltk: index 0 = none
            if previous_match and previous_stop <= word_start:
                yield previous_match, text[previous_start:previous_stop] + previous_match.group() + previous_match.group("after_tok")
            previous_match, previous_start, previous_stop = match, word_start, match.start()
        yield previous_match, text[previous_start:previous_stop] + previous_match.group() + previous_match.group("after_tok")

    def _realigned(self, text: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """nltk's _realign_boundaries: closing punctuation after a break joins the sentence before it."""
        spans, realign = [], 0
        for (start, stop), following in zip(slices, slices[1:] + [None]):
            start += realign
            closing = following and self._lang_vars.re_boundary_realignment.match(text, *following)
            if closing:
                spans.append((start, following[0] + len(closing.group(0).rstrip())))
                realign = closing.end() - following[0]
            else:
                realign = 0
                if start < stop:
                    spans.append((start, stop))
        return spans

    def text_contains_sentbreak(self, text: str) -> bool:
        """True when a token of `text` other than the last ends a sentence (Punkt's decision)."""
        if not self._abbreviations_only:
            return super().text_contains_sentbreak(text)
        plain = _PLAIN_CONTEXT.fullmatch(text)
        if plain:  # most contexts: Punkt's tokens are the two words (and a comma, which cannot end a sentence)
            return self._breaks_after(plain.group(1), plain.group(2))
        tokens = [token for line in text.split("\n") if line.strip() for token in self._lang_vars.word_tokenize(line)]
        return any(self._breaks_after(token, following) for token, following in zip(tokens, tokens[1:]))

    def _breaks_after(self, token: str, following: str) -> bool:
        """Punkt's two annotation passes for `token` followed by `following`, with abbreviations only.

        End marks ('?', '!', '…', a lone '.') always break; a word ending in one '.' breaks unless it
        is a known abbreviation, an initial or number followed by punctuation or a lower-case word, or
        an initial followed by a capitalised word (nltk's special initials rule: 'É. Budi').
        """
        if token in self._lang_vars.sent_end_chars:
            return True
        if not token.endswith(".") or token.endswith(".."):
            return False
        stem = token[:-1].lower()
        if stem in self._params.abbrev_types or stem.split("-")[-1] in self._params.abbrev_types:
            return False
        initial = PunktToken._RE_INITIAL.match(token) is not None
        if not (following in self.PUNCTUATION or following[0].islower()):  # orthography says "unknown"
            return not (initial and following[0].isupper())
        word_type = PunktToken._RE_NUMERIC.sub("##number##", token.lower())
        if len(word_type) > 1 and word_type.endswith("."):
            word_type = word_type[:-1]
        return not (initial or word_type == "##number##")


_UP_TO_LAST_WHITESPACE = re.compile(f"(?s:.*)[{re.escape(string.whitespace)}]")  # what nltk's _get_last_whitespace_index finds


def _last_whitespace(text: str, start: int, end: int) -> int:
    """The offset of the last whitespace character in text[start:end], or -1."""
    match = _UP_TO_LAST_WHITESPACE.match(text, start, end)
    return match.end() - 1 if match else -1


@lru_cache(maxsize=1)
def tokenizer() -> PunktSentenceTokenizer:
    """The shared Punkt tokenizer with Indonesian abbreviations."""
    params = PunktParameters()
    params.abbrev_types = load_abbreviations()
    return AbbreviationPunktTokenizer(params, lang_vars=IndonesianPunktVars())


# Punkt proposes a boundary after '.', '!' or '?' (possibly followed by a closing quote) even when
# the next word is lower case ("dll. dan", "“Apa?” tanya dia"); in news text that is never a
# sentence start, so such pieces are glued back. A lower-case domain ("perak-news.com tidak ...")
# can start a sentence and is left alone.
_ENDS_SENTENCE = re.compile("[.!?\u2026][\"'\u201d\u2019\xbb)\\]\\s]*$")
_CONTINUATION = re.compile(r"[a-z][\w\-]*(?![\w\-]*\.[a-z])")  # used with .match at the piece's start
# An opening quote left dangling at the end of a sentence (IndoSum-style spaced quotes:
# "teror. “ Saya ...") belongs to the next sentence.
_DANGLING_OPEN = re.compile("\\s([\u201c\u2018\"'])$")


def _is_continuation(paragraph: str, previous: list[int], start: int, end: int) -> bool:
    """True when the piece paragraph[start:end] continues the previous sentence."""
    return bool(_CONTINUATION.match(paragraph, start, end) and _ENDS_SENTENCE.search(paragraph, previous[0], previous[1]))


def _dangling_quote(paragraph: str, start: int, end: int) -> bool:
    """True when the sentence paragraph[start:end] ends with an opening quote that belongs to the next sentence."""
    match = _DANGLING_OPEN.search(paragraph, max(start, end - 3), end)  # a match spans the last 2-3 characters
    if not match:
        return False
    quote = match.group(1)
    if quote in "\u201c\u2018":
        return True
    return paragraph.count(quote, start, match.start(1)) % 2 == 0


@lru_cache(maxsize=1)
def _final_abbreviation_period_re() -> re.Pattern:
    """final_abbreviation_re() written to start at the period, the abbreviation a lookbehind (one per length),
    so the regex engine skips from period to period instead of trying every word."""
    by_length: dict[int, list[str]] = {}
    for row in _lexicon_rows():
        if row[1:2] == ["final"]:
            by_length.setdefault(len(row[0]), []).append(re.escape(row[0]))
    behind = "|".join(rf"(?<=\b(?:{'|'.join(words)})\.)" for words in by_length.values())
    return re.compile(rf"\.(?:{behind})(?=\s+[\"“‘']?[A-Z])", re.IGNORECASE)


def _has_final_abbreviation(paragraph: str) -> bool:
    """final_abbreviation_re().search(paragraph) is not None (the same matches, found from their period)."""
    return _final_abbreviation_period_re().search(paragraph) is not None


def _split_after_final_abbreviations(paragraph: str, spans, maybe_final: bool = True):
    """Punkt spans, each further split after a sentence-final abbreviation ('..., dll. Lalu ...');
    maybe_final=False says the caller has proved the paragraph holds none."""
    if not (maybe_final and _has_final_abbreviation(paragraph)):  # none in the paragraph, so none in any span
        yield from spans
        return
    for start, end in spans:
        for match in final_abbreviation_re().finditer(paragraph, start, end):
            yield start, match.end()
            start = match.end() + len(paragraph[match.end():end]) - len(paragraph[match.end():end].lstrip())
        yield start, end


def _adjusted_spans(paragraph: str, punkt_spans, maybe_final: bool = True) -> list[tuple[int, int]]:
    """Punkt's spans of `paragraph` split after final abbreviations, dangling quotes moved, continuations glued."""
    spans: list[list[int]] = []
    for start, end in _split_after_final_abbreviations(paragraph, punkt_spans, maybe_final):
        if spans and _dangling_quote(paragraph, *spans[-1]):
            start = spans[-1][1] - 1
            spans[-1][1] = len(paragraph[: spans[-1][1] - 1].rstrip())
        if spans and _is_continuation(paragraph, spans[-1], start, end):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [(start, end) for start, end in spans]


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `paragraph`."""
    return _adjusted_spans(paragraph, tokenizer().span_tokenize(paragraph))


def _sentences(paragraph: str, spans: list[tuple[int, int]]) -> list[str]:
    """The non-empty stripped sentences at `spans` of `paragraph`."""
    return [sentence for start, end in spans if (sentence := paragraph[start:end].strip())]


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (exact substrings of it, stripped, in reading order)."""
    return _sentences(paragraph, sentence_spans(paragraph))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a clean body: its non-empty lines, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _matches_by_paragraph(body: str, bounds: list[tuple[int, int]]) -> list[list[re.Match]]:
    """Period-context matches of `body` grouped by the paragraph (start, end) they lie in, each exactly the match
    a search of that paragraph alone gives: a match whose lookahead reaches past its paragraph's end is one the
    paragraph alone does not have (paragraphs are stripped, so only a lookahead over the line break gets there)."""
    groups: list[list[re.Match]] = [[] for _ in bounds]
    index = 0
    for match in tokenizer()._lang_vars.period_context_re().finditer(body):
        while bounds[index][1] <= match.start():
            index += 1
        if match.end("after_tok") <= bounds[index][1]:
            groups[index].append(match)
    return groups


def _article_sentences(paragraphs: list[str]) -> list[list[str]]:
    """split_sentences of each paragraph, with one period-context search and one final-abbreviation check
    over the whole article (each paragraph's matches are those of the article inside it)."""
    body = "\n".join(paragraphs)
    bounds, start = [], 0
    for paragraph in paragraphs:
        bounds.append((start, start + len(paragraph)))
        start += len(paragraph) + 1
    maybe_final = _has_final_abbreviation(body)  # a match in a paragraph is one in the body
    punkt = tokenizer()
    return [_sentences(paragraph, _adjusted_spans(
                paragraph, [(a - start, b - start) for a, b in punkt.spans_in(body, start, end, matches)], maybe_final))
            if matches else [paragraph]  # no candidate boundary (so no final abbreviation either): one sentence
            for paragraph, (start, end), matches in zip(paragraphs, bounds, _matches_by_paragraph(body, bounds))]


def segment(text: str) -> list[tuple[int, int, str]]:
    """(paragraph_id, sentence_id, sentence) for a clean body; sentence_id runs over the article."""
    paragraphs = split_paragraphs(text)
    if tokenizer()._abbreviations_only:
        per_paragraph = _article_sentences(paragraphs)
    else:
        per_paragraph = [split_sentences(paragraph) for paragraph in paragraphs]
    rows = []
    for paragraph_id, sentences in enumerate(per_paragraph):
        for sentence in sentences:
            rows.append((paragraph_id, len(rows), sentence))
    return rows


def _boundary_ends(sentences: list[str]) -> set[int]:
    """End offsets of sentences in their whitespace-free concatenation."""
    ends, position = set(), 0
    for sentence in sentences:
        position += len("".join(sentence.split()))
        ends.add(position)
    return ends


def boundary_agreement(paragraphs: list[list[str]]) -> tuple[int, int, int]:
    """(true positives, predicted ends, reference ends) of split_sentences against reference sentences.

    Each item of `paragraphs` is one paragraph's reference sentences; offsets are compared with
    all whitespace removed, so spacing differences do not count as disagreements.
    """
    hits = predicted = reference = 0
    for sentences in paragraphs:
        gold = _boundary_ends(sentences)
        ours = _boundary_ends(split_sentences(" ".join(sentences)))
        hits += len(gold & ours)
        predicted += len(ours)
        reference += len(gold)
    return hits, predicted, reference
