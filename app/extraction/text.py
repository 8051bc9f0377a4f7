"""Decoding bytes to text, cleaning text for storage, and the plain/Markdown/JSON parsers.

Everything here must accept arbitrary bytes without raising: a file's text is user input.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from app.extraction.document import Section, Table

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I
)
# C0 controls except tab and newline (CR and form feed are turned into newlines first), DEL and
# the two non-characters: PostgreSQL rejects NUL, and the rest is noise to every reader.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
_BLANK_RUNS = re.compile(r"\n{3,}")
# A run of blanks longer than this says no more than eight do (column alignment), and long
# runs cost every reader downstream. Linear: a run is consumed whole from its first blank.
_LONG_BLANKS = re.compile(r"[ \t\u00a0]{9,}")
_EIGHT_BLANKS = " " * 8
_SAMPLE_BYTES = 64 * 1024


def _width_table() -> dict[int, str]:
    """NFKC for full-width forms (ＫＧ, １２３, ｇ), the ideographic space and the CJK unit
    squares (㎏, ㎜) only: NFKC of everything would also turn "mm²" into "mm2"."""
    table: dict[int, str] = {}
    for start, stop in ((0x3000, 0x3001), (0x3380, 0x3400), (0xFF01, 0xFFEF)):
        for code in range(start, stop):
            normal = unicodedata.normalize("NFKC", chr(code))
            if normal != chr(code):
                table[code] = normal
    return table


_WIDTH = _width_table()
_HAS_WIDE = re.compile("[\u3000\u3380-\u33ff\uff01-\uffef]")


@dataclass(slots=True)
class TextBudget:
    """Characters still allowed (`ExtractionLimits.max_chars`); parsers stop early once spent."""

    remaining: int
    truncated: bool = False

    def take(self, text: str) -> str:
        if len(text) <= self.remaining:
            self.remaining -= len(text)
            return text
        cut = text[: self.remaining]
        self.remaining = 0
        self.truncated = True
        return cut

    @property
    def exhausted(self) -> bool:
        return self.remaining <= 0


@dataclass(slots=True)
class Parsed:
    """What a format parser found; `extract.py` turns it into an `ExtractedDocument`."""

    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_count: int = 1
    tables: list[Table] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Normalise newlines and full-width forms; drop NUL, other control characters and lone
    surrogates; tidy blanks."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x0c" in text:
        text = text.replace("\x0c", "\n")
    text = _CONTROL.sub("", text)
    if _HAS_WIDE.search(text):
        text = text.translate(_WIDTH)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (e.g. from a broken PDF text layer)
        text = text.encode("utf-8", "replace").decode("utf-8")
    # Line by line, not a regex: `[ \t]+\n` restarts at every blank of a long run (quadratic).
    text = "\n".join(line.rstrip(" \t\u00a0") for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    text = _LONG_BLANKS.sub(_EIGHT_BLANKS, text)
    return text.strip()


def looks_binary(data: bytes) -> bool:
    """Many NULs or control bytes in the head means the bytes are not text in an 8-bit encoding."""
    sample = data[:_SAMPLE_BYTES]
    if not sample:
        return False
    controls = sum(sample.count(bytes([c])) for c in (*range(9), 11, 14, *range(16, 27), 28))
    return controls > max(8, len(sample) // 100)  # a few stray NULs do not make text binary


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows as NUL in every other byte (for Latin text)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _known_codec(name: bytes) -> str | None:
    try:
        return codecs.lookup(name.decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_text(data: bytes) -> tuple[str, str] | None:
    """Decode bytes as text and name the encoding, or None when they are not text at all.

    Order: BOM, strict UTF-8 (most files, and fast), an HTML meta charset, BOM-less UTF-16,
    then charset-normalizer's guess (cp1252, latin-1, Shift-JIS, ...).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    if match and (declared := _known_codec(match.group(1))) is not None:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    if (utf16 := _utf16_without_bom(data)) is not None:
        return data.decode(utf16, "replace"), utf16
    if looks_binary(data):
        return None
    matches = from_bytes(data)
    best = matches.best()
    if best is not None and best.encoding:
        # On short texts the guess between Latin code pages is a coin toss (cp1250 reads
        # "³" as "ł"); when cp1252 reads the bytes just as cleanly, it is far likelier here.
        for candidate in matches:
            if "cp1252" in candidate.could_be_from_charset and candidate.chaos <= best.chaos + 0.01:
                return data.decode("cp1252", "replace"), "cp1252"
        return str(best), best.encoding
    # Not recognised but not binary-looking either: never lose a file over its encoding.
    return data.decode("cp1252", "replace"), "cp1252"


_PIPE_ROW = re.compile(r"^[ \t]*\|?(?:[^|\n]*\|)+[^|\n]*$")
_PIPE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$")


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [" ".join(cell.split()) for cell in inner.split("|")]


def markdown_tables(text: str) -> list[Table]:
    """Markdown pipe tables (a header row, a `---|---` rule, body rows) as `Table`s."""
    tables: list[Table] = []
    lines = text.split("\n")
    heading = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        if (
            index + 1 < len(lines)
            and len(line) < 10_000
            and _PIPE_ROW.match(line)
            and _PIPE_RULE.match(lines[index + 1][:10_000])
        ):
            header = tuple(_pipe_cells(line))
            rows: list[tuple[str, ...]] = []
            index += 2
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                rows.append(tuple(_pipe_cells(lines[index])))
                index += 1
            tables.append(Table("text", header, tuple(rows), heading))
            continue
        index += 1
    return tables


def parse_plain(text: str, budget: TextBudget, *, markdown: bool = False) -> Parsed:
    """Plain text and Markdown are kept as they are (Markdown tables already read as rows)."""
    kept = budget.take(text)
    tables = markdown_tables(kept) if markdown else []
    return Parsed(sections=[Section("text", kept)], tables=tables)
