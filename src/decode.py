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


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes to text; return (text, encoding name) or raise DecodeError with the reason."""
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
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable: no text encoding fits")
    text = str(best)
    try:
        if data.decode("cp1252") == text:
            return text, "cp1252"  # the usual legacy encoding when several single-byte ones fit
    except UnicodeDecodeError:
        pass
    return text, best.encoding


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
    """Re-decode one suspicious run as UTF-8 when that yields valid text, else keep it."""
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
    return fixed if len(fixed) < len(run) else run


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
