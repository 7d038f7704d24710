"""Bytes to clean Unicode text: encoding detection, whitespace normalisation, mojibake repair."""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """A file that cannot be turned into text (empty, binary or undecodable); the message is the reason."""


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# Control characters that never occur in text (everything below 0x20 except \t \n \r \f \v).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


def _bom_encoding(data: bytes) -> str | None:
    """The encoding announced by a byte-order mark, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit at every other position (BOM-less UTF-16 text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    """True when the bytes contain NULs or many control characters (an image, archive, PDF...)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls > 0.05 * len(sample)


# One well-formed UTF-8 multi-byte sequence, or (group 1) one byte that cannot start or continue one.
_UTF8_OR_STRAY = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}|([\x80-\xff])"
)
# Characters that UTF-8 in Latin-script news plausibly holds (and all a mojibake repair may produce): Latin-1 and
# Latin Extended-A letters, Vietnamese o/u with horn, Latin Extended Additional, punctuation, currency and
# letterlike symbols, and emoji. An accented letter of cp1252 text followed by a quote or NBSP may form valid
# UTF-8 by accident ('É”' -> 'ɔ', 'é…”' -> '酔'); such characters are not among these.
_PLAUSIBLE_CHARS = "\u00a0-\u017f\u01a0\u01a1\u01af\u01b0\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f\U0001f000-\U0001faff"
_IMPLAUSIBLE = re.compile(f"[^\\x00-\\x7f{_PLAUSIBLE_CHARS}]")
# What cp1252 shows for Turkish and Central European letters: ş ğ (þ ð) and ł (³) inside a word, ą ż ź (¹ ¿ ¥ Ÿ)
# next to a letter. (A unit such as m³ or 34ºC is not inside a word.)
_NOT_CP1252 = re.compile(r"(?<=[^\W\d_])[ðþÐÞ³](?=[^\W\d_])|(?<=[^\W\d_])[¹¿¥Ÿ]|[¹¿¥Ÿ](?=[^\W\d_])")
_MOSTLY_FOREIGN = 0.5  # stray bytes above this share of the non-space bytes: not Latin-script text (CJK...)
_OTHER_DETECTORS_SKIP = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_SAMPLE = 1 << 18  # bytes whose census decides how a non-UTF-8 file is read (the whole file is decoded)


class ByteCensus(NamedTuple):
    """What the non-ASCII bytes of a text are."""

    utf8: int           # UTF-8 sequences read as UTF-8 (plausible characters, or in a run of such sequences)
    stray: int          # bytes read one by one (not UTF-8, or UTF-8 by accident: 'É”' is 'ɔ' in UTF-8)
    foreign: int        # stray bytes that point away from cp1252: undefined there, or letters in a run


def _pieces(data: bytes):
    """(start, end, is UTF-8) for every non-ASCII piece: a well-formed UTF-8 sequence that decodes to a plausible
    character or stands right next to another well-formed one (a word of Cyrillic in UTF-8), else single bytes."""
    matches = list(_UTF8_OR_STRAY.finditer(data))
    wellformed = [m.group(1) is None for m in matches]
    for i, match in enumerate(matches):
        in_run = (i > 0 and wellformed[i - 1] and matches[i - 1].end() == match.start()) or \
            (i + 1 < len(matches) and wellformed[i + 1] and matches[i + 1].start() == match.end())
        if wellformed[i] and (in_run or not _IMPLAUSIBLE.search(match.group(0).decode("utf-8"))):
            yield match.start(), match.end(), True
        else:
            for position in range(match.start(), match.end()):
                yield position, position + 1, False


def byte_census(data: bytes) -> ByteCensus:
    """Count the UTF-8 sequences and stray bytes of a text that is not valid UTF-8."""
    utf8, strays = 0, []
    for start, _end, is_utf8 in _pieces(data):
        if is_utf8:
            utf8 += 1
        else:
            strays.append(start)
    letters = {p for p in strays if data[p] >= 0xC0}
    in_letter_runs = sum(1 for p in letters if p - 1 in letters or p + 1 in letters)
    undefined = sum(1 for p in strays if data[p] in _CP1252_UNDEFINED)
    return ByteCensus(utf8, len(strays), in_letter_runs + undefined)


def utf8_with_cp1252(data: bytes) -> tuple[str, bool]:
    """(text, whether any UTF-8 was read) of bytes mixing UTF-8 and cp1252: plausible UTF-8 sequences as UTF-8,
    every other byte as cp1252 (U+FFFD for the five bytes cp1252 leaves undefined)."""
    parts, start, used_utf8 = [], 0, False
    for piece_start, piece_end, is_utf8 in _pieces(data):
        parts.append(data[start:piece_start].decode("ascii"))
        parts.append(data[piece_start:piece_end].decode("utf-8" if is_utf8 else "cp1252", "replace"))
        used_utf8 = used_utf8 or is_utf8
        start = piece_end
    parts.append(data[start:].decode("ascii"))
    return "".join(parts), used_utf8


def _stray_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """codecs error handler: bytes that are not UTF-8 read as cp1252 (U+FFFD where cp1252 defines none)."""
    return error.object[error.start:error.end].decode("cp1252", "replace"), error.end


codecs.register_error("indonews-stray-cp1252", _stray_as_cp1252)


def foreign_text(census: ByteCensus, size: int) -> bool:
    """True when stray bytes point away from Latin-script text: mostly letters in runs or bytes cp1252 leaves
    undefined (Cyrillic, Chinese, Japanese codepages), or more than half of the visible bytes."""
    return (census.foreign >= 2 and census.foreign * 2 > census.stray) or \
        (census.stray >= 8 and census.stray > _MOSTLY_FOREIGN * size)


def decode_non_utf8(data: bytes) -> tuple[str, str]:
    """(text, encoding) of bytes that are not valid UTF-8, judged from a census of the first _SAMPLE bytes.

    Where UTF-8 sequences outnumber the stray bytes, the text is UTF-8 with strays read as cp1252 ('utf-8+cp1252',
    decoded at C speed). Other Western text (stray bytes mostly alone, as accented letters, quotes and dashes are)
    is read piece by piece: plausible UTF-8 sequences as UTF-8, every other byte as cp1252 ('cp1252', or
    'utf-8+cp1252' when both occur). Foreign text (see foreign_text), or text whose cp1252 reading shows Turkish
    or Central European letters, goes to charset-normalizer."""
    sample = data[:_SAMPLE]
    census = byte_census(sample)
    if census.utf8 > census.stray:
        return data.decode("utf-8", "indonews-stray-cp1252"), "utf-8+cp1252"
    if not foreign_text(census, len(sample) - sample.count(b" ")):
        text, used_utf8 = utf8_with_cp1252(data)
        if not _NOT_CP1252.search(text):
            return text, ("utf-8+cp1252" if used_utf8 else "cp1252")
    best = from_bytes(data, cp_exclusion=_OTHER_DETECTORS_SKIP).best()
    if best is None:
        raise DecodeError("undecodable: no text encoding fits")
    return str(best), best.encoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes to text; return (text, encoding name) or raise DecodeError with the reason.

    Order: a byte-order mark, BOM-less UTF-16, UTF-8; then, for other bytes, UTF-8 with its stray bytes read as
    cp1252 when UTF-8 sequences outnumber them, else cp1252 (the legacy encoding of Indonesian and Western web
    text) when it fits, else charset-normalizer's guess."""
    if not data.strip():
        raise DecodeError("empty file")
    encoding = _bom_encoding(data) or _utf16_without_bom(data)
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff"), encoding
        except UnicodeDecodeError as exc:
            if encoding != "utf-8-sig":
                raise DecodeError(f"undecodable {encoding}: {exc.reason}") from exc
            return data[len(codecs.BOM_UTF8):].decode("utf-8", "indonews-stray-cp1252"), "utf-8-sig+cp1252"
    if _looks_binary(data):
        raise DecodeError("binary file (not text)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return decode_non_utf8(data)


# Characters that cp1252/latin-1 decoding of UTF-8 bytes produces; a run of them may be mojibake.
_MOJIBAKE_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}"
)
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")


def _cp1252_bytes(run: str) -> bytes | None:
    """Bytes that `run` would come from if it were UTF-8 misread as cp1252 (None if impossible)."""
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                out.append(ord(ch))
            else:
                return None
    return bytes(out)


def _repair_run(match: re.Match) -> str:
    """Re-decode one suspicious run as UTF-8 when that yields valid, plausible text, else keep it."""
    run = match.group(0)
    if not _MOJIBAKE_LEAD.search(run):
        return run
    raw = _cp1252_bytes(run)
    if raw is None:
        return run
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return run
    if len(fixed) >= len(run) or _IMPLAUSIBLE.search(fixed):
        return run
    return fixed


def repair_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as cp1252/latin-1 ('â€œ' -> '“', 'Ã©' -> 'é')."""
    if text.isascii():  # every character of a suspicious run is non-ASCII
        return text
    for _ in range(2):  # double-encoded text needs two passes
        fixed = _MOJIBAKE_RUN.sub(_repair_run, text)
        if fixed == text:
            break
        text = fixed
    return text


_ODD_SPACE_CHARS = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c"
_INVISIBLE_CHARS = "\u200b-\u200d\u2060\ufeff\u00ad"
_LINE_BREAK_CHARS = "\r\u2028\u2029\x85"
_ODD_SPACES = re.compile(f"[{_ODD_SPACE_CHARS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_LINE_BREAKS = re.compile(f"\r\n|[{_LINE_BREAK_CHARS}]")
_ANY_UNUSUAL = re.compile(f"[{_ODD_SPACE_CHARS}{_INVISIBLE_CHARS}{_LINE_BREAK_CHARS}]")  # one scan finds which of the three occur
_MULTI_SPACE = re.compile(" {2,}")


def normalise_text(text: str) -> str:
    """Repair mojibake, NFC-normalise, unify line breaks and spaces, strip each line."""
    text = repair_mojibake(text)
    text = unicodedata.normalize("NFC", text)
    present = "".join(set(_ANY_UNUSUAL.findall(text)))  # one scan: the unusual characters, each once
    if present:
        for pattern, replacement in ((_LINE_BREAKS, "\n"), (_INVISIBLE, ""), (_ODD_SPACES, " ")):
            if pattern.search(present):  # only substitutions whose characters occur
                text = pattern.sub(replacement, text)
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))
