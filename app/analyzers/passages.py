"""Pick the few lines of a document that matter for weight, materials and cost, within a budget.

Sending a whole specification costs thousands of tokens per article and buries the one line
that states the weight. The model needs the weight lines, material / composition lines, the
title and specification-table rows, each tagged with its location (e.g. "[specification,
page 2]") so the answer can cite where a value came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.analyzers.tokens import count_tokens
from app.extraction.document import ExtractedDocument

MAX_PASSAGE_CHARS = 240
FIRST_LINES = 3  # title / heading lines kept from each document

# Priorities: lower is kept first.
P_WEIGHT = 0
P_MATERIAL = 1
P_TITLE = 2
P_TABLE = 3

_WEIGHT_RE = re.compile(
    r"gewicht|weight|\bmass(e|es)?\b|\bnet\b|\bgross\b|\bnetto\b|\bbrutto\b|\bpoids\b|\bpeso\b",
    re.IGNORECASE,
)
_QUANTITY_RE = re.compile(r"\d\s*(?:kg|g|mg|t|lbs?|oz|gramm?e?s?)\b", re.IGNORECASE)
_NUMBER_RE = re.compile(r"\d")
_MATERIAL_RE = re.compile(
    r"material|werkstoff|composition|zusammensetzung|\balloy|legierung|compound|\bresin"
    r"|polymer|kunststoff|\bsteel|stahl|stainless|aluminium|aluminum|\balu\b|copper|kupfer"
    r"|brass|messing|bronze|\bzinc|\bzink|nickel|\bzinn\b|\bPA ?66?\b|polyamid|\bPOM\b"
    r"|\bABS\b|\bPC\b|\bPP\b|\bPE(?:-?[HL]D)?\b|\bPBT\b|\bPET\b|\bPVC\b|\bPS\b|\bPMMA\b"
    r"|rubber|gummi|\bEPDM\b|\bNBR\b|silicon|\bglass?\b|\bGF ?\d|wood|\bholz|paper|papier"
    r"|cardboard|karton|\b1\.4\d{3}\b|cast iron|\bguss|\bS[23]\d5|\bDC0\d|AlMg|AlSi|CuZn"
    r"|electronic|\bPCB\b|leiterplatte",
    re.IGNORECASE,
)
_TABLE_RE = re.compile(r"[:|\t;=]")
# dimensions, volume and density let the model reason about a weight the text does not state
_DIMENSION_RE = re.compile(
    r"abmessung|dimension|\bsize\b|gr[öo]ße|l[äa]nge|length|width|breite|h[öo]he|height"
    r"|thickness|dicke|st[äa]rke|durchmesser|diameter|volume|volumen|density|dichte",
    re.IGNORECASE,
)
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Passage:
    """One line worth sending, with where it came from."""

    location: str  # "specification, page 2" (shown to the model as "[specification, page 2]")
    text: str
    priority: int
    order: int  # position in the source, to render in reading order


@dataclass(frozen=True, slots=True)
class Selection:
    """The rendered passages and how many tokens they take."""

    text: str
    tokens: int
    kept: int
    candidates: int


def _clip(line: str, match: re.Match[str] | None) -> str:
    """Long rows (a whole XLSX row, a PDF paragraph) are cut to a window around the hit."""
    if len(line) <= MAX_PASSAGE_CHARS:
        return line
    start = 0
    if match is not None:
        start = max(0, min(match.start() - MAX_PASSAGE_CHARS // 3, len(line) - MAX_PASSAGE_CHARS))
    return line[start : start + MAX_PASSAGE_CHARS].strip()


def _score(line: str) -> tuple[int | None, re.Match[str] | None]:
    weight = _WEIGHT_RE.search(line)
    if weight is not None:
        return P_WEIGHT, weight
    material = _MATERIAL_RE.search(line)
    if material is not None:
        return P_MATERIAL, material
    if (_TABLE_RE.search(line) or _DIMENSION_RE.search(line)) and _NUMBER_RE.search(line):
        return P_TABLE, None
    return None, None


def _document_candidates(
    location: str, text: str, start_order: int, *, opening: bool
) -> list[Passage]:
    """Scored lines of one section; `opening` sections also keep their first lines (title)."""
    lines = [_SPACES_RE.sub(" ", raw).strip() for raw in text.splitlines()]
    lines = [line for line in lines if line]
    found: list[Passage] = []
    pending_value = False  # a weight label whose value sits on the next line
    for i, line in enumerate(lines):
        priority, match = _score(line)
        if pending_value:
            priority, pending_value = P_WEIGHT, False
        elif priority == P_WEIGHT and not _QUANTITY_RE.search(line):
            pending_value = not _NUMBER_RE.search(line)
        if opening and i < FIRST_LINES:
            priority = min(priority if priority is not None else P_TITLE, P_TITLE)
        if priority == P_WEIGHT and i > 0 and (not found or found[-1].order != start_order + i - 1):
            # the line before a weight (a table heading, the column names) gives it meaning
            found.append(Passage(location, _clip(lines[i - 1], None), P_TABLE, start_order + i - 1))
        if priority is not None:
            found.append(Passage(location, _clip(line, match), priority, start_order + i))
    return found


def collect_candidates(
    documents: Iterable[ExtractedDocument], description: str | None = None
) -> list[Passage]:
    """Every line worth considering, deduplicated (headers and footers repeat on each page)."""
    candidates: list[Passage] = []
    order = 0
    sources: list[tuple[str, str, bool]] = []
    if description:
        sources.append(("description", description, True))
    for document in documents:
        opening = True
        for section in document.sections:
            if section.text.strip():
                sources.append((f"{document.role}, {section.location}", section.text, opening))
                opening = False
    for location, text, opening in sources:
        found = _document_candidates(location, text, order, opening=opening)
        candidates.extend(found)
        order += len(text.splitlines()) + 1
    seen: set[str] = set()
    unique: list[Passage] = []
    for passage in candidates:
        key = passage.text.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(passage)
    return unique


def render(passages: Sequence[Passage]) -> str:
    """Passages in reading order under their location tags."""
    out: list[str] = []
    current: str | None = None
    for passage in sorted(passages, key=lambda p: p.order):
        if passage.location != current:
            current = passage.location
            out.append(f"[{current}]")
        out.append(passage.text)
    return "\n".join(out)


def select_passages(
    documents: Iterable[ExtractedDocument], description: str | None, budget_tokens: int
) -> Selection:
    """The most useful passages whose rendering fits in `budget_tokens` (o200k tokens)."""
    candidates = collect_candidates(documents, description)
    ranked = sorted(candidates, key=lambda p: (p.priority, p.order))
    kept: list[Passage] = []
    tagged: set[str] = set()
    used = 0
    misses = 0
    for passage in ranked:
        cost = count_tokens(passage.text) + 1
        if passage.location not in tagged:
            cost += count_tokens(f"[{passage.location}]") + 1
        if used + cost > budget_tokens:
            misses += 1
            if misses > 50:  # the budget is full; stop tokenizing a huge document
                break
            continue
        kept.append(passage)
        tagged.add(passage.location)
        used += cost
    text = render(kept)
    tokens = count_tokens(text)
    while kept and tokens > budget_tokens:  # per-line sums are close, not exact: trim to fit
        kept.pop()
        text = render(kept)
        tokens = count_tokens(text)
    return Selection(text=text, tokens=tokens, kept=len(kept), candidates=len(candidates))
