"""Bytes to clean Unicode text: encoding detection, whitespace normalisation, mojibake repair."""
from __future__ import annotations

import codecs
import re
import unicodedata

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


def utf8_with_cp1252(data: bytes) -> tuple[str, str] | None:
    """(text, 'cp1252' or 'utf-8+cp1252') reading UTF-8 sequences as UTF-8 and every other byte as cp1252;
    None when the other bytes come in runs (a multi-byte or non-Latin legacy encoding) or are not cp1252."""
    parts: list[str] = []
    stray: list[int] = []
    utf8 = 0
    start = 0
    for match in _UTF8_OR_STRAY.finditer(data):
        parts.append(data[start:match.start()].decode("ascii"))
        if match.group(1) is None:
            parts.append(match.group(0).decode("utf-8"))
            utf8 += 1
        else:
            try:
                parts.append(match.group(0).decode("cp1252"))
            except UnicodeDecodeError:
                return None  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: undefined in cp1252
            stray.append(match.start())
        start = match.end()
    parts.append(data[start:].decode("ascii"))
    positions = set(stray)
    in_runs = sum(1 for p in stray if p - 1 in positions or p + 1 in positions)
    if in_runs * 2 > len(stray):
        return None
    return "".join(parts), ("utf-8+cp1252" if utf8 else "cp1252")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes to text; return (text, encoding name) or raise DecodeError with the reason.

    Order: a byte-order mark, BOM-less UTF-16, UTF-8, UTF-8 with stray cp1252 bytes (or all cp1252: the
    legacy encoding of Indonesian and Western web text), and only then charset-normalizer's guess."""
    if not data.strip():
        raise DecodeError("empty file")
    encoding = _bom_encoding(data) or _utf16_without_bom(data)
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff"), encoding
        except UnicodeDecodeError as exc:
            raise DecodeError(f"undecodable {encoding}: {exc.reason}") from exc
    if _looks_binary(data):
        raise DecodeError("binary file (not text)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = utf8_with_cp1252(data)
    if mixed is not None:
        return mixed
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable: no text encoding fits")
    return str(best), best.encoding


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


# What a repair may produce: characters UTF-8 mojibake really comes from. Latin Extended-B, IPA and spacing
# modifiers (U+0180-U+02FF) are not among them: 'É' + NBSP or 'É' + '”' re-decode to IPA letters.
_IMPLAUSIBLE_REPAIR = re.compile("[\u0180-\u02ff]")


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
    if len(fixed) >= len(run) or _IMPLAUSIBLE_REPAIR.search(fixed):
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
