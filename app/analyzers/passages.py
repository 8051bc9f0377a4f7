"""Pick the few lines of a document that matter for weight, materials and cost, within a budget.

Sending a whole specification costs thousands of tokens per article and buries the one line
that states the weight. The model gets only:

- weight lines (weight / mass / Gewicht / Masse / net / gross / poids / peso / masa ...),
  verbatim, with the heading or table header just before them (it carries "net" / "gross" or
  the unit of a column) and the pack-size lines near them ("pack of 50", "VE 100",
  "Inhalt 100 Stück"), so a weight per pack can be divided by its count;
- rows under a table header that names a weight / mass column (a BOM, a component table);
- material / composition lines;
- the document's first line (its title);
- dimension and density rows, only when no weight quantity is stated or the weight is per
  length / area (then the model needs them to compute or estimate one);

each under its location tag ("[specification, page 2]"), de-duplicated, within a per-document
and an overall token budget (o200k_base tokens), weight lines first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.analyzers.offline.vocabulary import WEIGHT_WORDS
from app.analyzers.quantities import find_quantities
from app.analyzers.tokens import count_tokens
from app.extraction.document import ExtractedDocument

MAX_PASSAGE_CHARS = 240
MAX_TITLE_CHARS = 100
PACK_CONTEXT_LINES = 3  # pack-size lines this close to a weight line are kept with it
MAX_TABLE_ROWS = 40  # rows kept under one weight-column table header
MAX_MISSES = 50  # once this many passages did not fit, the budget is full

# Priorities: lower is kept first.
P_WEIGHT = 0  # weight lines and their context (heading, pack size, weight-table rows)
P_MATERIAL = 1
P_TITLE = 2
P_DIMENSION = 3  # only when the weight must be computed or estimated

# Weight words: the offline rules' vocabulary (every language it reads, "净重" included), plus
# the bare qualifiers a table header uses for a weight column ("Net | Gross").
_QUALIFIER_RE = re.compile(
    r"\bnett?o?\b|\bgross\b|\bbrutto\b|\bbrut\b|\blordo\b|\bbruto\b|\bneto\b|\bvikt\b"
    r"|\bhmotnost\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Hit:
    """Where a line matched, for clipping a long line around it."""

    at: int

    def start(self) -> int:
        return self.at


def _weight_word(line: str) -> _Hit | None:
    m = WEIGHT_WORDS.search(line) or _QUALIFIER_RE.search(line)
    return None if m is None else _Hit(m.start())


def _mass_quantity(line: str) -> _Hit | None:
    """A number with a unit of mass (the one quantity parser of the analyzers): the value of a
    weight line, or a weight stated without a label."""
    for q in find_quantities(line, comma_decimal=False):
        return _Hit(q.start)
    return None


_NUMBER_RE = re.compile(r"\d")
_PACK_RE = re.compile(
    r"\bpack|packung|verpackung|\bVE\b|\bVPE\b|\bbox\b|karton|carton|\bcase\b|\bbag\b|beutel"
    r"|\bpallet|palette|inhalt|content|\bqty\b|quantit|menge|\bpcs\b|\bpieces?\b|\bstück|\bstk\b"
    r"|\bst\.|\bunits?\b|\bper \d|\bje \d|\bpro \d|(?:kg|g|lbs?)\s*/\s*\d+|colis|pi[eè]ces?"
    r"|pezzi|confezione|unidades|caja|embalaje|sztuk|opakowanie|stuks|verpakking|doos"
    r"|lieferform|conditionnement|imball",
    re.IGNORECASE,
)
_MATERIAL_RE = re.compile(
    r"material|werkstoff|composition|zusammensetzung|\balloy|legierung|compound|\bresin"
    r"|polymer|kunststoff|\bsteel|stahl|stainless|aluminium|aluminum|\balu\b|copper|kupfer"
    r"|brass|messing|bronze|\bzinc|\bzink|nickel|\bzinn\b|\bPA ?66?\b|polyamid|\bPOM\b"
    r"|\bABS\b|\bPC\b|\bPP\b|\bPE(?:-?[HL]D)?\b|\bPBT\b|\bPET\b|\bPVC\b|\bPS\b|\bPMMA\b"
    r"|rubber|gummi|\bEPDM\b|\bNBR\b|silicon|\bglass?\b|\bGF ?\d|wood|\bholz|paper|papier"
    r"|cardboard|karton|\b1\.4\d{3}\b|cast iron|\bguss|\bS[23]\d5|\bDC0\d|AlMg|AlSi|CuZn"
    r"|electronic|\bPCB\b|leiterplatte|mat[ée]ri[ae]u?|materiale|materiał|acier|acciaio"
    r"|acero|laiton|ottone|lat[óo]n|staal|stal\b|messing|fonte|ghisa|plastique|plastica",
    re.IGNORECASE,
)
# dimensions, volume and density let the model compute or estimate a weight the text lacks
_DIMENSION_RE = re.compile(
    r"abmessung|dimension|\bsize\b|gr[öo]ße|l[äa]nge|length|width|breite|h[öo]he|height"
    r"|thickness|dicke|st[äa]rke|durchmesser|diameter|volume|volumen|density|dichte|wymiar"
    r"|grubo|d[łl]ugo|longueur|largeur|hauteur|[ée]paisseur|lunghezza|larghezza|altezza"
    r"|spessore|longitud|anchura|altura|espesor|lengte|breedte|hoogte|dikte|cross.section"
    r"|querschnitt|\barea\b|fl[äa]che|grammage",
    re.IGNORECASE,
)
# a weight per length or area: the article's weight needs its length / area
_PER_LENGTH_RE = re.compile(
    r"(?:k?g|lbs?)\s*/\s*(?:m|lfm|ft|m²|m2)\b|per (?:metre|meter|m\b|foot|ft\b)"
    r"|pro (?:meter|m\b|lfm)|je (?:meter|m\b|lfm)",
    re.IGNORECASE,
)
# "Hersteller: Stahlbau GmbH" names a company, not a material
_PARTY_RE = re.compile(
    r"^(?:hersteller|lieferant|producent|fabricant|manufacturer|supplier|buyer|customer|kunde"
    r"|leverancier|fornitore|fabricante|proveedor|prepared for|client)\b",
    re.IGNORECASE,
)
_TABLE_SEPARATORS_RE = re.compile(r"[|;\t,]")
_PLACEHOLDER_RE = re.compile(r"^\[(?:table|image|figure) \d+\]$", re.IGNORECASE)
_MASS_UNIT_RE = re.compile(r"[\[(]\s*(?:kg|g|lbs?|oz)\s*[\])]|\b(?:kg|lbs?)\b", re.IGNORECASE)
_NUMBERING_RE = re.compile(r"^\W*\d+(?:\.\d+)*[.)]?\s+(?=\D)")  # "3. ", "2.1 ", "- 1) "
_KEY_VALUE_RE = re.compile(r"[:=]\s*\S|\|\s*\S.*\d")
_ALNUM_RE = re.compile(r"[^\W_]")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Passage:
    """One line worth sending, with where it came from."""

    location: str  # "specification, page 2" (shown to the model as "[specification, page 2]")
    text: str
    priority: int
    order: int  # position in the source, to render in reading order
    source: int = 0  # which document (the description is its own source), for per-document caps


@dataclass(frozen=True, slots=True)
class Selection:
    """The rendered passages and how many tokens they take."""

    text: str
    tokens: int
    kept: int
    candidates: int


def _clip(line: str, match: re.Match[str] | _Hit | None, limit: int = MAX_PASSAGE_CHARS) -> str:
    """Long rows (a whole XLSX row, a PDF paragraph) are cut to a window around the hit."""
    if len(line) <= limit:
        return line
    start = 0
    if match is not None:
        start = max(0, min(match.start() - limit // 3, len(line) - limit))
    return line[start : start + limit].strip()


def _separators(line: str) -> int:
    return len(_TABLE_SEPARATORS_RE.findall(line))


def _is_heading(line: str) -> bool:
    """A short line that names what follows: "4. Verpackung", "## Packaging"."""
    if len(line) > 80 or line.count("|") >= 2:
        return False
    return not _KEY_VALUE_RE.search(line) and not _mass_quantity(line)


def _is_table_header(line: str) -> bool:
    """Column names: "| Part | Net | Gross |", "Pos;Teil;Masse [g]" (no values)."""
    return _separators(line) >= 2 and not _NUMBER_RE.search(line) and len(line) <= MAX_PASSAGE_CHARS


def _section_candidates(
    location: str, lines: Sequence[str], start_order: int, source: int, *, opening: bool
) -> tuple[list[Passage], bool, bool]:
    """Scored lines of one section, and whether it states a weight quantity / a per-length one.

    `opening` sections also keep their first line (the title)."""
    weight_rows: set[int] = set()
    material_rows: set[int] = set()
    dimension_rows: set[int] = set()
    stated = per_length = False
    table_columns = 0  # > 0 while inside a table whose header names a weight column
    table_rows = 0
    labels: set[int] = set()  # weight labels with no value: "Gewicht", "## Weights"
    pending_value = False  # a weight label whose value sits on the next line
    for i, line in enumerate(lines):
        weight = _weight_word(line)
        quantity = _mass_quantity(line)
        if _PER_LENGTH_RE.search(line) and (weight or quantity):
            per_length = True
        separators = _separators(line)
        has_value = _NUMBER_RE.search(_NUMBERING_RE.sub("", line)) is not None
        in_table = table_columns > 0 and separators >= max(1, table_columns - 1)
        if in_table and table_rows < MAX_TABLE_ROWS and has_value:
            weight_rows.add(i)
            table_rows += 1
        elif not in_table:
            table_columns = 0
        if weight is None and _is_table_header(line) and (unit := _MASS_UNIT_RE.search(line)):
            weight = _Hit(unit.start())  # "Pos | Teil | [kg]": a weight column too
        if weight is not None:
            weight_rows.add(i)
            if has_value:
                stated = stated or quantity is not None or pending_value
            elif separators >= 2:  # a table header with a weight column: keep it and its rows
                table_columns, table_rows = separators, 0
            else:
                labels.add(i)
                pending_value = True
                continue
        elif pending_value and has_value:
            weight_rows.add(i)
            stated = True
        elif quantity is not None and _PACK_RE.search(line):
            weight_rows.add(i)  # "Packung à 500 Stück: 1,15 kg"
            stated = True
        pending_value = False
        if _MATERIAL_RE.search(line) and not _PARTY_RE.match(line):
            material_rows.add(i)
        elif _DIMENSION_RE.search(line) and has_value:
            dimension_rows.add(i)
    # a label followed by a labelled weight line ("Weights" / "Net weight: 86 g") adds nothing
    weight_rows -= {i for i in labels if i + 1 < len(lines) and _weight_word(lines[i + 1])}
    context: set[int] = set()
    for i in sorted(weight_rows):
        for j in range(max(0, i - PACK_CONTEXT_LINES), min(len(lines), i + PACK_CONTEXT_LINES + 1)):
            if j in weight_rows or not _PACK_RE.search(lines[j]):
                continue
            if _NUMBER_RE.search(_NUMBERING_RE.sub("", lines[j])) or _is_heading(lines[j]):
                context.add(j)  # "VE 100 Stück", "Inhalt | 100", "## Verpackung"
    found: list[Passage] = []
    for i, line in enumerate(lines):
        order = start_order + i
        if i in weight_rows or i in context:
            match = _weight_word(line) or _mass_quantity(line)
            found.append(Passage(location, _clip(line, match), P_WEIGHT, order, source))
        elif i in material_rows:
            found.append(
                Passage(location, _clip(line, _MATERIAL_RE.search(line)), P_MATERIAL, order, source)
            )
        elif opening and i == 0:
            found.append(
                Passage(location, _clip(line, None, MAX_TITLE_CHARS), P_TITLE, order, source)
            )
        elif i in dimension_rows:
            dimension = _DIMENSION_RE.search(line)
            found.append(Passage(location, _clip(line, dimension), P_DIMENSION, order, source))
    return found, stated, per_length


def collect_candidates(
    documents: Iterable[ExtractedDocument], description: str | None = None
) -> list[Passage]:
    """Every line worth considering, deduplicated (headers and footers repeat on each page)."""
    sources: list[tuple[str, str, bool, int]] = []
    if description:
        sources.append(("description", description, True, 0))
    for number, document in enumerate(documents, 1):
        opening = True
        for section in document.sections:
            if section.text.strip():
                location = f"{document.role}, {section.location}"
                sources.append((location, section.text, opening, number))
                opening = False
    candidates: list[Passage] = []
    stated = per_length = False
    order = 0
    for location, text, opening, source in sources:
        lines = [_SPACES_RE.sub(" ", raw).strip() for raw in text.splitlines()]
        lines = [
            line for line in lines if _ALNUM_RE.search(line) and not _PLACEHOLDER_RE.match(line)
        ]
        found, has_weight, has_per_length = _section_candidates(
            location, lines, order, source, opening=opening
        )
        candidates.extend(found)
        stated, per_length = stated or has_weight, per_length or has_per_length
        order += len(lines) + 1
    if stated and not per_length:  # the weight is stated: dimensions would only cost tokens
        candidates = [p for p in candidates if p.priority != P_DIMENSION]
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
    documents: Iterable[ExtractedDocument],
    description: str | None,
    budget_tokens: int,
    *,
    per_document_tokens: int | None = None,
) -> Selection:
    """The most useful passages whose rendering fits in `budget_tokens` (o200k tokens), with
    at most `per_document_tokens` from any one document (the description counts as one)."""
    candidates = collect_candidates(documents, description)
    ranked = sorted(candidates, key=lambda p: (p.priority, p.order))
    kept: list[Passage] = []
    tagged: set[str] = set()
    per_source: dict[int, int] = {}
    used = 0
    misses = 0
    for passage in ranked:
        cost = count_tokens(passage.text) + 1
        if passage.location not in tagged:
            cost += count_tokens(f"[{passage.location}]") + 1
        source_used = per_source.get(passage.source, 0)
        over_document = per_document_tokens is not None and (
            source_used + cost > per_document_tokens
        )
        if used + cost > budget_tokens or over_document:
            misses += 1
            if misses > MAX_MISSES:  # the budget is full; stop tokenizing a huge document
                break
            continue
        kept.append(passage)
        tagged.add(passage.location)
        per_source[passage.source] = source_used + cost
        used += cost
    text = render(kept)
    tokens = count_tokens(text)
    while kept and tokens > budget_tokens:  # per-line sums are close, not exact: trim to fit
        kept.pop()
        text = render(kept)
        tokens = count_tokens(text)
    return Selection(text=text, tokens=tokens, kept=len(kept), candidates=len(candidates))
