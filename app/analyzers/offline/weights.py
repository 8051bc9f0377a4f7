"""The article's unit weight: collect every mass figure with its context, classify, decide.

1. **Collect.** Every mass quantity of every document (`quantities.find_quantities`, one unit
   table and one decimal decision per document), with its label (the clause before it on the
   line, else the line's label, else a header line or heading above), the words after it, the
   table column header (a unit in "Weight (g)" applies to the bare numbers below it) and the
   row and column labels, the nearest heading and model line. Metric and imperial figures
   printed as a pair ("4.4 lbs (2.0 kg)") are one mention: the metric value counts.
2. **Classify** each mention into a `WeightBasis` from the words around it (vocabulary.py):
   net / unspecified (the article's own), gross, per pack (divided by a count found on the
   line or anywhere in the document), per length (× a stated length), per area, capacity,
   process, not a mass, a component the article name does not name.
3. **Variant.** Tokens of the article name are matched against each mention's row, column,
   model heading and neighbouring words: when some mention names the article, mentions that
   name another variant lose.
4. **Plausibility.** A weight must fit the document: not more than a solid block of the
   stated dimensions could weigh, not less than a hollow shell of them, not more than the kind
   of product the name names (a screw is not 120 t).
5. **Decide or abstain.** Mentions that agree (within 1.5 %) form a cluster; the strongest
   cluster wins only if it is strong enough and no other cluster comes close. Otherwise the
   weight is None, the status says why, and the ranked candidates say why each lost.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from app.analyzers.base import Evidence, WeightBasis, WeightCandidate, WeightFinding, WeightStatus
from app.analyzers.offline import basis as B  # noqa: N812 - a figure's basis, read as B.fn
from app.analyzers.offline import counts as C  # noqa: N812 - piece counts, read as C.fn
from app.analyzers.offline import derived as D  # noqa: N812 - derived weights, read as D.x
from app.analyzers.offline import key_counts as KC  # noqa: N812 - counts beside a weight field
from app.analyzers.offline import line_counts as LC  # noqa: N812 - a table line's quantity
from app.analyzers.offline import listed_parts as LP  # noqa: N812 - parts a document lists
from app.analyzers.offline import names as N  # noqa: N812 - the article name, read as N.Name
from app.analyzers.offline import others as O  # noqa: N812 - other objects, read as O.fn
from app.analyzers.offline import ranges as RG  # noqa: N812 - weight ranges, read as RG.fn
from app.analyzers.offline import revisions as R  # noqa: N812 - corrections, read as R.fn
from app.analyzers.offline import set_counts as S  # noqa: N812 - sets and pairs of pieces
from app.analyzers.offline import stated_parts as SP  # noqa: N812 - parts beside a whole
from app.analyzers.offline import states as ST  # noqa: N812 - with/without states, ST.fn
from app.analyzers.offline import tables as T  # noqa: N812 - variant tables, read as T.fn
from app.analyzers.offline import units_of_measure as UM  # noqa: N812 - an ERP row's unit
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.offline._text import DIGITS, Line, iter_lines, tokens_of, trim_quote
from app.analyzers.quantities import (
    LB_G,
    OZ_G,
    decimal_comma,
    find_quantities,
    mass_unit,
    numbers,
    parse_number,
    to_int,
)
from app.extraction.document import Section, Table

__all__ = [
    "Mention",
    "WeightDecision",
    "collect_mentions",
    "decide",
    "fmt_grams",
    "parse_quantity_grams",
]

_ELIGIBLE = {WeightBasis.NET, WeightBasis.UNSPECIFIED, WeightBasis.UPPER_BOUND, WeightBasis.DERIVED}
_BASE_SCORE = {
    WeightBasis.NET: 0.9,
    WeightBasis.UNSPECIFIED: 0.8,
    WeightBasis.DERIVED: 0.72,
    WeightBasis.UPPER_BOUND: 0.65,
}
_MIN_SCORE = 0.5
_CONFLICT_MARGIN = 0.08
_SUPPORTED_MARGIN = 0.1 + 1e-9  # a rival stated in more places may be this far behind
_AGREE = 0.015


def fmt_grams(grams: float) -> str:
    if grams >= 1000:
        return f"{grams / 1000:.4g} kg"
    return f"{grams:.4g} g"


@dataclass(slots=True)
class Mention:
    """One mass figure of a document and what its context says it is."""

    grams: float | None  # per piece (after pack / length arithmetic), None when not derivable
    stated_grams: float
    basis: WeightBasis
    score: float
    quote: str
    location: str
    source: str
    order: int
    keys: frozenset[str] = frozenset()  # variant tokens: row, column, model heading, words
    reason: str = ""
    note: str = ""
    metric: bool = True
    context: bool = False  # labelled only by a header line or heading above
    total: bool = False  # labelled as the whole ("Total weight", "Rollo completo")
    matched: bool = False  # names the article (variant tokens of the article name)
    part: str = ""  # the part a component weight is of ("válvula" of "Peso de la válvula")
    qualifier: str = ""  # the word that qualifies its label ("crate" of "Weight per crate")
    label: str = ""  # the words that label it ("Gewicht x 100 Stk (kg)")
    # what its row, record or column names it by, and its own figure there (tokenised only
    # when rival values are compared: `variant_tokens`)
    variant_text: str = ""
    variant_figure: float | None = None

    def variant_tokens(self) -> frozenset[str]:
        return N.variant_tokens(self.variant_text, figure=self.variant_figure)


# ------------------------------------------------------------------ context of a quantity

_SEP = re.compile(r"[;|\t；]|,(?!\d)|，|(?<=\s)/(?=\s)|(?<=\d)=")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_PAIR_BETWEEN = re.compile(r"^\s*(?:\(|/|=|or|oder|ou|o|bzw\.?|,)?\s*$", re.IGNORECASE)
_RANGE_BETWEEN = re.compile(r"^\s{0,3}(?:-|–|—|to|bis|à)\s{0,3}$", re.IGNORECASE)
_SHARED_UNIT_BEFORE = re.compile(r"(?<![\d.,])(?P<n>\d{1,6}(?:[.,]\d{1,4})?)\s{0,2}/\s{0,2}$")
_TOLERANCE_BEFORE = re.compile(r"(?:±|\+/-|\+-|\+/−)\s*$")
_IMPERIAL = {LB_G, OZ_G}
_UNIT_IN_LABEL = re.compile(
    r"(?:[\[(（]\s*(?:in\s+)?(?P<b>[^\W\d_]{1,9})(?P<r>\s{0,2}/\s{0,2}(?:m²|m2|km|m)(?![^\W_]))?\s*[\])）])"
    r"|(?:(?<=[\s_\-.])|^)(?P<t>kg|kgs|g|gr|lbs?|oz|mg|grams?|gramm|克|公斤|千克)"
    r"(?=$|[\s_:=|\]),/\"'])",
    re.IGNORECASE,
)
# A key that is a mass per area and nothing else ("kg/m2=10", "g/m2: 400"): a weight with no
# weight word, since no other quantity is written in kg per square metre. Not "kg/m": a hose
# row "hose kg/m" may weigh one part of an assembly.
_RATE_KEY = re.compile(r"(?:^|[\s|;:])(?=(?:kg|g)\s?/\s?(?:m²|m2)\s{0,2}[:=])", re.IGNORECASE)
# A key's rate after its unit ("weight_g_per_m", "masse_kg_per_m2", "peso_kg/m"): the figure
# weighs a metre or a square metre
_KEY_RATE_AFTER = re.compile(
    r"^(?:_per_|_pro_|_je_|\s?/\s?)(?P<u>m²|m2|m)(?![^\W_])", re.IGNORECASE
)
_GLUED_NOT_MASS = re.compile(
    r"^\s*(?:[·*⋅]\s*(?:c?m|mm|in)\b|-?\s*(?:force|kraft)\b)", re.IGNORECASE
)
_SLASH_AREA = re.compile(r"^\s*/\s*(?:m²|m2|m\^2|sqm|qm)", re.IGNORECASE)
_SLASH_NOT_MASS = re.compile(
    r"^\s*/\s*(?:cm³|cm3|ccm|cc|dm³|dm3|m³|m3|l|ml|cl|dl|ltr|liter|litre|h|hr|min|s|sec|mm|cm|kw|kwh|day|tag|year)\b",
    re.IGNORECASE,
)
_SLASH_KM = re.compile(r"^\s*(?:/|per|pro|je)\s*km(?![^\W\d_²³])", re.IGNORECASE)
_SLASH_LENGTH = re.compile(
    r"^\s*(?:/|per|pro|je)\s*(?:lfd\.?\s*)?(?:m|lfm|meter|metre|mtr\.?)(?![^\W\d_²³])",
    re.IGNORECASE,
)
_SLASH_CONTAINER = re.compile(
    r"^\s*/\s*(?:箱|盒|包|袋|ctn|carton|box|bag|pack|karton|caja|scatola|carton|doos"
    r"|cs|pk|pkg|pkt|bx|boîte|boite|sachet|sac|paquet|colis|schachtel|beutel|packung|paket"
    r"|bolsa|paquete|caixa|pacote|confezione|conf|busta|sacchetto|zak|pak|kartong|påse|eske"
    r"|pakke|pose|laatikko|pakkaus|pussi|krabice|balení|sáček|kutu|koli|poşet|doboz|csomag"
    r"|cutie|pachet|коробка|упаковка|пакет|уп|κουτί|συσκευασία|ケース|상자|박스|봉지|팩)(?![^\W\d_])",
    re.IGNORECASE,
)
_SLASH_WORD = re.compile(r"^\s*/\s*(?P<w>[^\W\d_]{1,12})(?![^\W\d_])")
_SLASH_FOOT = re.compile(
    r"^\s*(?:/|per)\s*(?:lin(?:ear)?\.?\s*)?(?:ft|foot|feet|pie|pies)(?![^\W\d_])", re.IGNORECASE
)
_IDENT_LINE_MAX_TOKENS = 4
# "Weight (with battery)", "Gewicht ohne Akku": a scope word before a part's name says what the
# article's weight includes or leaves out; the figure is not the weight OF that part.
_SCOPED = re.compile(
    r"(?<![^\W\d_])(?:without|w/o|excl\.?|excluding|ohne|exkl\.?|sans|senza|sin|zonder|bez|utan"
    r"|with|w/|incl\.?|including|inkl\.?|mit|avec|con|com|met|med|sem)\s*$"
    r"|(?:不含|不包括|含|包括|包含)\s*$",
    re.IGNORECASE,
)


def _split_clauses(text: str, figure_before: bool = False) -> list[str]:
    """Split at ; | tab, "," and " / ", but not inside parentheses ("Weight (net, per pc)"),
    and at the end of a sentence with a figure (`figure_before`: the text follows one)."""
    out: list[str] = []
    depth = start = sentence = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and _SEP.match(text, i):
            out.append(text[start:i])
            start = i + 1
        elif (
            ch == "."
            and depth == 0
            and (figure_before or _DIGIT.search(text, sentence, i))
            and _sentence_end(text, i)
        ):
            out.append(text[start:i])
            start = sentence = i + 1
            figure_before = False
    out.append(text[start:])
    return out


# A full stop after a word, and a capital starting the next sentence: "… (Rohteil). Das
# korrigierte Gewicht: 1.250 g", "Tensile strength 38.2 kN. Weight per 100 links: 1.63 kg".
# The words of one sentence never label the next one's figure. Not after an abbreviation
# ("approx. Weight", "inkl. Verpackung", "Art. Nr.").
_SENTENCE_BREAK = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=[)\]]))\.\s+(?=[^\W\d_])")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
_DIGIT = re.compile(r"\d")
_ABBREVIATIONS = frozenset(
    V.split_words(
        "approx ca incl inkl excl exkl einschl zzgl max min env aprox approssim circa nr no art "
        "gew bzw vgl ggf usw etc resp evtl dim mat pos ref tel fig abb nom typ std lt gem bzgl"
    )
)


def _sentence_end(text: str, i: int) -> bool:
    """The full stop at `i` ends a sentence: the next starts with a capital after a word. Read
    only where the sentence has a figure of its own ("Nennmasse lt. Zeichnung: 270 g" has none
    before its stop, and its words go on labelling the figure)."""
    m = _SENTENCE_BREAK.match(text, i)
    if m is None or not text[m.end()].isupper():
        return False
    word = _WORD_BEFORE.search(text, 0, i)
    return word is None or word.group(1).lower() not in _ABBREVIATIONS


_UNIT_CELL = re.compile(
    r"^\s*[\[(（]?\s*(?:in\s+)?(?:kg|kgs|g|gr|lbs?|oz|mg|grams?|gramm|克|公斤|千克)\s*[\])）]?\s*$",
    re.IGNORECASE,
)


def _clause_before(text: str) -> str:
    """The nearest clause with words before a figure; a cell that is only the unit ("Weight |
    kg | 42", a table row whose unit has its own column) joins the label cell before it."""
    parts = [p for p in _split_clauses(text) if _HAS_LETTER.search(p)]
    if not parts:
        return ""
    if len(parts) >= 2 and _UNIT_CELL.match(parts[-1]):
        return f"{parts[-2].strip()} {parts[-1].strip()}"
    return parts[-1]


_ASIDE = re.compile(r"\s*[(（][^()（）]{3,80}[)）]")


# "(incl. 0.25 kg core)", "inkl. 0,3 kg Spule", "dont 0,2 kg de mandrin", "de los cuales": a
# figure right after one of these is a part of the figure before it
_INCLUDED_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:incl|including|inkl|inklusive|einschl|einschließlich|davon|of\s+which"
    r"|dont|y\s+compris|compris|incluido|incluida|incluidos|incluye|de\s+los\s+cuales|incluso"
    r"|compreso|compresa|di\s+cui|inclusief|waarvan|incluindo|dos\s+quais|včetně|włącznie\s+z)"
    r"\.?:?\s{0,3}(?:ca\.?\s{0,2}|approx\.?\s{0,2})?$",
    re.IGNORECASE,
)


def _counted_keys(row: str, keys: Iterable[str]) -> bool:
    """A row's numbers are counts of pieces ("1000 adet ağırlığı"), not a list's numbering."""
    counted = {f"#{m['n']}" for m in C.COUNTED.finditer(row)}
    return bool(counted) and all(k in counted for k in keys)


def _gross_sentence(own: str, line_label: str) -> str:
    """The sentence a figure ends whose gross weight word a comma cut off from the clause right
    before the figure ("Gross weight per reel incl. reel, tape and dry pack: 1.1 kg"): the
    clause alone names only a pack. Empty when the clause has a weight word of its own."""
    if V.WEIGHT_WORDS.search(own) or not V.PACK_WORDS.search(own):
        return ""
    sentence = re.split(r"[|;\t]|\.\s(?=[^\W\d_a-z])", line_label.strip(" |\t"))[-1].strip()
    if (
        sentence != own.strip()
        and V.GROSS_WORDS.search(sentence)
        and V.WEIGHT_WORDS.search(sentence)
    ):
        return sentence
    return ""


def _qualified_pack(own: str, line_label: str) -> str:
    """The label cell whose last clause, the one before a figure, only qualifies a counted
    pack's weight named before the comma ("Box weight (10 pcs), net"): a net word, no weight
    or pack word of its own. Empty otherwise."""
    cell = re.split(r"[|;\t]", line_label.strip(" |\t"))[-1].strip()
    if (
        cell != own.strip()
        and "," in cell
        and V.NET_WORDS.search(own)
        and not V.WEIGHT_WORDS.search(own)
        and not V.PACK_WORDS.search(own)
        and V.PACK_WORDS.search(cell)
        and C.pack_n(cell) is not None
    ):
        return cell
    return ""


def _without_aside(label: str) -> str:
    """A sentence's label without the asides in brackets before its weight word ("la molla
    MG-300 (forza 300 N, corsa 150 mm) ha un peso"): they describe the subject, the weight is
    still the subject's. Empty when there is none, or the bracket qualifies the weight word
    itself ("Gewicht (mit Verpackung)")."""
    weight = V.WEIGHT_WORDS.search(label)
    if weight is None:
        return ""
    head = label[: weight.start()]
    first = _ASIDE.search(head)
    if first is None or not head[: first.start()].strip():
        return ""
    return _ASIDE.sub(" ", head) + label[weight.start() :]


_SPACED_CELL_SEP = re.compile(r"\s{2,}|\s*[|\t;]\s*")


_COUNTED_PACK_WORD = re.compile(r"(?<![\d.,])(?P<n>\d{1,5})\s{0,2}$")


def _mass_column(header: str) -> str:
    """The one column of a header row that a weight word names ("Masse (g)" of "Probe  Länge
    (mm)  Federkraft (N)  Masse (g)"): a figure in a mass unit under that header is its, not
    the force's. Empty when no column or several do."""
    cells = [c for c in _SPACED_CELL_SEP.split(header) if c.strip()]
    if len(cells) < 2:
        return ""
    weights = [c for c in cells if V.WEIGHT_WORDS.search(c)]
    return weights[0].strip() if len(weights) == 1 else ""


def _clause_after(text: str) -> str:
    """The qualifier right after a figure ("(packed state)"), up to the next separator."""
    return _split_clauses(text[:80])[0][:60]


_STRONG_SEP = re.compile(r"[;|\t；]")


def _words_after(text: str) -> str:
    """What describes a figure after it ("(224 g), black"), up to the next strong separator."""
    return _STRONG_SEP.split(text[:80], maxsplit=1)[0]


def _immediate_clause(text: str) -> str:
    """The clause right before a figure; empty when it has no words (then the line's label)."""
    last = _split_clauses(text, figure_before=True)[-1]
    return last if _HAS_LETTER.search(last) else ""


_PIECE_SET = frozenset(w.lower() for w in V.PIECE_WORDS) | {"piezas", "pezzi", "stück", "stk"}
_COLON_SEP = re.compile(r"(?<=\S)[:：]\s+|[:：]\s*$")
_VALUE_PREFIX = re.compile(r"^\s*(?:ca\.?|approx\.?|~|≈|about|circa|etwa)?\s*$", re.IGNORECASE)


def _nearest_label(clause: str) -> str:
    """The label right before a figure when one clause runs several "Label: value" pairs
    together (a spec block flattened into one line, a JSON key path before its text value:
    "specs.content: Dimensions: 12 x 31 cm Weight: 4.4 lbs"): the words before the last
    colon, not the key path or the previous pair's value."""
    parts = _COLON_SEP.split(clause)
    if len(parts) < 3 or not _VALUE_PREFIX.match(parts[-1]):
        return clause
    words: list[str] = []
    tokens = parts[-2].split()
    counted = 0
    depth = 0  # inside a parenthesis right before the colon: "Weight of one carton (flat, …):"
    for n, token in enumerate(reversed(tokens)):
        if any(c in DIGITS for c in token) and words and words[-1].lower() in _PIECE_SET:
            words.append(token)  # "Peso por 1.000 piezas (kg):": a count inside the label
            continue
        if not words and token.endswith(")") and "(" not in token:
            depth = 1
        if depth:
            words.append(token)
            if "(" in token:
                depth = 0
            continue
        if any(c in DIGITS for c in token) or (words and token.endswith(")") and "(" not in token):
            break
        words.append(token)
        counted += 1
        if token[:1].isupper():  # a label starts with a capital: "... backlight Weight:"
            before = tokens[len(tokens) - n - 2] if n + 1 < len(tokens) else ""
            if before.endswith(".") and len(before) <= 5 and before[:1].isalpha():
                words.append(before)  # "Max. Gewicht:", "Zul. Last:"
            break
        if counted == 5:
            break
    if not words or not _HAS_LETTER.search(" ".join(words)):
        return clause
    return f"{' '.join(reversed(words))}: {parts[-1].strip()}".strip()


@dataclass(slots=True)
class _Raw:
    """A quantity with its label, before classification."""

    grams: float
    start: int
    end: int
    approx: bool = False
    upper_bound: bool = False
    is_range: bool = False
    metric: bool = True
    after: str = ""
    unit_glued: str = ""
    note: str = ""
    label: str = ""  # the column header that labels a bare number in a table row
    low: float = 0.0  # a range's ends in grams (0.0 when the figure is no range)
    high: float = 0.0


def _cell_pack_label(label: str, cell: str, written: Sequence[_Raw]) -> str:
    """The label with the counted pack a cell names before its one figure ("Gewicht" over
    "VE 20 Stück: 3,4 kg", "Caja de 100: 2 kg"): the figure weighs that pack, not one piece."""
    if len(written) != 1:
        return label
    lead = cell[: written[0].start].strip(" :=\t")
    if lead and V.PACK_WORDS.search(lead) and C.pack_n(lead):
        return f"{label} {lead}"
    return label


def _raw_quantities(text: str, comma: bool) -> list[_Raw]:
    out: list[_Raw] = []
    for q in find_quantities(text, comma_decimal=comma):
        if _TOLERANCE_BEFORE.search(text[: q.start]):
            continue  # "± 0,3 g", "±40 g": a tolerance or an acceleration, never a weight
        glued = q.after
        if q.unit.endswith(".") and glued[:1].isalpha():
            glued = "·" + glued  # "g.cm²"
        factor = mass_unit(q.unit) or 1.0
        shared = _SHARED_UNIT_BEFORE.search(text[max(0, q.start - 20) : q.start])
        if shared and not q.is_range:  # "1,2/1,4 kg": the first figure shares the unit
            offset = max(0, q.start - 20)
            out.append(
                _Raw(
                    parse_number(shared["n"], comma_decimal=comma) * factor,
                    offset + shared.start("n"),
                    offset + shared.end("n"),
                    metric=factor not in _IMPERIAL,
                    after=text[offset + shared.end("n") : q.start],
                )
            )
        raw = _Raw(
            q.grams,
            q.start,
            q.end,
            q.approx,
            q.upper_bound,
            q.is_range,
            metric=mass_unit(q.unit) not in _IMPERIAL,
            after=text[q.end : q.end + 60],
            unit_glued=glued,
        )
        if q.is_range:
            raw.low, raw.high = q.low, 2 * q.grams - q.low
        else:
            _open_range(text, raw, factor, comma, out)
        out.append(raw)
    return _merge_pairs(text, out)


def _open_range(text: str, raw: _Raw, factor: float, comma: bool, out: list[_Raw]) -> None:
    """ "between 90 and 140 g", "da 45 a 120 g", "zwischen 1 kg und 1,5 kg": a range whose
    opening word stands before its low end; the figure becomes the range (its middle), and a
    low end with a unit of its own is no figure apart."""
    offset = max(0, raw.start - 48)
    opened = RG.opened_low(text[offset : raw.start], factor, comma=comma)
    if opened is None or not RG.spans(opened[1], raw.grams):
        return
    start, low = offset + opened[0], opened[1]
    while out and out[-1].start >= start:
        out.pop()  # "between 90 g and": the low end read as a figure of its own
    raw.low, raw.high, raw.start, raw.is_range = low, raw.grams, start, True
    raw.grams = (low + raw.grams) / 2


def _merge_pairs(text: str, qs: list[_Raw]) -> list[_Raw]:
    """'5 lb 4 oz' is one figure; '4.4 lbs (2.0 kg)' is one figure whose metric value counts."""
    out: list[_Raw] = []
    for q in qs:
        prev = out[-1] if out else None
        between = text[prev.end : q.start] if prev is not None else ""
        if (
            prev is not None
            and _RANGE_BETWEEN.match(between)
            and prev.metric == q.metric
            and prev.grams < q.grams < 10 * prev.grams
        ):
            prev.low, prev.high = prev.grams, q.grams
            prev.grams, prev.end, prev.is_range = (prev.grams + q.grams) / 2, q.end, True
            prev.after = text[q.end : q.end + 60]
            continue  # "240 g - 260 g"
        if prev is not None and _PAIR_BETWEEN.match(between):
            if not prev.metric and not q.metric and prev.grams >= LB_G * 0.99 and q.grams < LB_G:
                prev.grams += q.grams  # 5 lb 4 oz
                prev.end = q.end
                continue
            if prev.metric != q.metric:
                metric, imperial = (prev, q) if prev.metric else (q, prev)
                agree = abs(metric.grams - imperial.grams) <= 0.01 * metric.grams
                keep = replace(
                    metric,
                    start=prev.start,
                    end=q.end,
                    after=text[q.end : q.end + 60],
                    note=f"metric value taken; the imperial {fmt_grams(imperial.grams)} "
                    + ("agrees" if agree else "disagrees"),
                )
                out[-1] = keep
                continue
        out.append(q)
    return out


def _net_before_unit(text: str) -> re.Match[str] | None:
    """A net word right before a mass unit ("Net (g)=160", "box_net_g: 480"): a net weight's
    label with no weight word. Not a net word elsewhere ("NW 7,2" is a nominal width)."""
    for m in V.NET_WORDS.finditer(text):
        gap = text[m.end() : m.end() + 2]
        at = m.end() + len(gap) - len(gap.lstrip(" _"))  # "Net (g)", "net_g"
        if (u := _UNIT_IN_LABEL.match(text, at)) and mass_unit(u["b"] or u["t"] or "") is not None:
            return m
    return None


def _label_unit_quantities(text: str, comma: bool) -> list[_Raw]:
    """'Weight kg 42', 'weight_kg: 0.25', 'Gewicht [g] | 95': the unit is in the label."""
    if _UNIT_IN_LABEL.search(text) is None:
        return []  # the cheap test first: most lines with a number have no unit in a label
    w = V.WEIGHT_WORDS.search(text) or _net_before_unit(text) or _RATE_KEY.search(text)
    if w is None:
        return []
    found: list[_Raw] = []
    for m in _UNIT_IN_LABEL.finditer(text, w.start()):
        if found:
            break
        unit = m["b"] or m["t"]
        factor = mass_unit(unit)
        if factor is None or B.grade_letter(text, m.start(), unit):  # "Güte G 6,3"
            continue
        tail = text[m.end() :]
        glued = m["r"] or ""  # "Gewicht (kg/m)": a weight per metre
        if pm := C.SLASH_PACK.match(tail.replace("_", " ")):  # "weight_lb_per_1000: 42.5" too
            glued, tail = tail[: pm.end()].replace("_", " "), tail[pm.end() :]
        elif not glued and (rm := _KEY_RATE_AFTER.match(tail)):  # "무게_g_per_m", "weight_kg_m2"
            glued, tail = f"/{rm['u']}", tail[rm.end() :]
        offset = len(text) - len(tail)
        out: list[_Raw] = []
        gap_start = 0
        for start, end, value in numbers(tail, comma_decimal=comma)[:6]:
            s, e = offset + start, offset + end
            rest = text[e : e + 3].strip()[:1]
            if _HAS_LETTER.search(tail[gap_start:start]) or (
                rest and (_HAS_LETTER.match(rest) or rest in "x×%°")
            ):
                break  # the numbers right after the label only: "weight_kg=0.38 | length_mm=250"
            gap_start = end

            out.append(
                _Raw(
                    value * factor,
                    s,
                    e,
                    metric=factor not in _IMPERIAL,
                    after=text[e : e + 60],
                    unit_glued=glued,
                )
            )
        found = out
    return found


# ------------------------------------------------------------------ classification


# How many of a document's first lines may hold its title ("COMMERCIAL INVOICE")
_TITLE_LINES = 6
_CONSIGNMENT = "the weights of a consignment"
_CONSIGNED = "a consignment's net weight ÷"


# A title set in spaced letters ("D O C U M E N T O   D I   T R A S P O R T O"): the letters
# of a word one space apart, its words more
_SPACED_LETTERS = re.compile(r"(?<![^\W\d_])[^\W\d_](?: [^\W\d_](?![^\W\d_]))+")


def _unspaced(text: str) -> str:
    """A title's spaced letters closed up into words, so its title words are seen."""
    closed = _SPACED_LETTERS.sub(lambda m: m.group().replace(" ", ""), text)
    return closed if closed == text else " ".join(closed.split())


class _Doc:
    """What the whole document says that one line cannot: a pack count, a length. Each is
    looked for on first use only: most documents never ask (no pack or per-metre weight)."""

    __slots__ = (
        "_comma",
        "_consignment",
        "_count",
        "_counts",
        "_filled",
        "_length",
        "_lines",
        "_listed",
        "_name",
        "_paths",
        "_shipping",
        "area_m2",
    )
    _UNSET: float = -1.0

    def __init__(self, lines: Sequence[Line], name: str, comma: bool) -> None:
        self._lines, self._name, self._comma = lines, name, comma
        self._count: int | float | None = self._UNSET
        self._length: float | None = self._UNSET
        self.area_m2 = D.name_area_m2(name)  # the face the article name states ("1000 x 2000 mm")
        self._paths: dict[str, str] | None = None
        self._filled: bool | None = None
        self._shipping: bool | None = None
        self._listed: frozenset[str] | None = None
        self._consignment: list[int] | None = None
        self._counts: frozenset[int] | None = None

    def listed_part(self, label: str, name: N.Name) -> str:
        """The part of the article a label weighs when the document lists the article's parts
        ("In the set: hose, spray gun, …" beside "Hose weight"): empty when it weighs no such
        part, or the part is the article the name names."""
        part = _weighed_word(label)
        if not part:
            return ""
        if self._listed is None:
            self._listed = LP.listed_words((line.text for line in self._lines), name)
        return LP.listed_part(part, name, self._listed, self.name_low)

    def set_count(self, word: str) -> int | None:
        """The pieces a set or pair the document names holds ("set van 4", "1組(2本)")."""
        return S.set_count(word, (line.text for line in self._lines))

    @property
    def name_low(self) -> str:
        return self._name.lower()

    @property
    def key_paths(self) -> dict[str, str]:
        """An export's "a.b.c: value" lines by key path (for the counts beside a weight)."""
        if self._paths is None:
            self._paths = KC.key_paths(line.text for line in self._lines)
        return self._paths

    @property
    def lines(self) -> Sequence[Line]:
        return self._lines

    @property
    def sold_filled(self) -> bool:
        """The article is a container sold with its contents: the name says it is filled, or
        names its contents before the container ("Désinfectant, bidon 5 L", not "Jerrycan
        20 L") and the document gives the contents' density or fill mass."""
        if self._filled is None:
            name = self.name_low.lstrip()
            self._filled = V.FILLED_WORDS.search(name) is not None or (
                V.CONTAINER_WORDS.pattern.match(name) is None
                and any(V.FILL_MASS.search(line.text) for line in self._lines)
            )
        return self._filled

    @property
    def shipping_document(self) -> bool:
        """The document is an invoice, delivery note or packing list: its title, among its
        first lines, says so ("COMMERCIAL INVOICE", "Lieferschein", "Documento di trasporto")."""
        if self._shipping is None:
            head = [line.text for line in itertools.islice(self._lines, _TITLE_LINES)]
            self._shipping = any(
                V.SHIPPING_DOCUMENT_WORDS.search(text) for text in map(_unspaced, head)
            )
        return self._shipping

    @property
    def consignment_counts(self) -> list[int]:
        """The articles a shipping document's quantity lines count (`LC.consignment_counts`;
        a count of pieces only when the name counts no pieces of a pack itself)."""
        if self._consignment is None:
            words = frozenset(w for w in tokens_of(self.name_low) if w.isalpha())
            pieces = C.pack_n(self.name_low) is None
            texts = (line.text for line in self._lines)
            self._consignment = LC.consignment_counts(texts, words, pieces=pieces)
        return self._consignment

    @property
    def pack_count(self) -> int | None:
        if self._count == self._UNSET:
            self._count = (
                C.named_pack_count(self._lines, self._name)
                or C.pack_count(self._lines)
                or C.count_field(self._lines, self.name_low)
            )
        return None if self._count is None else int(self._count)

    @property
    def pack_counts(self) -> frozenset[int]:
        """Every pack count the lines state (`C.pack_counts`)."""
        if self._counts is None:
            self._counts = C.pack_counts(self._lines)
        return self._counts

    @property
    def length_m(self) -> float | None:
        if self._length == self._UNSET:
            named = D.name_length_m(self._name, self._comma)  # 0.0: two lengths, none
            self._length = (
                named if named is not None else D.document_length_m(self._lines, self._comma)
            ) or None
        return self._length


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


_MAX_WORD = re.compile(
    r"(?<![^\W\d_])(?:max|maximum|maximal|maximale?r?|höchst|maxi|máx)(?![^\W\d_])\.?",
    re.IGNORECASE,
)


def _limit_of(label: str) -> str:
    """What a maximum in the label says the article carries or holds at most, empty when it
    says none: "Max. sensor weight", "Maximum door weight" (a maximum before a weight word with
    the thing it weighs between them) or "Türgewicht max.", "massa ammessa" (the object of a
    maximum or permissible weight). "Max. weight" itself is a capacity word, "Weight: max. 2 kg"
    an upper bound and "Max. Stückgewicht" the article's own at most."""
    if (m := _MAX_WORD.search(label)) and (w := V.WEIGHT_WORDS.search(label, m.end())):
        between = label[m.end() : w.start()]
        words = [t for t in tokens_of(between) if t.isalpha()]
        own = all(t.lower() in V.OWN_WEIGHT_WORDS or t.lower() in _OWN_PREFIXES for t in words)
        if words and len(words) <= 3 and not DIGITS.intersection(between) and not own:
            return f"{m.group()} {' '.join(words)}"
    return _carried_weight(label)


def _word_at(text: str, m: re.Match[str]) -> str:
    """The whole word a vocabulary match sits in ("gearbox" for the "*box" of a compound)."""
    start, end = m.start(), m.end()
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


def _name_has_word(name: N.Name, word: str) -> bool:
    """The name says `word` as a word of its own: a pack's "VE" is not in "verzinkt"."""
    low = word.lower()
    return re.search(rf"(?<![^\W\d_]){re.escape(low)}(?![^\W\d_])", name.low) is not None


_BRACKET_AFTER = re.compile(r"[^\W\d_]{0,12}\s{0,2}[(\[](?P<b>[^)\]]{1,20})[)\]]")


# "bag 0.4 kg incl. in carton 2/2", "0,4 kg im Karton enthalten": a thing packed inside another
_INCLUDED_IN_AFTER = re.compile(
    r"^[\s,]{0,3}(?:(?:incl\.?|included|includ|contained|packed)\s+in|enthalten\s+in|beigelegt\s+in"
    r"|inbegriffen\s+in|(?:inclus|compris|contenu)e?s?\s+dans|incluso\s+(?:in|nel|nella)"
    r"|contenuto\s+(?:in|nel|nella)|incluido\s+en|incluida\s+en|contenido\s+en"
    r"|incluído\s+(?:em|no|na)|inbegrepen\s+in)(?![^\W\d_])",
    re.IGNORECASE,
)
# "Koli başına NET AĞIRLIK", "箱当たり正味重量": a postposition "per" right after the pack word
_PER_POSTPOSITION = re.compile(
    r"[\s_]{0,2}(?:başına|başı|当たり|あたり|当り)(?![^\W\d_])", re.IGNORECASE
)

# "0,4 kg in più", "0.3 kg more than", "0,3 kg zusätzlich", "0,3 kg de plus": an amount added
_ADDED_AFTER = re.compile(
    r"^[\s,]{0,3}(?:(?:in|di)\s+più|de\s+plus|en\s+plus|more\s+than|extra|additional"
    r"|zusätzlich|mehr\s+als|de\s+más|a\s+mais|adicionales?|adicionais|meer\s+dan|extra"
    r"|więcej\s+niż|navíc|víc\s+než|mere\s+end|mer\s+än|enemmän|daha\s+fazla|többlet"
    r"|în\s+plus|больше|επιπλέον)(?![^\W\d_])",
    re.IGNORECASE,
)

# "Weight incl. carrying case", "Gewicht mit Koffer", "収納時重量(ケース込み)": the article packed
# in the case it is carried or stored in, a packed weight (labelling rule 3)
_CASE_WORDS = (
    r"(?:carry(?:ing)?\s+|storage\s+|transport\s+)?case|pouch|koffer|transportkoffer|etui"
    r"|tragetasche|transporttasche|étui|housse|custodia|valigetta|estuche|maletín|funda"
    r"|koffert|walizk[aąi]|futerał\w*"
)
_WITH_CASE = re.compile(
    rf"(?<![^\W\d_])(?:incl\.?|including|included|with|inkl\.?|inklusive|einschl\.?|mit"
    rf"|avec|y\s+compris|con|incluso|inclusa|incluido|incluida|com|met|med|z|ze)"
    rf"\s{{1,2}}(?:(?:the|its|seinem|seiner|dem|der|son|sa|le|la|il|la|su|el)\s{{1,2}})?"
    rf"(?P<w>{_CASE_WORDS})(?![^\W\d_])"
    r"|(?P<j>ケース込み|ケース含む|ケース付き|収納時|收纳时|收納時|收纳袋|含收纳|케이스\s?포함)",
    re.IGNORECASE,
)


def _with_case(label: str, name_low: str) -> str | None:
    """The case a weight label says the figure includes, unless the name sells that case
    with the article ("Bohrmaschine im Koffer", "… with carrying case": its own set)."""
    if (m := _WITH_CASE.search(label)) is None:
        return None
    word = (m["w"] or "").lower().split()[-1] if m["w"] else ""
    if word and word in name_low:
        return None
    if m["j"] and ("ケース" in name_low or "收纳" in name_low or "케이스" in name_low):
        return None
    return m.group()


# "VE 10 Stück inkl. 20 Erdnägel", "box of 10 with 20 screws": a pack with counted accessories
_PACK_EXTRAS = re.compile(
    r"(?<![^\W\d_])(?:incl|inkl|including|inklusive|with|mit|avec|con|com|incluso|incluidos"
    r"|y\s+compris|plus|zzgl|samt)\.?\s{1,2}(?P<n>\d{1,4})\s{0,2}(?:x\s{0,2})?(?P<w>[^\W\d_]{3,})",
    re.IGNORECASE,
)


def _pack_with_extras(label: str, name: N.Name) -> str | None:
    """The accessories a counted pack's label says its weight includes: the pack weight is
    then not the count of articles alone, and dividing it gives no piece's weight. Not the
    name's own noun ("box of 10 with 20 screws" of a "screw" counts the screws)."""
    if C.pack_n(label) is None or (m := _PACK_EXTRAS.search(label)) is None:
        return None
    word = m["w"].lower()
    if any(word[:4] == w[:4] for w in name.words if len(w) >= 4):
        return None
    return m.group()


def _net_of_counted_pack(label: str, pack: re.Match[str]) -> bool:
    """The net word qualifies a pack in the same brackets: "Weight (box of 100, net)", "Poids
    (boîte de 50, net)", "Weight (box, net)" weigh the pack's contents, not one piece."""
    if (after := _BRACKET_AFTER.match(label, pack.end())) and V.NET_WORDS.search(after["b"]):
        return True  # "Gewicht Packung (netto)", "Peso confezione (netto)"
    opening = max(label.rfind("(", 0, pack.start()), label.rfind("[", 0, pack.start()))
    if opening < 0 or re.search(r"[)\]]", label[opening : pack.start()]):
        return False
    closing = min(
        (i for i in (label.find(")", pack.end()), label.find("]", pack.end())) if i > 0),
        default=len(label),
    )
    inside = label[opening + 1 : closing]
    return V.NET_WORDS.search(inside) is not None


# "name: FFP2 respirator box of 20", "productName: …": the name field of a product record
_RECORD_NAME = re.compile(
    r"^(?:name|product\s?name|title|productname)\s{0,2}:\s(?P<v>.{3,120})$", re.I
)


def _record_pack(lines: Sequence[Line], i: int, name: N.Name) -> int | None:
    """The pack count of the product an embedded product record (JSON-LD, microdata) names,
    when the article name says it is one piece ("FFP2 respirator box of 20" of a "… (one
    mask)"): the record's weight is the pack's. None outside such a record, or when the record
    names no pack or the name counts a pack itself."""
    line = lines[i]
    if line.location != _EMBEDDED or not S.one_piece_name(name.low) or C.pack_n(name.low):
        return None
    for j in range(i - 1, max(-1, i - 12), -1):
        if lines[j].location != line.location:
            break
        if m := _RECORD_NAME.match(lines[j].text):
            return C.pack_n(m["v"]) if V.PACK_WORDS.search(m["v"]) else None
    return None


_EMBEDDED = "embedded product data"


def _counted_pack_word(label: str, pack: re.Match[str], name: N.Name, doc: _Doc) -> bool:
    """A pack word of the label, the first or a later one, with its count right after it ("Pack
    weight: Pack of 25: net", "pudełko 100 szt.: masa netto"): the figure weighs the pack. A
    count of pieces without "of" only where the document counts no other pack (a list of
    articles' cartons: which is this one's is for the variant rules)."""
    for p in V.PACK_WORDS.finditer(label, pack.start()):
        if C.count_follows_pack(label, p):
            return True
        if (n := C.count_after_pack(label, p.end(), name)) and doc.pack_counts <= {n}:
            return True
    return False


def _net_follows_pack(label: str, pack: re.Match[str]) -> bool:
    """The net word right after the pack word ("peso.pack_neto_kg", "Carton net weight")
    qualifies the pack: the figure is the net weight of the pack's contents (read so only
    where the document counts a pack and the name does not: "单包净重" of a "500张/包" is the
    article's own)."""
    rest = label[pack.end() :]
    start = pack.end() + len(rest) - len(rest.lstrip(" _.-"))
    return start - pack.end() <= 2 and V.NET_WORDS.pattern.match(label, start) is not None


def _classify(
    label: str,
    after: str,
    glued: str,
    name: N.Name,
    doc: _Doc,
    grams: float,
    packaging: str = "",
    *,
    context: bool = False,
) -> tuple[WeightBasis | None, str, float | None]:
    """(basis, reason, grams per piece) of a figure from the words around it.

    `packaging` is the line when it sits in a packaging section or under a packaging key: a
    weight there is of a pack (derived with a count) or of the packed goods (gross).
    """
    if _GLUED_NOT_MASS.match(glued):
        return WeightBasis.NOT_MASS, "a torque or inertia unit (g·cm, kgf), not a mass", None
    rate = B.key_rate(label)  # "masse_kg_m2", "masse_lineique_kg_m": an export key's unit
    if _SLASH_AREA.match(glued) or V.PER_AREA_WORDS.search(label) or rate == "m2":
        if (m := V.CAPACITY_WORDS.search(label)) is not None:
            return WeightBasis.CAPACITY, f"a capacity, load or limit ({m.group()})", None
        if doc.area_m2 and V.WEIGHT_WORDS.search(label):  # "Peso al m²", not a paper's grammage
            return (
                WeightBasis.DERIVED,
                f"weight per area × the area the name states {doc.area_m2:g} m²",
                grams * doc.area_m2,
            )
        return WeightBasis.PER_AREA, "a weight per area (g/m²)", None
    if _SLASH_NOT_MASS.match(glued):
        return WeightBasis.NOT_MASS, "a density or a rate (g/cm³, kg/h), not a mass", None
    label = _CAMEL.sub(" ", label)  # "grossWeight", "netWeight": export keys read as words
    text = f"{label} {after[:40]}"
    if V.NOT_MASS_WORDS.search(label) and not B.pair_word_of_name(label, name.low):
        return WeightBasis.NOT_MASS, "labelled as an acceleration, torque or inertia", None
    if _ADDED_AFTER.match(after):  # "0,4 kg in più rispetto al contenuto": what it adds
        return WeightBasis.COMPONENT, "what something adds to a weight, not a weight itself", None
    if _INCLUDED_IN_AFTER.match(after):  # "(bag 0.4 kg incl. in carton 2/2)": a thing inside
        return WeightBasis.COMPONENT, "the weight of a thing packed inside another", None
    if m := O.BILLED_WORDS.search(label):
        return WeightBasis.NOT_MASS, f"a weight billed from the dimensions ({m.group()})", None
    if (m := V.PROCESS_WORDS.search(text)) and m.group().lower() not in name.low:
        return WeightBasis.PROCESS, f"a process or machine figure ({m.group()})", None
    if m := V.CAPACITY_WORDS.search(label):
        return WeightBasis.CAPACITY, f"a capacity, load or limit ({m.group()})", None
    if (state := _delivery_state(label, name)) and not state[1]:
        reason = f"stated for another delivery condition ({state[0]}) than the name's"
        return WeightBasis.OTHER_VARIANT, reason, None
    if opposite := ST.other_state(label, name.low):  # "mit Öl" of a name "ohne Ölfüllung"
        return WeightBasis.OTHER_VARIANT, f"stated {opposite}, and the name states the other", None
    if limit := _limit_of(label):
        return WeightBasis.CAPACITY, f"a limit of what the article takes ({limit})", None
    if m := V.SINGLE_VALUE_WORDS.search(label):  # "Masse Einzelwerte: 268 g, 271 g, …"
        return WeightBasis.PROCESS, f"one of several single measured values ({m.group()})", None
    if m := V.TEST_WORDS.search(text):
        return WeightBasis.CAPACITY, f"a test or set-up figure ({m.group()})", None
    if V.PER_AREA_WORDS.search(label):
        return WeightBasis.PER_AREA, "a weight per area (grammage)", None
    if (base := D.rate_base_m(label)) is not None:
        # "Weight per 100 mm length 182 g": the weight of that length, times the article's
        if doc.length_m:
            return (
                WeightBasis.DERIVED,
                f"weight per {base:g} m × length {doc.length_m:g} m",
                grams / base * doc.length_m,
            )
        return WeightBasis.PER_LENGTH, "a weight per length, and no length is stated", None
    if B.per_element(label, name.low):  # "Gewicht je Glied" of a "Block mit 8 Gliedern"
        if n := B.element_count(name.low):
            return WeightBasis.DERIVED, f"weight per element × {n} elements", grams * n
        return WeightBasis.COMPONENT, "a weight per element, and no element count is named", None
    if _SLASH_FOOT.match(glued):  # "0.285 lb/ft" of a "20 ft length": a weight per foot
        if feet := UM.named_feet(name.low):
            return WeightBasis.DERIVED, f"weight per foot × length {feet:g} ft", grams * feet
        return WeightBasis.PER_LENGTH, "a weight per foot, and no length is stated", None
    per_km = _SLASH_KM.match(glued) is not None or rate == "km"
    per_metre = V.PER_LENGTH_WORDS.search(label) or B.per_unit_length(label) or rate == "m"
    if per_km or _SLASH_LENGTH.match(glued) or per_metre:
        per_m = grams / 1000 if per_km else grams  # "215 kg/km" is 215 g per metre
        metal = V.CONDUCTOR_METAL_WORDS.search(label)
        if metal is not None and V.CONDUCTOR_METAL_WORDS.search(name.low) is None:
            reason = f"the weight per length of the metal a cable contains ({metal.group()})"
            return WeightBasis.COMPONENT, reason, None
        if doc.length_m and B.reel_with_length(name.low):  # "Kabeltrommel 50 m"
            return WeightBasis.COMPONENT, "a weight per metre of what the reel carries", None
        if doc.length_m:
            return (
                WeightBasis.DERIVED,
                f"weight per metre × length {doc.length_m:g} m",
                per_m * doc.length_m,
            )
        return WeightBasis.PER_LENGTH, "a weight per metre, and no length is stated", None
    if B.single_of_pair(label, after, name.low):  # "265 g (Einzelschuh)" of a pair of shoes
        return WeightBasis.DERIVED, "the weight of one of the pair × 2", grams * 2
    gross, net = V.GROSS_WORDS.last(label), V.NET_WORDS.last(label)
    carrier = V.OUTER_PACK_WORDS.search(label)
    if gross >= 0 and carrier is not None and carrier.group().lower() in name.low:
        # "Peso palé: 22 kg" of a "Palé de madera": the load carrier is the article itself
        gross = max(
            (m.end() for m in V.GROSS_WORDS.finditer(label) if m.group().lower() not in name.low),
            default=-1,
        )
    if gross < 0 and net < 0:
        gross = 0 if V.GROSS_WORDS.search(after[:30]) else -1
        net = 0 if V.NET_WORDS.search(after[:30]) and gross < 0 else -1
    elif net > gross and _own_gross_word(after):
        # "1.45 kg without packaging and 2.1 kg packed": the label is the figure before's
        # qualifier; the word that closes this figure's own clause says what it weighs
        gross = len(label) + 1
    contents = V.NET_CONTENTS_WORDS.search(label)
    if contents is not None and doc.sold_filled and V.CONTAINER_WORDS.search(name.low):
        # "Contenido neto 12 kg" of a "garrafa 12 kg llena": what the container holds, not
        # the container sold with it (the mirror of an empty container's weight below)
        reason = f"the net contents ({contents.group()}) of an article sold with its container"
        return WeightBasis.COMPONENT, reason, None
    empty = V.EMPTY_WORDS.search(label) or V.TARE_WORDS.search(label)
    if empty is not None and doc.sold_filled:
        # "Poids du bidon vide" of a disinfectant sold in the can: the container without it
        reason = f"the empty container's weight ({empty.group()}) of an article sold filled"
        return WeightBasis.COMPONENT, reason, None
    if net < 0 and (tare := V.TARE_WORDS.search(label)) is not None:
        if V.CONTAINER_WORDS.search(name.low):
            return (
                WeightBasis.NET,
                f"the tare of the container the article is ({tare.group()})",
                grams,
            )
        return WeightBasis.GROSS, f"a tare: the packaging's weight ({tare.group()})", None
    if gross > net:
        return WeightBasis.GROSS, "a packed, gross or shipping weight", None
    if case := _with_case(label, name.low):
        return WeightBasis.GROSS, f"packed with its case ({case})", None
    if extras := _pack_with_extras(label, name):
        return WeightBasis.PER_PACK, f"a pack's weight with its accessories ({extras})", None
    if (
        doc.shipping_document
        and (net >= 0 or V.TOTAL_WORDS.search(label))
        and not (LC.says_one_piece(label) or V.PACK_WORDS.search(label))
        and (consigned := doc.consignment_counts)
    ):  # "Quantità: 16 pezzi" above "Peso netto totale 240 kg": sixteen pieces' net weight
        if len(consigned) > 1:
            reason = f"a net weight beside several quantity lines: {_CONSIGNMENT}"
            return WeightBasis.GROSS, reason, None
        if (n := next(iter(consigned))) >= 2:
            reason = f"{_CONSIGNED} the {n} pieces its quantity line counts"
            return WeightBasis.DERIVED, reason, grams / n
    if (
        total := V.TOTAL_WORDS.search(label) or V.TOTAL_ROW_WORDS.search(label)
    ) and doc.shipping_document:
        # "Total net weight: 1,938 kg", "Peso netto complessivo" of an invoice or a delivery
        # note: the weight of everything shipped, not of one article
        reason = (
            f"a shipment's total on an invoice or delivery note ({total.group()}): {_CONSIGNMENT}"
        )
        return WeightBasis.GROSS, reason, None
    outer = None if packaging else V.OUTER_PACK_WORDS.search(label)
    if outer is not None and outer.group().lower() not in name.low:
        packaging = label  # "Peso palé completo", "外箱重量": a load carrier's weight
    if (
        packaging
        and (weighs := V.WEIGHT_WORDS.last(label)) >= 0
        and (each := O.per_article(label[weighs:], name.low))
        and not V.PACK_WORDS.search(label)
    ):  # "Logistics: Weight per notebook: 285 g": one article's weight beside its packs
        return WeightBasis.NET, f"the weight per article (per {each})", grams
    if packaging and net < 0 and (one := O.per_article(after, name.low)):
        # "Emballage: kartong, ca 1 kg per radiator": the packaging's own weight per article
        return WeightBasis.GROSS, f"the packaging's weight per article (per {one})", None
    if packaging and net < 0:
        if B.capped(packaging, grams):  # "max. 15 kg je Karton": a limit, not a pack's weight
            return WeightBasis.CAPACITY, "a maximum of the pack, not a weight to divide", None
        if n := C.round_basis(label):
            # "logistics.weight_per_1000_kg": the label's own basis, not the section's pack
            return WeightBasis.DERIVED, f"weight of {n} pieces ÷ {n}", grams / n
        n = C.pack_n(label) or C.pack_n(packaging)  # "Inner pack 10 pcs, carton 40 pcs 12 kg"
        n = n or (doc.pack_count if V.PACK_WORDS.search(packaging) else None)
        if n:
            return WeightBasis.DERIVED, f"pack weight ÷ {n} pieces per pack", grams / n
        return WeightBasis.GROSS, "a weight in a packaging or shipping section", None
    if (
        state
        and not V.WEIGHT_WORDS.search(label)
        and net < 0
        and not V.PACK_WORDS.search(label)
        and C.SLASH_PACK.match(glued) is None
        and C.pack_n(label) is None
    ):  # "Fertigteil (bearbeitet) | 2,08 kg" of a name that says "bearbeitet"
        return WeightBasis.NET, f"the delivery condition the name states ({state[0]})", grams
    counted = (m := C.SLASH_PACK.match(glued)) is not None and m["p"] is not None
    counted = counted and _names_article(label, name)  # the line names what it weighs
    if not (V.WEIGHT_WORDS.search(label) or net >= 0 or V.PACK_WORDS.search(label) or counted):
        # "Rivetto … 0,80 kg/1000 pz" says what it weighs: a list of them needs no weight word
        if part := D.included_part(label, name.low):  # "U-bracket (included) | 0.4 kg"
            reason = f"the weight of one part the article includes ({part})"
            return WeightBasis.COMPONENT, reason, None
        if D.stroke_step_after(label, after):  # "Stroke add-on | 0.6 kg per 100 mm"
            return WeightBasis.OTHER_VARIANT, "a weight step per stroke", None
        return None, "", None  # a mass figure nobody called a weight: context, not a candidate
    if part := _ancestor_part(label, name):
        return WeightBasis.COMPONENT, f"the weight of an element of a list of parts ({part})", None
    if m := C.SLASH_PACK.match(glued):
        n = to_int(m["n"])
        if n and n >= 2 and (m["p"] or n in (100, 1000, 10000)):
            return WeightBasis.DERIVED, f"weight per {n} pieces ÷ {n}", grams / n
    if (n := C.pack_after(glued)) and C.pack_n(name.low) != n:
        # "net 480 g per box of 100", "1,25 kg / VE 25 Stück": the weight of a counted pack
        return WeightBasis.DERIVED, f"pack weight ÷ {n} pieces per pack", grams / n
    if carried := _carried_by_counted_articles(label, name):
        # "Door weight per 2 hinges up to 6 kg": what two of the article carry, not their weight
        return WeightBasis.CAPACITY, f"the weight of another object ({carried})", None
    if scaled := C.name_counts_basis(label, name):  # "Weight per 100 links" of "114 links"
        n, count, noun = scaled
        reason = f"weight per {n} {noun} × the {count} {noun} the name states"
        return WeightBasis.DERIVED, reason, grams / n * count
    if (m := C.LABEL_PER_COUNT.search(label.replace("_", " "))) and (  # "gewicht_je_1000_stk"
        n := to_int(m["n"] or m["c"])
    ):
        if n == 1:  # "1枚あたり 約 62 g", "Gewicht je 1 Stück": one piece's, not a pack's
            return WeightBasis.NET, "weight per one piece", grams
        # "Peso por 1.000 piezas (kg)", "Gewicht je 100 Stück", "1000個当たり質量"
        return WeightBasis.DERIVED, f"weight per {n} pieces ÷ {n}", grams / n
    if n := C.weight_of_count(label):
        # "Peso 1000 uds (kg)", "Gewicht 100 Stück": the weight word counts the pieces it weighs
        return WeightBasis.DERIVED, f"weight of {n} pieces ÷ {n}", grams / n
    if n := C.label_count(label, name):  # "Ağırlık (100 adet)", "Peso/1000 (kg)"
        return WeightBasis.DERIVED, f"weight of {n} pieces ÷ {n}", grams / n
    if (
        (per_set := _SLASH_WORD.match(glued))
        and (word := S.set_word(per_set["w"], name.low))
        and not LC.says_one_piece(label)  # "单重:0.35 kg/套": the unit the article is sold in
    ):
        # "NW 0.41 kg/set" of one drill: the set's weight, divided by a count the document states
        if n := doc.set_count(word):
            return WeightBasis.DERIVED, f"the weight of a {word} ÷ its {n} pieces", grams / n
        return WeightBasis.PER_PACK, f"the weight of a {word}, and its count is not stated", None
    if C.SLASH_PIECE.match(glued):
        return WeightBasis.NET, "weight per piece", grams
    if _SLASH_CONTAINER.match(glued):  # "净重 14 kg/箱", "12 kg/carton": the weight of a pack
        n = C.pack_n(label) or doc.pack_count
        if n:
            return WeightBasis.DERIVED, f"pack weight ÷ {n} pieces per pack", grams / n
        return WeightBasis.PER_PACK, "a weight per pack, and no pack count is stated", None
    pack = V.PACK_WORDS.search(label)
    unit_pack = False  # "Net weight per case", "Poids net du carton": a packaging unit's
    shipping_unit = False  # a carton or bale the label weighs: never one counted piece
    if pack is None and net >= 0 and not _PATH_DOT.search(label):  # a key path: KC.in_pack
        pack = V.NET_PACK_UNIT_WORDS.search(label)
        unit_pack = pack is not None
    if pack is None and (weighed := _weighed_word(label)):
        unit = V.SHIPPING_UNIT_WORDS.search(label)
        if unit is not None and unit.group().lower() == weighed.lower():
            pack = unit  # "Peso cartone", "Poids du carton": a shipping unit's
            unit_pack = shipping_unit = True
    named_pack = pack and B.name_compound(name.low, _word_at(label, pack))  # "Faltschachtel"
    named = pack and (_name_has_word(name, _word_at(label, pack)) or named_pack)
    if named and pack and B.made_of(name.low, _word_at(label, pack)):
        named = False  # "Poids net du carton" of a "Gobelet en carton": a pack of the cups
    if named and not (C.pack_n(name.low) and (S.one_piece_name(name.low) or C.pack_n(label))):
        # "Rolle komplett" of an article that is a roll, "Gewicht Paket" of a "…, Paket 250
        # Blatt": the article, not a pack of it ("Roll of 1000 labels" counts its pieces)
        pack = None
    if pack and O.left_out(label, pack.start()):
        pack = None  # "Weight (without net roll)": the article without it, not a pack's weight
    if pack and (
        net < 0
        or unit_pack
        or (pack.start() >= net and pack.group().lower() in V.PACK_NOUNS)
        or _net_of_counted_pack(label, pack)
        or (net >= 0 and _PER_POSTPOSITION.match(label, pack.end()) is not None)
        or _counted_pack_word(label, pack, name, doc)
        or (_net_follows_pack(label, pack) and C.pack_n(name.low) is None and doc.pack_count)
    ):
        # "Peso netto confezione", "Net weight per box": the net weight of a pack
        if packs := C.packs_counted(label):  # "50 boxes, 6.8 kg": many packs, a shipping unit
            return WeightBasis.PER_PACK, f"the weight of {packs} packs together", None
        n = C.pack_n(label)
        n = doc.pack_count if n is None or B.own_number(doc.lines, n, grams) else n
        n = None if n is not None and B.own_number(doc.lines, n, grams) else n  # "roll:155 g"
        many = _COUNTED_PACK_WORD.search(label, 0, pack.start())
        if many and (k := to_int(many["n"])) and k >= 2:
            if inner := C.count_after_pack(label, pack.end(), name):
                # "Case (10 boxes of 100)": packs of counted pieces, the pieces of them all
                reason = f"the weight of {k} {pack.group()} of {inner} ÷ {k * inner}"
                return WeightBasis.DERIVED, reason, grams / (k * inner)
            # "Carton: 24 rolls, 9.6 kg": the weight of the rolls the label counts
            return WeightBasis.DERIVED, f"the weight of {k} {pack.group()} ÷ {k}", grams / k
        if not shipping_unit and B.counts_pieces(doc.lines, _word_at(label, pack), n, name.low):
            # "Peso del rollo" beside "Caja de 12 rollos": the weight of one counted piece
            basis = WeightBasis.NET if net >= 0 else WeightBasis.UNSPECIFIED
            return basis, f"the weight of one of the {n} pieces of a pack", grams
        if (
            not n
            and V.WEIGHT_WORDS.search(label)  # not "Winkelgelenk (Paar)", an accessory's row
            and (word := S.set_word(_word_at(label, pack), name.low))
        ):
            n = doc.set_count(word)  # "Weight per pair" of one bulb: a pair holds two
        if n:
            return WeightBasis.DERIVED, f"pack weight ÷ {n} pieces per pack", grams / n
        return WeightBasis.PER_PACK, "a weight per pack, and no pack count is stated", None
    if not (V.WEIGHT_WORDS.search(label) or net >= 0):
        return None, "", None  # a mass figure nobody called a weight: context, not a candidate
    if after.lstrip().startswith("(") and ")" in after and V.PACK_WORDS.search(after):
        n = C.pack_n(after) or doc.pack_count
        if n:  # "Net weight: 1.2 kg (pack of 50)"
            return WeightBasis.DERIVED, f"pack weight ÷ {n} pieces per pack", grams / n
        return WeightBasis.PER_PACK, "a weight per pack, and no pack count is stated", None
    word = S.set_word(label, name.low) or S.set_word_after(after, name.low)
    if word is not None and not V.COMPONENT_WORDS.search(label):
        # "Gewicht per set", "質量 (1組)"; "Weight of the accessory set" is a component's
        if n := doc.set_count(word):
            return WeightBasis.DERIVED, f"the weight of a {word} ÷ its {n} pieces", grams / n
        return WeightBasis.PER_PACK, f"the weight of a {word}, and its count is not stated", None
    if net >= 0 and (others := _each_of_others(label, name)):
        # "the crimped ends are about 0.3 kg each": the weight of each of other things
        return WeightBasis.COMPONENT, f"the weight of each of something else ({others})", None
    if net >= 0:
        if part := _included_part(label, name) or _included_part(
            V.NET_WORDS.pattern.sub(" ", label), name
        ):  # "Nettogewicht Ablaufgarnitur", "Net weight drain set" of a name "with" the part
            return (
                WeightBasis.COMPONENT,
                f"the net weight of a part the article includes ({part})",
                None,
            )
        if part := doc.listed_part(V.NET_WORDS.pattern.sub(" ", label), name):
            reason = f"the net weight of one of the parts the document lists ({part})"
            return WeightBasis.COMPONENT, reason, None
        return WeightBasis.NET, "labelled as the net weight (or unit weight)", grams
    m = V.COMPONENT_WORDS.search(label)
    named = m is not None and m.group().lower() in name.low
    if named and m is not None and f"-{m.group().lower()}" in name.words:
        named = False  # "motor weight" of a gearbox the name says is "without motor"
    scoped = m is not None and _SCOPED.search(label[: m.start()]) is not None
    scoped = scoped or (named and m is not None and O.scoped_by_spec(label[: m.start()]))
    if (
        named
        and m is not None
        and not scoped
        and V.SET_WORDS.search(name.low)
        and not V.TOTAL_WORDS.search(label)
    ):
        # "Pump set with motor": a "motor weight" is one part of the set the name names
        return WeightBasis.COMPONENT, f"the weight of one part of the set ({m.group()})", None
    if m and not named and not scoped:
        return WeightBasis.COMPONENT, f"the weight of a component ({m.group()})", None
    if V.WEIGHT_WORDS.search(label):
        if part := _included_part(label, name) or _member_of_counted_set(label, name):
            return (
                WeightBasis.COMPONENT,
                f"the weight of one part the article includes ({part})",
                None,
            )
        if part := _included_part(label, name, "-"):
            reason = f"the weight of a part the article is without ({part})"
            return WeightBasis.COMPONENT, reason, None
        if part := doc.listed_part(label, name):
            reason = f"the weight of one of the parts the document lists the article with ({part})"
            return WeightBasis.COMPONENT, reason, None
        if not context and (other := _other_object(label, name)) is not None:
            # "Door weight: max. 12 kg": the weight of what the article carries or holds
            return WeightBasis.CAPACITY, f"the weight of another object ({other})", None
        return WeightBasis.UNSPECIFIED, "labelled as a weight", grams
    return None, "", None


_QUALIFIED_PENALTY = 0.1
_OPERATING_PENALTY = 0.15


_LABEL_FILLER = frozenset(
    N.STOP
    | V.OWN_WEIGHT_WORDS
    | V.MODEL_WORDS
    | set(
        V.split_words(
            "approx approximately circa about env environ etwa ungefähr aprox ca cca one single "
            "value values amount wert valor valeur valore unit units kgs lbs gram grams gramm "
            "oz only just spec specs "
            "specification specifications technical data attribute attributes property "
            "properties details info general characteristics caractéristiques merkmale "
            "technische daten dati tecnici datos técnicos "
            # articles and prepositions: "Gesamtmasse des Bauteils" names no one else
            "of a des der dem den du de la le les del della dello dei delle di el los las do "
            "da dos van het een ein eines einer "
            # "Peso por metro", "Poids par mètre": what a figure is per, not whose it is
            "per por pro je par para pour metre meter metro mètre metri metros "
            # "Peso unitário", "Poids unitaire": the weight of one, the article's own
            "unitário unitario unitaria unitarie unitari unitaire unitaires unitarios unitária "
            "unitarias jednostkowa jednostkowy"
        )
    )
    # "Peso por pieza", "Peso por chapa", "Gewicht je Stk": per piece is the article's own
    | set(V.split_words("per por pro je par pour para each ea unidad unité unit pieza pezzo"))
    | {w.lower() for w in V.PIECE_WORDS}
)
_PARENS = re.compile(r"\([^()]{0,80}\)")  # "(flat, unprinted)": a state, not whose weight
_PATH_DOT = re.compile(r"(?:(?<=[^\W\d_])|(?<=\]))\.(?=[^\W\d_])")


def _divided_pack(word: str, reason: str) -> bool:
    """`word` is the pack a derived weight was divided out of ("caja" of "peso_caja_kg ÷ 100
    pieces per pack"): it says whose weight the figure was, and the division answered it."""
    return (
        bool(word)
        and "per pack" in reason
        and (m := V.PACK_WORDS.search(word)) is not None
        and m.group() == word
    )


def _qualifier(label: str, name: N.Name) -> str:
    """A word of a bare weight label that says WHOSE weight it is when that is neither the
    article's nor a word the rules know ("Peso di spedizione", "Fraktvikt", "运输重量"): the
    structural evidence that a bare "Weight" beside it is the article's own, in any language.
    Empty for "Weight", "Gewicht ca.", "product.specs.weight" (a JSON path's last key counts)."""
    last = _PARENS.sub(" ", _CAMEL.sub(" ", _PATH_DOT.split(label)[-1]))
    rest = V.TOTAL_WORDS.pattern.sub(" ", V.WEIGHT_WORDS.pattern.sub(" ", last))
    rest = V.NET_WORDS.pattern.sub(" ", rest)  # "Peso netto totale": which weight, not whose
    for token in tokens_of(rest):
        if token.isascii() or any(c.isalpha() and c.isascii() for c in token):
            if not token.isalpha() or len(token) < 3:
                continue
        elif len(token) < 2:
            continue
        if token in _LABEL_FILLER or token in name.words or token in name.low:
            continue
        if token in ST.named_state_words(label, name.low):
            continue  # "Poids avec acide" of a battery "livrée remplie": the named state
        return token
    return ""


_CONDITION = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,5}(?:[.,]\d{1,3})?)\s{0,2}(?P<u>mm|cm|m|v|w|kw|bar|l|a|hz)(?![^\W\d_])",
    re.IGNORECASE,
)


def _state_of(text: str) -> tuple[str, bool] | None:
    """(word, finished) of the one delivery condition `text` states, None for none or both."""
    raw, done = V.RAW_STATE_WORDS.search(text), V.FINISHED_STATE_WORDS.search(text)
    if (raw is None) == (done is None):
        return None
    m = done or raw
    assert m is not None
    return m.group(), done is not None


_CLAUSE_CLOSES = re.compile(r"\s*(?:[.,;)]|$|(?:and|und|et|e|y|en|och|og|i|oraz|ve)(?![^\W\d_]))")


def _own_gross_word(after: str) -> bool:
    """The figure is followed by a gross word that closes its clause ("2.1 kg packed.",
    "2,1 kg brutto;"), not by one that goes on about something else ("packed in cartons")."""
    m = V.GROSS_WORDS.search(after[:14])
    return (
        m is not None
        and not after[: m.start()].strip(" ()")
        and _CLAUSE_CLOSES.match(after, m.end()) is not None
    )


def _delivery_state(label: str, name: N.Name) -> tuple[str, bool] | None:
    """(the label's condition word, whether it is the name's) when both the article name and
    the label state a delivery condition ("bearbeitet" / "Gussgewicht"): a casting's raw
    weight is not the machined article's, nor the machined weight an "as-forged" one's."""
    named = _state_of(name.low)
    stated = _state_of(label) if named is not None else None
    if named is None or stated is None:
        return None
    return stated[0], stated[1] == named[1]


_UNITLESS_FIGURE = re.compile(r"(?<![\w.,/-])(\d+(?:[.,]\d+)?)(?=\s{0,2}[;)]|\s{0,2},(?!\d)|\s*$)")


def _other_condition(label: str, name: N.Name) -> str:
    """ "Eigengewicht bei 3 m Hubhöhe" for a name that says "Hubhöhe 5 m": a weight stated
    for a value of a quantity the name gives another value of (a variant). Empty otherwise."""
    stated = {(m["u"].lower(), m["n"]) for m in _CONDITION.finditer(label)}
    if not stated:
        return ""
    named = {(m["u"].lower(), m["n"]) for m in _CONDITION.finditer(name.low)}
    # "bore 20, stroke 100 mm": a unit the name gives once may be shared by a figure it ends
    # a clause with, unitless
    bare = set(_UNITLESS_FIGURE.findall(name.low))
    for unit, value in stated:
        same_unit = {v for u, v in named if u == unit}
        if same_unit and value not in same_unit and value not in bare:
            return f"{value} {unit}"
    return _other_length({(u, v) for u, v in stated if v not in bare}, named)


_TO_MM = {"mm": 1.0, "cm": 10.0, "m": 1000.0}


def _lengths_mm(value: str, unit: str) -> set[float]:
    """What "1.200 mm" or "6 m" may mean in millimetres (a point or comma read either way)."""
    f = _TO_MM[unit]
    return {round(parse_number(value, comma_decimal=c) * f, 3) for c in (True, False)}


def _other_length(stated: set[tuple[str, str]], named: set[tuple[str, str]]) -> str:
    """ "Peso barra 6 m" for a name "cortado a 1.200 mm": a length in another unit than the
    name's, and no reading of the two the same. Empty when they can be the same length."""
    names = [_lengths_mm(v, u) for u, v in named if u in _TO_MM]
    if not names:
        return ""
    for unit, value in stated:
        if unit in _TO_MM and all(not (_lengths_mm(value, unit) & n) for n in names):
            return f"{value} {unit}"
    return ""


def _whole_of_article(label: str, name: N.Name) -> bool:
    """ "Total weight", "Sling, complete (…)": the whole, and of nothing the name does not name
    ("bac complet" is a tank's, beside a pump housing)."""
    if not V.TOTAL_WORDS.search(label):
        return False
    rest = V.TOTAL_WORDS.pattern.sub(" ", label)
    return not _qualifier(rest, name)


def _names_article(label: str, name: N.Name) -> bool:
    """The label names the article itself ("Rollo completo" of a "… (rollo)")."""
    return bool(N.words(_PARENS.sub(" ", label)) & name.words)


_WEIGHT_OF = re.compile(r"([^\W\d_]{3,20})[\s_\-]{1,2}(?:weight|mass)\b", re.IGNORECASE)


# "Weight of the valve", "Peso de la válvula", "Poids du couvercle", "Gewicht des Deckels"
_WEIGHT_OF_THE = re.compile(
    r"(?:weight|mass)\s+of\s+(?:the\s+|a\s+|one\s+)?(?P<a>[^\W\d_]{3,20})"
    r"|peso\s+(?:de\s+(?:la\s+|las\s+|los\s+)?|del\s+|della\s+|dello\s+|dei\s+|degli\s+"
    r"|delle\s+|di\s+|do\s+|da\s+|dos\s+|das\s+)(?P<b>[^\W\d_]{3,20})"
    r"|(?:poids|masse)\s+(?:du\s+|de\s+la\s+|de\s+l[’']\s*|des\s+|de\s+)(?P<c>[^\W\d_]{3,20})"
    r"|gewicht\s+(?:des|der|vom|von\s+der|von\s+dem|van\s+de|van\s+het)\s+(?P<d>[^\W\d_]{3,20})",
    re.IGNORECASE,
)


def _weighed_word(label: str) -> str:
    """The word a weight label weighs: the object of its weight word ("Peso del cartón"), or
    the word right after it ("Peso cartone"); empty for a bare "Weight"."""
    return _object_of(label) or _word_after_weight(label)


def _object_of(label: str) -> str:
    """What a "weight of X" / "X weight" label weighs (lower case), empty for none."""
    if m := _WEIGHT_OF_THE.search(label):
        return next(g for g in m.groups() if g).lower()
    if m := _WEIGHT_OF.search(label):
        return m.group(1).lower()
    return ""


_LIST_ELEMENT = re.compile(r"\[\d{1,5}\]")


def _ancestor_part(label: str, name: N.Name) -> str:
    """A component word in the key path above a list element ("data.zubehoer[0].gewicht.
    netto", "accessories[2].weight"): the element is a part beside the article, not it."""
    path = label.split(":")[0]
    element = _LIST_ELEMENT.search(path)
    if element is None:
        return ""
    m = V.COMPONENT_WORDS.search(path[: element.start()])
    if m is None or m.group().lower() in name.low:
        return ""
    return m.group()


def _each_of_others(label: str, name: N.Name) -> str:
    """The things a sentence weighs "each" when they are not the article ("the fittings are
    about 0.3 kg each" in a mail about a hose): the label is a clause with no weight or net
    word of its own, naming a thing the name does not. Empty for "Bolt M8: 12 g each"."""
    if V.NET_WORDS.search(label) or V.WEIGHT_WORDS.search(label) or len(label.split()) < 3:
        return ""
    said = N.words(label)
    if any(_same_part(w, n) for w in said if len(w) >= 4 for n in name.words):
        return ""  # "the clamps are 45 g each" of a "Hose clamp": the article's own
    return _qualifier(label, name)


def _included_part(label: str, name: N.Name, sign: str = "+") -> str:
    """The part a label weighs when the name says the article comes with it ("Peso de la
    válvula" of a sink "con válvula"): one part of the article, not the article. With sign
    "-", the part the name says it comes without ("Peso da tampa" of a tube "sem tampa")."""
    part = _weighed_word(label)
    if len(part) < 4 or part in V.OWN_WEIGHT_WORDS or part in N.STOP:
        return ""
    return part if any(_same_part(w[1:], part) for w in name.words if w[:1] == sign) else ""


_WITH = re.compile(rf"^(?:{V.WITH_WORDS})$", re.IGNORECASE)


def _described_part(description: str, name: N.Name) -> str:
    """The part a row's description opens with ("Cover frame 2-gang: Weight (g)" of a socket
    "with frame", "Power adapter: Weight" of a dock "with power adapter"), when the name says
    the article comes with it: that part's own row, not the article's. A description that names
    the article first ("Double socket, with frame") or says "with" before the part is the
    article's. Empty otherwise."""
    parts = [w[1:] for w in name.words if w[:1] == "+"]
    if not parts:
        return ""
    words: list[str] = re.findall(r"[^\W\d_]{3,}", description.lower())
    for word in words:
        if _WITH.match(word) or (word in name.words and word not in parts):
            return ""
        if len(word) >= 4 and any(_same_part(p, word) for p in parts):
            return word
    return ""


def _weighed_without(description: str, name: N.Name, mentions: Sequence[Mention]) -> bool:
    """Another figure is of the article without the part the description names ("Helmet as
    weighed (without chin strap)" beside "4-point chin strap: Mass"): the part's row completes
    it, and the rules of parts add the two."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", description.lower()) if w in name.words]
    if not words:
        return False
    without = re.compile(
        rf"(?<![^\W\d_])(?:{V.WITHOUT_WORDS})\s+(?:[^\W\d_]+\s+){{0,2}}"
        rf"(?:{'|'.join(re.escape(w[:5]) for w in words)})",
        re.IGNORECASE,
    )
    return any(without.search(m.quote) for m in mentions)


# "mesa + 4 sillas", "table and 4 chairs", "Tisch mit 4 Stühlen": a name of counted pieces
_COUNTED_MEMBERS = re.compile(
    r"(?:\+|&|(?<![^\W\d_])(?:and|y|und|et|e|i|og|och|ve|a|en|with|mit|con|avec|com|med|met|z|s))"
    r"\s{0,2}\d{1,2}\s{0,2}[^\W\d_]{3,}",
    re.IGNORECASE,
)
_EACH = re.compile(
    r"(?<![^\W\d_])(?:cada|each|every|chaque|ogni|jede[rsn]?|elke|iedere|każd\w*|varje|hver"
    r"|každ\w*|her)\s+",
    re.IGNORECASE,
)


def _member_of_counted_set(label: str, name: N.Name) -> str:
    """The piece a label weighs when the name is a set that counts its pieces ("Peso de la
    mesa", "Peso de cada silla" of a "mesa + 4 sillas"): one piece of the set, not the set."""
    if _COUNTED_MEMBERS.search(name.low) is None:
        return ""
    label = _EACH.sub("", label)
    part = _weighed_word(label)
    if len(part) < 3 or part in V.OWN_WEIGHT_WORDS or part in N.STOP:
        return ""
    if V.SET_WORDS.search(part) or V.TOTAL_WORDS.search(part) or V.PACK_WORDS.search(part):
        return ""  # "Peso del conjunto", "Gesamtgewicht": the whole
    return part if any(_same_part(w, part) for w in name.words if w.isalpha()) else ""


def _word_after_weight(label: str) -> str:
    """The noun right after a weight word with no article between ("Gewicht Montageplatte",
    "Peso valvola", "Poids levier"): what the label weighs when the name includes it."""
    label = _PARENS.sub(" ", label)  # "Peso (kg)": the unit, not a part
    m = V.WEIGHT_WORDS.search(label)
    if m is None:
        return ""
    following = tokens_of(label[m.end() : m.end() + 40])
    if not following or not following[0].isalpha() or following[0] in _MASS_UNIT_WORDS:
        return ""
    return following[0]


_MASS_UNIT_WORDS = frozenset({"g", "gr", "kg", "kgs", "lb", "lbs", "oz", "t"})


def _same_part(a: str, b: str) -> bool:
    """One part's name in two inflections ("Deckel", "Deckels"; "valve", "valves")."""
    return a[:5] == b[:5] and abs(len(a) - len(b)) <= 2


_MAX_OR_PERMITTED = re.compile(
    r"(?<![^\W\d_])(?:max|maxi|maximum|maximal|maximale|zul|zulässig|zulässiges|massimo|massima"
    r"|máx|máximo|máxima)(?![^\W\d_])",
    re.IGNORECASE,
)
_COMPOUND_WEIGHT = re.compile(
    r"(?<![^\W\d_])([^\W\d_]{3,20})(?:gewicht|gewichts|vikt)(?![^\W\d_])", re.I
)
_OWN_PREFIXES = frozenset(
    V.split_words(
        "eigen gesamt betriebs leer netto brutto einzel roh fertig liefer versand transport "
        "dienst leer rüst füll nenn soll ist mess"
    )
)


def _carried_weight(label: str) -> str:
    """The object of a "Max. X weight" / "X-gewicht max." label, X not a word for one's own
    weight: the most the article carries or holds, a limit, not its weight. Empty otherwise."""
    if not _MAX_OR_PERMITTED.search(label):
        return ""
    m = _COMPOUND_WEIGHT.search(label)
    thing = _object_of(label) or (m.group(1).lower() if m else "")
    if len(thing) < 3 or thing in V.OWN_WEIGHT_WORDS or thing in _OWN_PREFIXES or thing in N.STOP:
        return ""
    if V.NET_WORDS.search(thing) or V.GROSS_WORDS.search(thing) or V.TOTAL_WORDS.search(thing):
        return ""
    return thing


_PER_COUNTED = re.compile(
    r"(?<![^\W\d_])(?:per|pro|je|pour|par|para|por|för|for)\s{1,2}(?P<n>\d{1,4})\s{1,2}"
    r"(?P<w>[^\W\d_]{3,20})",
    re.IGNORECASE,
)


def _same_noun(word: str, name_word: str) -> bool:
    """A plural or another ending of the name's noun ("hinges", "cerniere" of "cerniera"), or
    the end of its compound ("Scharniere" of "Topfscharnier")."""
    common = next(
        (k for k, (a, b) in enumerate(zip(word, name_word, strict=False)) if a != b),
        min(len(word), len(name_word)),
    )
    if common >= max(4, len(name_word) - 2) and len(word) - common <= 2:
        return True
    return any(name_word.endswith(word[: len(word) - k]) for k in (0, 1, 2) if len(word) - k >= 5)


def _carried_by_counted_articles(label: str, name: N.Name) -> str | None:
    """The X of "X weight per 2 hinges" ("Türgewicht je 2 Scharniere", "peso della porta per 2
    cerniere") when the counted word is the article's own noun (the name's word in the plural)
    and X another object: the load so many of the article carry.
    None for "Weight per 100 pcs" (a piece word) or "Screw weight per 100 screws" of a screw."""
    if (m := _PER_COUNTED.search(label)) is None:
        return None
    compound = _COMPOUND_WEIGHT.search(label)  # "Türgewicht je 2 Scharniere"
    other = _other_object(label, name) or _object_of(label) or (compound and compound.group(1))
    if not other or other.lower() in name.low or other.lower() in V.OWN_WEIGHT_WORDS:
        return None
    if not any(_same_noun(m["w"].lower(), w) for w in name.words if len(w) >= 4):
        return None
    return None if V.PACK_WORDS.search(other) or V.NET_PACK_UNIT_WORDS.search(other) else other


def _other_object(label: str, name: N.Name) -> str | None:
    """The X of an English "X weight" label when X is neither an own-weight word nor a word of
    the article name ("door weight", "user weight"; not "net weight", "motor weight" of a motor)."""
    m = _WEIGHT_OF.search(label)
    if m is None:
        return None
    word = m.group(1).lower()
    if word in V.OWN_WEIGHT_WORDS or word in name.low or word in N.STOP:
        return None
    if ST.is_state_word(word):  # "Wet weight", "Dry weight": a state (states.py), not whose
        return None
    if V.GROSS_WORDS.search(word) or V.NET_WORDS.search(word) or V.WEIGHT_WORDS.search(word):
        return None
    return word


# ------------------------------------------------------------------ collection


_SENTENCE_END = re.compile(r"[.!?。！？]\s*$")  # "… se venden por separado." ends its sentence
_PER_AFTER = re.compile(r"[\s_]{0,2}(?:je|per|pro|por|par|pour|/)(?![^\W\d_])")
_COUNT_VALUE = re.compile(rf"\s*{C.GROUPED}\s*|\s*\d{{1,6}}\s*")
_KEY_VALUE = re.compile(r"^\s*(?P<k>[^=:|]{1,60}?)\s*(?:=|:\s)\s*(?P<v>[^=:|]{1,12})$")


_PIECE_BRACKET = re.compile(rf"[\[(（]\s*(?:{C.PIECES})\s*[\])）]", re.IGNORECASE)


def _counts_pieces(key: str) -> bool:
    """A key whose bracketed unit is a piece word: "VE (Stück)", "Pack [pcs]" count pieces."""
    unit = _UNIT_IN_LABEL.search(key)
    return unit is not None and _PIECE_BRACKET.fullmatch(unit.group()) is not None


def _row_pack_count(label: str, cells: Iterable[tuple[str, str]]) -> int | None:
    """The pieces per pack a row states for the pack its weight label names: "bars_per_bundle
    | 10" beside "bundle_weight_kg | 235.5", "VE Stk | 100" beside "Gewicht VE kg". A row of an
    export or price list counts its own pack; the document's first count may be another
    row's. None when the row states no such count, or several."""
    pack = V.PACK_WORDS.search(label)
    if pack is None:
        return None
    word = re.compile(rf"(?<![^\W\d_]){re.escape(pack.group().lower())}(?![^\W\d_])")
    found: set[int] = set()
    for key, value in cells:
        if key == label or not _COUNT_VALUE.fullmatch(value) or V.WEIGHT_WORDS.search(key):
            continue
        low = key.lower()
        if (w := word.search(low)) and (_UNIT_IN_LABEL.search(key) is None or _counts_pieces(key)):
            if _PER_AFTER.match(low, w.end()):
                continue  # "VE je Karton": packs per carton, not pieces per pack
            n = C.as_count(value)
            if n and n >= 2:
                found.add(n)
    return found.pop() if len(found) == 1 else None


def _pack_of_packs(label: str, cells: Iterable[tuple[str, str]]) -> str:
    """The key beside a pack's weight that counts the packs it holds ("boxes_per_case | 10"
    beside "case_weight_kg", "VE je Karton" beside "Gewicht Karton"): the weight is of a pack of
    packs, whose pieces no single count gives. Empty when the row says no such thing."""
    pack = V.PACK_WORDS.search(label) or V.NET_PACK_UNIT_WORDS.search(label)
    if pack is None:
        return ""
    word = re.compile(rf"(?<![^\W\d_]){re.escape(pack.group().lower())}(?![^\W\d_])")
    for key, value in cells:
        if key == label or not _COUNT_VALUE.fullmatch(value) or V.WEIGHT_WORDS.search(key):
            continue
        low = key.lower()
        for w in word.finditer(low):
            per = _PER_BEFORE.search(low, 0, w.start())
            if per is not None and V.PACK_WORDS.search(low[: per.start()]):
                return key
    return ""


_PER_BEFORE = re.compile(r"[\s_]{0,2}(?:je|per|pro|por|par|pour|/)[\s_]{0,2}$")


def _unit_weight(
    unit: UM.RowUnit, grams: float, doc: _Doc, name: N.Name
) -> tuple[WeightBasis, str, float | None]:
    """(basis, reason, grams per piece) of the weight of one unit of measure of a row."""
    if unit.count:
        n = unit.count
        return (
            WeightBasis.DERIVED,
            f"{UM.REASON} ({unit.code.upper()}) of {n} pieces ÷ {n}",
            grams / n,
        )
    if unit.metre:
        if doc.length_m and UM.names_metres(name.low, doc.length_m):
            reason = f"{UM.REASON} ({unit.code.upper()}) × length {doc.length_m:g} m"
            return WeightBasis.DERIVED, reason, grams * doc.length_m
        return WeightBasis.PER_LENGTH, f"{UM.REASON} (a metre), and no length is stated", None
    reason = f"{UM.REASON} ({unit.code.upper()}), and no count of its pieces is stated"
    return WeightBasis.PER_PACK, reason, None


def _line_cells(text: str) -> list[tuple[str, str]]:
    """A "key=value | key=value" line as its (key, value) cells."""
    out = []
    for cell in re.split(r"[|;\t]", text):
        if m := _KEY_VALUE.match(cell.strip()):  # "Basis=je 100 Stück | …": not its space
            out.append((m["k"], m["v"]))
    return out


def _spaced_line_quantity(
    header: str, text: str, position: int, name: N.Name
) -> LC.LineQuantity | None:
    """The quantity of a row of a table laid out with spaces (two or more between cells),
    lined up from the right (a header's first two cells may run together: "Lín. Referencia"),
    when the figure's header cell names a weight."""
    heads, cells = list(_SPACED_CELLS.finditer(header)), list(_SPACED_CELLS.finditer(text))
    if len(heads) < 4 or not 0 <= len(cells) - len(heads) <= 1:
        return None
    cells = cells[len(cells) - len(heads) :]
    index = max((k for k, c in enumerate(cells) if c.start() <= position), default=0)
    weight_header = heads[index].group()
    if not V.WEIGHT_WORDS.search(weight_header):
        return None
    pairs = [(h.group(), c.group()) for h, c in zip(heads, cells, strict=True)]
    return LC.line_quantity(weight_header, pairs, name_words=name.words)


_SPACED_CELLS = re.compile(r"\S+(?: \S+)*")
_PIECE_TAIL = re.compile(rf"\s*(?:{C.PIECES})\.?\s*$", re.IGNORECASE)


def _spaced_cells(
    header: str, text: str, position: int
) -> tuple[str, list[tuple[str, str]]] | None:
    """A row of a table laid out with spaces: the header of the cell at `position` and the
    row's (header, cell) pairs, lined up from the right, a count's piece word left off ("Paket
    içi | 10 adet" reads "10"). None unless the row has as many cells as the header, or one
    more."""
    heads, cells = list(_SPACED_CELLS.finditer(header)), list(_SPACED_CELLS.finditer(text))
    if len(heads) < 3 or not 0 <= len(cells) - len(heads) <= 1:
        return None
    cells = cells[len(cells) - len(heads) :]
    index = max((k for k, c in enumerate(cells) if c.start() <= position), default=0)
    pairs = [(h.group(), _PIECE_TAIL.sub("", c.group())) for h, c in zip(heads, cells, strict=True)]
    return heads[index].group(), pairs


_ROW_NAME = re.compile(r"^[^=|:]{1,40}:\s(?=[^=|:]{1,60}=)")


def _row_cells_kv(text: str) -> list[tuple[str, str]]:
    """The key=value cells of a table row read as a line, its row name ("NT-8: ") left off."""
    return _line_cells(_ROW_NAME.sub("", text, count=1))


def _field_count(label: str, text: str, doc: _Doc) -> int | None:
    """The pieces a weight field is for, by the fields beside it: its key path's object in an
    export ("opakowanie.sztuk_w_opakowaniu: 20"), or its key=value row ("Base poids=1000 PCE")."""
    n = None
    if "." in text and (m := _PATH_KEY.match(text)):
        if LC.says_one_piece(m["k"].rsplit(".", 1)[-1]):
            return None  # "item.weight_per_piece: 5.2 g" beside "pcs_per_box": one piece's
        n = KC.path_count(m["k"], doc.key_paths)
    elif "=" in text or " | " in text:
        n = KC.row_count(label, _row_cells_kv(text))  # a row name's first cell too
    return None if n is None or n == C.pack_n(doc.name_low) else n  # "set, 19 pcs": the set's


_PATH_KEY = re.compile(rf"^\s*(?P<k>{KC.PATH})\s*[:=]")


def _object_cells(text: str, doc: _Doc) -> list[tuple[str, str]]:
    """The fields of the export record a key path line sits in, read as a row's cells: the
    record counts its own pack ("peso_caja_kg: 0.62" beside "caja_unidades: 100"). Not in a
    packaging or logistics object, nor for an outer carton ("peso_caja_master_kg"): those
    weigh a shipping unit, packaging and all (the pack object's own counts are KC's)."""
    m = _PATH_KEY.match(text)
    if m is None or V.OUTER_PACK_WORDS.search(m["k"]) or KC.packaging_object(m["k"]):
        return []
    return KC.object_fields(m["k"], doc.key_paths)


def _counted_doc(doc: _Doc, n: int | None) -> _Doc:
    """`doc` with the pack count a row states in place of the document's."""
    if n is None:
        return doc
    counted = copy.copy(doc)
    counted._count = n
    return counted


def _is_ident_line(text: str) -> set[str]:
    """A short line that names one model ("RC20", "Model 12B"): what follows is about it."""
    if len(text) > 40 or DIGITS.isdisjoint(text):
        return set()
    toks = tokens_of(text)
    if 0 < len(toks) <= _IDENT_LINE_MAX_TOKENS:
        idents = N.idents(text)
        words = [t for t in toks if t.isalpha() and t not in V.MODEL_WORDS]
        return idents if len(idents) == 1 and not words else set()
    return set()


@dataclass(slots=True)
class _LineFacts:
    """Per-line facts the context walk asks for again and again, computed once."""

    lines: Sequence[Line]
    weight_word: dict[int, bool] = field(default_factory=dict)
    digit: dict[int, bool] = field(default_factory=dict)
    header: dict[int, str] = field(default_factory=dict)
    by_text: dict[str, bool] = field(default_factory=dict)  # a repeated line is read once
    units: dict[int, bool] = field(default_factory=dict)

    def is_unit_row(self, j: int) -> bool:
        """`T.unit_row` of line j, read once (the walk up from each figure passes it again)."""
        known = self.units.get(j)
        if known is None:
            known = self.units[j] = T.unit_row(self.lines[j].text)
        return known

    def has_digit(self, j: int) -> bool:
        known = self.digit.get(j)
        if known is None:
            known = self.digit[j] = not DIGITS.isdisjoint(self.lines[j].text)
        return known

    def has_weight_word(self, j: int) -> bool:
        known = self.weight_word.get(j)
        if known is None:
            t = self.lines[j].text
            known = self.by_text.get(t)
            if known is None:
                known = self.by_text[t] = bool(V.WEIGHT_WORDS.search(t)) and not any(
                    True for _ in find_quantities(t, comma_decimal=False)
                )
            self.weight_word[j] = known
        return known


def _header_above(lines: Sequence[Line], i: int, facts: _LineFacts | None = None) -> str:
    """A header line above a run of table rows ("Kanäle TxBxH (mm) Gewicht")."""
    facts = facts or _LineFacts(lines)
    known = facts.header.get(i)
    if known is None:
        known = facts.header[i] = _find_header_above(lines, i, facts)
    return known


def _find_header_above(lines: Sequence[Line], i: int, facts: _LineFacts) -> str:
    units = ""
    for j in range(i - 1, max(-1, i - 13), -1):
        t = lines[j].text
        if lines[j].location != lines[i].location:
            return ""
        if facts.has_weight_word(j):
            return "" if _is_prose(t) else T.with_unit_row(t, units)
        if _RULE_LINE.match(t):
            continue  # a markdown table's |---|---| line
        if not units and facts.is_unit_row(j):
            units = t  # "(kN)", "mm | mm": the header's units, printed in a row of their own
            continue
        if not facts.has_digit(j):
            return _stacked_header(lines, j)
    return ""


_CELL_BREAK = re.compile(r"[|\t;]|\S {2,}\S")
_PROSE_WORDS = 10


def _is_prose(text: str) -> bool:
    """A sentence, not a header row: many words and no cell breaks ("Il peso dipende dalla
    configurazione e viene comunicato con l'offerta…" labels no figure on the next line)."""
    return len(text.split()) > _PROSE_WORDS and _CELL_BREAK.search(text) is None


def _stacked_header(lines: Sequence[Line], j: int) -> str:
    """A table header whose cells a PDF printed one short line each ("Motor", "Weight", "(g)")
    right above the rows: joined, it is a header row."""
    parts: list[str] = []
    for k in range(j, max(-1, j - 40), -1):
        t = lines[k].text
        if lines[k].location != lines[j].location or any(c in DIGITS for c in t):
            break
        if len(t) > 25 or len(t.split()) > 3:
            break
        parts.append(t)
    header = " ".join(reversed(parts))
    if len(parts) < 3:
        return ""
    # parts run bottom-up: the weight must be the last column ("Motor", "Weight", "(g)")
    last = parts[1] if _UNIT_ONLY.match(parts[0]) else parts[0]
    return header if V.WEIGHT_WORDS.search(last) else ""


_CELL_SEP = re.compile(r"[,;|\t]")
_UNIT_ONLY = re.compile(r"^\s*[\[(][^\])]{1,8}[\])]\s*$")
_RULE_LINE = re.compile(r"^[\s|:+\-=]+$")
_ROW_START = re.compile(r"^\s*\|?\s*(\d+)(?:[\s/\"”|:]|$)")
_ROW_IDENT = re.compile(
    r"^\s*\|?\s*(?=[A-Za-z0-9.-]{0,20}\d)(?=[A-Za-z0-9.-]{0,20}[A-Za-z])[A-Za-z0-9.-]{2,24}\s"
)


def _last_column_quantity(text: str, header: str, comma: bool) -> list[_Raw]:
    """A row of bare numbers under a header whose last column is the weight with its unit
    ("DN D (mm) k (mm) Weight (kg)" over "80 200 160 3.4"): the row's last number."""
    w = None
    for w in V.WEIGHT_WORDS.finditer(header):  # noqa: B007 - the last one is kept
        pass
    if w is None or len(header) - w.end() > 12:
        return []
    if T.bare_number(header) and not _same_cells(header, text):
        return []  # a number: a header only when it has the row's cells ("ISO 5211 | Gewicht kg")
    if len(header.split()) < 3 or not (_ROW_START.match(text) or _ROW_IDENT.match(text)):
        return []  # a table header over a table row, not a key line over a value line
    factor = header_unit(header[w.start() :])
    nums = numbers(text, comma_decimal=comma)
    if factor is None or len(nums) < 2 or _HAS_LETTER.search(text[nums[-1][1] :]):
        return []
    start, end, value = nums[-1]
    head = header[: w.start()].split()[-1:]  # "Motor Weight (g)", not the other columns'
    label = " ".join([*head, header[w.start() :]])
    # "Gewicht (kg/m)": a rate; "Gewicht (g/100 Stk.)", "Masse kg/m": what the unit is per
    glued = next((u["r"] for u in _UNIT_IN_LABEL.finditer(header[w.start() :]) if u["r"]), "")
    if not glued and (unit := _UNIT_IN_LABEL.search(header, w.start())) is not None:
        glued = header[unit.end() :]
    elif not glued and (bracketed := T.bracket_unit(header[w.start() :])) is not None:
        glued = bracketed[1]
    metric = factor not in _IMPERIAL
    return [_Raw(value * factor, start, end, metric=metric, label=label, unit_glued=glued)]


_COMMA_CLAUSE = re.compile(r"^[^|;\t]{3,80},\s[^|;\t,]{2,40}$")


def _same_cells(header: str, row: str) -> bool:
    """A header row and a table row with as many " | " cells (three or more)."""
    cells = header.count(" | ")
    return cells >= 2 and row.count(" | ") == cells


def _column_keys(lines: Sequence[Line], i: int, count: int) -> list[set[str]]:
    """Variant columns: a line above whose last `count` tokens each name a model or size
    ("Gewinde M8x30 M10x30 M12x30" over "Gewicht kg/1000 Stk 17,8 29,4 41,1")."""
    for j in range(i - 1, max(-1, i - 13), -1):
        if lines[j].location != lines[i].location:
            break
        t = lines[j].text
        if " | " in t and t.count(" | ") == count - 1:
            # a header row of only the variants ("DP 750 | DP 1100") over rows that carry
            # their label in a first cell the header leaves out
            cols = [N.idents(c) or _spaced_designation(c) for c in t.split(" | ")]
            if all(cols):
                return cols
    for j in range(i - 1, max(-1, i - 7), -1):
        if lines[j].location != lines[i].location:
            break
        t = lines[j].text
        # cells of a PDF row (" | "), else words: "Gewinde | M8x30 | M10x30 | M12x30"
        tokens = [c.strip() for c in t.split(" | ")] if " | " in t else t.split()
        if len(tokens) <= count:
            continue
        cols = [N.idents(t) for t in tokens[-count:]]
        if all(cols):
            return cols
    return []


# "DP 750", "KR8B", "EW 80 V": a spaced suffix only in capitals (a unit, "DN 50 mm", is none)
_SPACED_DESIGNATION = re.compile(r"^[A-Za-z]{1,5}[ -]?\d{1,5}(?:[A-Za-z]{1,3}|[ -][A-Z]{1,3})?$")


def _spaced_designation(cell: str) -> set[str]:
    """ "DP 750": letters and a number in one short cell name one model ("dp750")."""
    cell = cell.strip()
    return {"".join(tokens_of(cell))} if _SPACED_DESIGNATION.match(cell) else set()


_MODEL_CELL = 16  # a model's cell, not a title's ("Prüfbericht PB-2026-044")


def _corner_less_heads(row: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
    """A row of model cells ("EW 50 V | EW 80 V | EW 100 V") one cell shorter than the labelled
    row below it: the variants over its columns, the corner cell above the labels left out (an
    HTML header may pad it at its end instead: "EW 50 V | EW 80 V | ")."""
    row = list(row)
    while row and not row[-1].strip():
        row.pop()
    return (
        len(row) >= 2
        and bool(below)
        and len(below[0]) == len(row) + 1
        and all(len(c) <= _MODEL_CELL and (N.idents(c) or _spaced_designation(c)) for c in row)
    )


_SLASHED_KEY = re.compile(r"^(?P<key>[^:=|]{1,60}?)\s{0,3}[:=|]")


def _paired_labels(text: str, raws: Sequence[_Raw]) -> list[str]:
    """'N.W./G.W.: 3.2 kg / 3.9 kg', 'Net/gross weight: 1.2/1.4 kg': labels in value order."""
    if len(raws) < 2 or not (m := _SLASHED_KEY.match(text[: raws[0].start])):
        return []
    parts = [p.strip() for p in m["key"].split("/")]
    between = [text[a.end : b.start] for a, b in itertools.pairwise(raws)]
    if len(parts) != len(raws) or not all(b.strip() == "/" for b in between):
        return []
    tail = " ".join(parts[-1].split()[1:])  # "Net/gross weight": "weight" labels both
    return [p if p == parts[-1] else f"{p} {tail}".strip() for p in parts]


_ROW_CELL_SEP = re.compile(r"\s*(?:\||\t|;|(?<=\S):\s)\s*")


def _cells(text: str) -> list[tuple[int, str]]:
    """(start, text) of each cell of a table row as a line ("a | b | c", "key: a | b")."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _ROW_CELL_SEP.finditer(text):
        out.append((start, text[start : m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    if out and not out[0][1].strip():
        out = out[1:]  # "| a | b |": the leading and trailing pipes open no cell
    if out and not out[-1][1].strip():
        out = out[:-1]
    return out


def _column_label(header: str, text: str, position: int) -> str:
    """The header cell above the cell a figure stands in, when header and row have as many
    cells ("Type | Weight | Max. load" over "A-200 | 1.8 kg | 50 kg": "Weight" for 1.8 kg,
    "Max. load" for 50 kg); empty when the columns cannot be lined up."""
    heads, cells = _cells(header), _cells(text)
    if len(heads) < 2 or len(heads) != len(cells):
        return ""
    index = max((k for k, (start, _) in enumerate(cells) if start <= position), default=0)
    return heads[index][1].strip()


_NUMBER_CELL = re.compile(r"^[<>~≈±]?\s?\d[\d.,' ]*$")


_TRADE_ITEM_COLUMN = re.compile(
    r"(?:upc|ean|gtin|ean13|ean-13|gtin-13|gtin-14|ean/upc|upc/ean|ean code|ean-code|barcode"
    r"|código ean|code ean|codice ean|ean-nr\.?|ean nummer|kod ean|streckkod|stregkode)"
    r"(?:\s*[(\[][^)\]]*[)\]])?",
    re.IGNORECASE,
)


_PIECES_WORD = (
    r"(?:qty|quantity|menge|inhalt|count|pcs|stk|stück|uds|unidades|pezzi|pz|qté|quantité"
    r"|cantidad|quantità|ilość|szt|ks|antal|units|pieces)"
)
# A column of the pieces a pack holds ("Box qty", "pcs/carton", "Stk/VE", "VE"): the rows are
# articles sold by the pack, not the parts of an assembly
_PACK_COLUMN = re.compile(
    rf"(?<![^\W\d_])(?:{'|'.join(V.PACK_NOUNS)})\s{{0,2}}{_PIECES_WORD}(?![^\W\d_])"
    rf"|(?<![^\W\d_]){_PIECES_WORD}\s{{0,2}}(?:/|per|pro|je|por|par|pour)\s{{0,2}}"
    rf"(?:{'|'.join(V.PACK_NOUNS)}|ve)(?![^\W\d_])"
    r"|^\s*ve\s*(?:[(\[].*[)\]])?\s*$|verpackungseinheit|packing\s+unit|pack\s+size",
    re.IGNORECASE,
)


def _sold_by_pack(cells: Iterable[str]) -> bool:
    """A header with a column of the pieces per pack ("Part | Description | lb/100 | Box
    qty"): an export of articles sold, whatever its first column is called."""
    return any(_PACK_COLUMN.search(c.strip()) for c in cells)


def _is_parts_header(header: str) -> bool:
    """A header row of a parts list ("Pos, Part, Material, Qty, Mass (g)")."""
    cells = [c.strip().lower() for c in _CELL_SEP.split(header) if c.strip()]
    if any(_NUMBER_CELL.match(c) for c in cells):
        return False  # "Mass moment of inertia (motor side) | 0.0011 | kg m²": a data row
    if any(_TRADE_ITEM_COLUMN.fullmatch(c) for c in cells) or _sold_by_pack(cells):
        return False  # "Item | Description | UPC | Net Wt": an export of articles sold, not parts
    if len(cells) >= 3 and V.COMPONENT_WORDS.search(cells[0]):
        return True  # "Fixings | Description | Weight", "Zubehör | Artikel | Gewicht"
    return len(cells) >= 3 and any(c in V.PARTS_LIST_COLUMNS for c in cells)


def collect_mentions(
    sections: Sequence[Section],
    *,
    source: str,
    name: str,
    comma: bool,
    tables: Sequence[Table] = (),
    order_base: int = 0,
) -> list[Mention]:
    """Every mass figure of one document's sections (and tables), classified."""
    lines = list(iter_lines(sections))
    facts = _LineFacts(lines)
    nm = N.Name.of(name)
    doc = _Doc(lines, name, comma)
    records = _record_keys(lines)
    record_texts = _record_texts(lines) if records else {}
    out: list[Mention] = []
    model_keys: set[str] = set()
    model_loc = ""
    memo: dict[tuple[object, ...], list[Mention]] = {}
    read: dict[str, tuple[set[str], list[_Raw]]] = {}  # what a line's own text says, once
    pending: tuple[tuple[object, ...], int] | None = None
    for i, line in enumerate(lines):
        text = line.text
        if line.location != model_loc:
            model_keys, model_loc = set(), line.location
        if DIGITS.isdisjoint(text):
            continue  # no figure, and no model line either ("RC20" has a digit)
        known = read.get(text)
        if known is None:
            known = read[text] = (
                _is_ident_line(text),
                _raw_quantities(text, comma) or _label_unit_quantities(text, comma),
            )
        ident_line, raws = known
        if ident_line:
            model_keys = ident_line
        if not raws and (_ROW_START.match(text) or _ROW_IDENT.match(text)):
            # only a table row can take its unit from a header above (bounded work per line)
            header = _header_above(lines, i, facts)
            raws = _last_column_quantity(text, header, comma) if header else []
        if not raws:
            continue
        if pending is not None:
            memo[pending[0]] = out[pending[1] :]
            pending = None
        above = max(0, i - 13)
        window = tuple((w.location, w.text) for w in lines[above : i + 2])
        memo_key = (
            i - above,  # where in the window the line is (a window is shorter at either end)
            window,
            line.heading,
            line.packaging,
            line.previous,
            frozenset(model_keys),
            _header_above(lines, i, facts),
        )
        if (seen_line := memo.get(memo_key)) is not None:
            # the same line in the same surroundings (a page footer, a repeated table row, a
            # long log of one sentence): its figures are what they were, at this position
            out.extend(_moved(m, order_base + line.order) for m in seen_line)
            continue
        pending = (memo_key, len(out))
        columns = _column_keys(lines, i, len(raws)) if len(raws) >= 2 else []
        line_label = text[: raws[0].start]
        row_keys: set[str] = set()
        if row_start := _ROW_START.match(text):
            row_keys.add(f"#{row_start.group(1)}")
        row_keys |= N.idents(line_label.split(":")[0][:40]) if ":" not in line_label[:2] else set()
        first_cell = re.split(r"[|;:\t]", line_label, maxsplit=1)[0]
        row_keys |= _size_key(first_cell) | N.dimension_keys(first_cell)
        if len(first_cell) <= 40:
            row_keys |= {f"!{m}" for m in N.models(first_cell)}
            if N.idents(first_cell):
                # "GPX-2 16": a series and its size number; the number tells the rows apart
                row_keys |= {f"#{t}" for t in tokens_of(first_cell) if t.isdigit()}
        paired = _paired_labels(text, raws)
        line_block: str | None = None  # the record the line closes, read once per line
        prev_end = 0
        for k, q in enumerate(raws):
            if k == 0 and _beside_empty_cell(text[: q.start]):
                continue
            nxt = raws[k + 1].start if k + 1 < len(raws) else len(text)
            tail = text[q.end : nxt]
            if k + 1 == len(raws) and not tail.strip():
                tail = _run_on(lines, i)
            after = _clause_after(tail)
            described = _words_after(text[q.end : nxt])
            own = _nearest_label(
                _immediate_clause(text[prev_end : q.start])
                if k > 0
                else _clause_before(text[: q.start])
            )
            if paired:
                own = paired[k]
            included = k > 0 and _INCLUDED_BEFORE.search(text[prev_end : q.start]) is not None
            prev_end = q.end
            key = re.split(r"[:|=]", text, maxsplit=1)[0][:60]
            packaging = (
                text
                if line.packaging
                or (V.PACKAGING_KEYS.search(key) and not _sentence(text, key, q.start))
                else ""
            )
            # The label nearest the figure first, then the line's, a header row above, the heading.
            labels = [(q.label, False, True)] if q.label else [(own, False, False)]
            if k > 0:
                labels.append((_clause_before(line_label), True, False))
            elif own != line_label and _COMMA_CLAUSE.search(line_label):
                # "Masse de la pièce usinée, telle que livrée : 0,72 kg": the label runs
                # over a comma; the clause right before the figure is only its end
                labels.append((line_label.strip(), True, False))
            if k == 0 and not q.label and (gross := _gross_sentence(own, line_label)):
                labels.insert(0, (gross, True, False))  # "Gross weight incl. reel, tape and …"
            if k == 0 and not q.label and (cell := _qualified_pack(own, line_label)):
                labels.insert(0, (cell, True, False))  # "Box weight (10 pcs), net": the pack's
            if k == 0 and not V.WEIGHT_WORDS.search(own) and (lead := R.lead_in(lines, i)):
                labels.append((lead, False, False))  # "…, the correct weight is:" above
            if k == 0 and not V.WEIGHT_WORDS.search(own) and R.correct_value(own, lines, i):
                labels.append((f"weight {own.strip()}", False, False))
            header = _header_above(lines, i, facts) or (line.previous or "")
            parts_list = _is_parts_header(header)
            if header:
                labels.append((_column_label(header, text, q.start) or header, False, True))
            elif k == 0 and not V.WEIGHT_WORDS.search(own) and (run := R.run_on(lines, i, own)):
                # "… weight of the set (4 pads, shims" above "included) is 1.96 kg"
                labels.append((_clause_before(run), True, False))
            if line.heading and V.WEIGHT_WORDS.search(line.heading):
                labels.append((line.heading, False, True))
            basis: WeightBasis | None = None
            label, inherited, context, reason, grams = "", False, False, "", None
            for label, inherited, context in labels:  # noqa: B007 - the one that classifies is kept
                if not label:
                    continue
                row_doc = doc
                if V.PACK_WORDS.search(label):  # a pack weight counted on its own line
                    cells, pack_label = _object_cells(text, doc) or _line_cells(text), label
                    if not cells and (own_column := _spaced_cells(header, text, q.start)):
                        pack_label, cells = own_column  # the figure's own column's header
                    row_doc = _counted_doc(doc, _row_pack_count(pack_label, cells))
                basis, reason, grams = _classify(
                    label, after, q.unit_glued, nm, row_doc, q.grams, packaging, context=context
                )
                if basis is not None:
                    break
            if included and basis in _ELIGIBLE:
                # "2.45 kg (incl. 0.25 kg cardboard core)": a part the figure before includes
                basis, grams = WeightBasis.COMPONENT, None
                reason = "the weight of a part the figure before it includes"
            if basis is None:
                continue
            if (
                basis in (WeightBasis.PROCESS, WeightBasis.CAPACITY)
                and context
                and label == header  # the row's cells could not be lined up with the header's
                and (mass_column := _mass_column(header))
            ):  # "Federkraft bei 20 mm (N)   Masse (g)" over "Mittelwert 4,82 g": the mass's
                b, r, g = _classify(mass_column, after, q.unit_glued, nm, row_doc, q.grams, "")
                if b is not None and b in _ELIGIBLE:
                    basis, reason, grams, label = b, r, g, mass_column
            if basis in (WeightBasis.COMPONENT, WeightBasis.PROCESS) and (
                bare := _without_aside(label)
            ):  # "die Klappe (Rahmen und Lamellen Aluminium) wiegt": the aside names no owner
                b, r, g = _classify(bare, after, q.unit_glued, nm, row_doc, q.grams, packaging)
                if b is not None and b in _ELIGIBLE:
                    basis, reason, grams = b, r, g
            if basis in _ELIGIBLE and (heavy := V.HEAVIEST_PART_WORDS.search(text[: q.start])):
                basis, grams = WeightBasis.COMPONENT, None  # "Schwerstes Einzelteil | …, 720 kg"
                reason = f"the weight of the heaviest single part ({heavy.group()})"
            if (
                basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
                and "=" in text
                and (row_uom := UM.row_unit(label, _row_cells_kv(text)))
            ):  # "Basismengeneinheit=TST | Nettogewicht=4,850": one unit of measure's weight
                basis, reason, grams = _unit_weight(row_uom, q.grams, doc, nm)
            if basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED) and (
                counted := _field_count(label, text, doc)
            ):
                basis, grams = WeightBasis.DERIVED, q.grams / counted
                reason = (
                    f"the weight of the {counted} pieces the fields beside it count ÷ {counted}"
                )
            elif (
                basis == WeightBasis.PER_PACK
                and "=" in text
                and not C.packs_counted(label)
                and (counted := KC.pack_row_count(label, _row_cells_kv(text)))
                and counted != C.pack_n(nm.low)
            ):  # "Confezione=confezione 25 pz | Peso conf. (kg)=2,2": the pack the row counts
                basis, grams = WeightBasis.DERIVED, q.grams / counted
                reason = f"pack weight ÷ the {counted} pieces the row's pack cell counts"
            elif (
                basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
                and (path := _PATH_KEY.match(text))
                and KC.in_pack(path["k"])
            ):  # "item.pack.net_weight_kg: 2.6" and no count of the pack's pieces
                basis, grams = WeightBasis.PER_PACK, None
                reason = "the weight of a pack's object, and no count of its pieces is stated"
            elif (
                basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
                and (row := _ROW_NAME.match(text))
                and (carrier := V.OUTER_PACK_WORDS.search(row.group()))
                and carrier.group().lower() not in nm.low
            ):  # "托盘: 数量=50 捆 | 重量 kg=840": the row of a pallet or outer carton
                basis, grams = WeightBasis.GROSS, None
                reason = f"the weight of a load carrier's row ({carrier.group()})"
            elif (
                basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
                and header
                and (spaced := _spaced_line_quantity(header, text, q.start, nm))
            ):  # "Lín.  Ref.  Uds.  Peso total línea" over "1  CB-25  250  87,5 kg"
                basis, reason, grams = _line_weight(spaced, q.grams)
            elif (
                basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
                and "=" in text
                and (row_line := LC.line_quantity(label, _row_cells_kv(text), name_words=nm.words))
            ):  # "NT-8: Quantity=2000 | Net weight (kg)=11,0": a table row as key=value cells
                basis, reason, grams = _line_weight(row_line, q.grams)
            if (
                basis in (WeightBasis.UNSPECIFIED, WeightBasis.NET)
                and (
                    V.PARTS_LIST_WORDS.search(line.heading or "")
                    or (context and V.PARTS_LIST_WORDS.search(label))
                    or parts_list
                )
                and not V.TOTAL_WORDS.search(label)
                and not V.TOTAL_ROW_WORDS.search(text[: q.start])  # "Lavice celkem | 28 kg"
            ):
                basis, reason, grams = (
                    WeightBasis.COMPONENT,
                    "a row of a parts list (the weight of one component)",
                    None,
                )
            if (
                basis == WeightBasis.UNSPECIFIED
                and line.heading
                and (hm := V.COMPONENT_WORDS.search(line.heading))
                and hm.group().lower() not in nm.low
                and not _data_heading(line.heading)
                and not _LEFT_OUT_BEFORE.search(line.heading[: hm.start()])
            ):
                basis, reason, grams = (
                    WeightBasis.COMPONENT,
                    f"under the heading of a component ({line.heading})",
                    None,
                )
            wrapped = (
                lines[i - 1].text[-80:]
                if i
                and lines[i - 1].location == line.location
                and not _SENTENCE_END.search(lines[i - 1].text)
                else ""
            )  # a line the figure's sentence runs on from, not a sentence ended above it
            if basis in _ELIGIBLE and (sold := V.SOLD_SEPARATELY_WORDS.search(f"{wrapped} {text}")):
                basis, reason, grams = (
                    WeightBasis.COMPONENT,
                    f"the weight of something sold separately ({sold.group()})",
                    None,
                )
            if basis in _ELIGIBLE and (cond := _other_condition(D.without_rate_base(label), nm)):
                basis, reason, grams = (
                    WeightBasis.OTHER_VARIANT,
                    f"stated for {cond}, and the article name states another value",
                    None,
                )
            if basis in _ELIGIBLE and (
                spread := RG.of_variants(q.low, q.high, text, named=nm.matches(row_keys))
                if q.high
                else ""
            ):  # "da 45 a 120 g secondo la versione": the weights of several versions
                basis, reason, grams = WeightBasis.OTHER_VARIANT, spread, None
            if basis in _ELIGIBLE and (
                (rm := V.RELATED_WORDS.search(line.heading or ""))
                or (rm := V.RELATED_WORDS.search(key))
                or (rm := _RELATED_PATH.search(key))
            ):
                basis, reason, grams = (
                    WeightBasis.OTHER_VARIANT,
                    f"the weight of another product the document lists ({rm.group()})",
                    None,
                )
            if basis in _ELIGIBLE and (test := V.TEST_WORDS.search(key)):
                # "Test door: 2,100 x 1,000 mm, mass 120 kg": the key says whose mass it is
                basis, reason, grams = (
                    WeightBasis.CAPACITY,
                    f"a test or set-up figure ({test.group()})",
                    None,
                )
            if basis in _ELIGIBLE and (
                (rv := V.REVIEW_WORDS.search(line.heading or ""))
                or _in_quoted_speech(text, q.start)
            ):
                basis, reason, grams = (
                    WeightBasis.OTHER_VARIANT,
                    "a customer's words (a review or a question), not the article's data"
                    + (f" ({rv.group()})" if rv else ""),
                    None,
                )
            if basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED) and (
                counted := C.counted_before(text[max(0, q.start - 80) : q.start], nm)
            ):  # "10 barras (50 m), peso aprox. 30 kg" of one "barra": the weight of ten
                basis, grams = WeightBasis.DERIVED, q.grams / counted
                reason = f"the weight of the {counted} pieces the clause before counts ÷ {counted}"
            elif (
                basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
                and (counted := _record_pack(lines, i, nm))
                and not V.PACK_WORDS.search(label)
            ):  # "name: FFP2 respirator box of 20" above "weight: 90 g" of "… (one mask)"
                basis, grams = WeightBasis.DERIVED, q.grams / counted
                reason = f"the weight of the record's product, a pack of {counted} ÷ {counted}"
            elif (
                basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
                and (counted := C.pack_counted_before(text[max(0, q.start - 80) : q.start], nm))
                and doc.pack_counts <= {counted}  # not one of the packs of several articles
            ):  # "Pakkaus: 25 kpl, paino 2,25 kg": the weight of the pack the clause counts
                basis, grams = WeightBasis.DERIVED, q.grams / counted
                reason = f"pack weight ÷ {counted} pieces the clause before counts"
            if basis in _ELIGIBLE and R.SUPERSEDED_BEFORE.search(
                text[max(0, q.start - 30) : q.start]
            ):
                basis, reason, grams = (
                    WeightBasis.OTHER_VARIANT,
                    "a superseded value (the figure it replaced)",
                    None,
                )
            if basis in _ELIGIBLE and (
                other := O.not_the_article(text, q.start, q.end, nm.low, nm.words, wrapped)
            ):
                basis, reason, grams = (*other, None)  # "can carry 50 kg", "la testa pesa 28 kg"
            revised = R.revision(text, q.start, q.end, wrapped) if basis in _ELIGIBLE else ""
            if revised == "wrong":  # "por error un peso de 4,2 kg", "2,1 kg statt 2,4 kg"
                basis, reason, grams = (
                    WeightBasis.OTHER_VARIANT,
                    "called wrong, or the figure a correction replaces",
                    None,
                )
            if q.upper_bound and basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED):
                basis, reason = WeightBasis.UPPER_BOUND, "an upper bound ('less than', 'max.')"
            score = _BASE_SCORE.get(basis, 0.0)
            total = False
            if score:
                score -= 0.2 if context else 0.05 if inherited else 0.0
                score -= 0.05 if q.is_range else 0.0
                score -= 0.02 if q.approx else 0.0
                score -= 0.05 if source == "description" else 0.0
                # a pack weighed in the packaging section carries its packaging (battens, band)
                score -= 0.1 if packaging and basis == WeightBasis.DERIVED else 0.0
                total = _whole_of_article(label, nm) or _whole_of_article(own, nm)
                score += 0.1 if total else 0.0
                # the whole of what the name names beats a part's net weight ("Film (neto)")
                score += 0.1 if total and _names_article(own, nm) else 0.0
                if revised == "correct":  # "el peso correcto es 0,42 kg"
                    score += R.CORRECTED_BONUS
                    reason = f"{reason}; the text calls it the corrected weight"
            if (
                score
                and basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
                and (op := V.OPERATING_WORDS.search(f"{label} {after[:30]}"))
            ):
                score -= _OPERATING_PENALTY  # "Operating weight (oil and fuel)" loses to "Dry"
                reason = f"{reason}; with its operating fluids ({op.group()}), not as delivered"
            qualifier = ""
            if (
                basis in (WeightBasis.UNSPECIFIED, WeightBasis.DERIVED)
                and not context
                and revised != "correct"  # "the correct weight": the word qualifies nothing
            ):
                qualifier = _qualifier(label, nm)
                if basis == WeightBasis.DERIVED and _divided_pack(qualifier, reason):
                    qualifier = ""  # "peso_caja_kg" ÷ the box's count: the box is accounted for
                if qualifier:  # "Peso di spedizione" loses to a bare "Peso" whatever the word
                    score -= _QUALIFIED_PENALTY
                    reason = (
                        f"{reason}; the label qualifies it ({qualifier})"
                        if basis == WeightBasis.DERIVED
                        else f"labelled as the weight of something qualified ({qualifier})"
                    )
            own_idents = N.idents(own) or (columns[k] if columns else set())
            if records and (record := _RECORD_PATH.match(text)):
                own_idents = own_idents | records.get(record["path"], set())
            keys = (
                (
                    (own_idents | row_keys) or model_keys
                    if k == 0
                    else own_idents or row_keys | model_keys
                )
                | (N.idents(label) if not context and not own_idents else set())
                | N.words(described)
                | N.idents(described)
                | N.scope_keys(f"{label} {described}")
            )
            note = "; ".join(
                n for n in (q.note, reason if basis == WeightBasis.DERIVED else "") if n
            )
            if _parts_header(header):
                named_by = ""  # a parts list's row names a component, not a variant
            elif len(raws) >= 2 and " | " in text:
                named_by = _column_text(lines, i, len(raws), k)
            elif record_texts and (record := _RECORD_PATH.match(text)):
                named_by = record_texts.get(record["path"], "")
            else:
                if line_block is None:
                    line_block = f"{_block_text(lines, i)} {text}"
                named_by = line_block
            out.append(
                Mention(
                    grams=grams,
                    stated_grams=q.grams,
                    basis=basis,
                    score=round(max(score, 0.0), 3),
                    quote=trim_quote(text),
                    location=f"{source}, {line.location}" if line.location else source,
                    source=source,
                    order=order_base + line.order,
                    keys=frozenset(keys),
                    reason=reason,
                    note=note,
                    metric=q.metric,
                    context=context,
                    total=total,
                    part=(
                        _included_part(V.NET_WORDS.pattern.sub(" ", label), nm)  # "Net weight X"
                        or _object_of(label)
                        or _included_part(label, nm)
                    )
                    if basis == WeightBasis.COMPONENT
                    else "",
                    qualifier=qualifier,
                    label=label,
                    variant_text=named_by,
                    variant_figure=q.grams,
                )
            )
    if (by_volume := D.volume_density(lines, comma)) is not None:
        grams, vline, reason = by_volume  # "Volume de la pièce 2,9 cm³" × "1,36 g/cm³"
        out.append(_derived_mention(vline, grams, grams, reason, source, order_base))
    elif _sold_with_contents(nm) and (held := D.contents_density(lines, nm.low, comma)):
        grams, vline, reason = held  # "Volym: 5 l" × "Densitet: 1,04 kg/l"
        if (full := _with_empty_container(out, lines, grams)) is not None:
            grams, reason = full[0], f"{reason}{full[1]}"
            out.append(_derived_mention(vline, grams, grams, reason, source, order_base))
    if (rated := D.rate_row(lines, name, comma)) is not None and doc.length_m:
        rline, per_m, others = rated  # "TM16R100 | 16 x 2,0 | … | 0,112" under "(kg/m)"
        reason = (
            f"weight per metre {fmt_grams(per_m)} of the row that names the article × length "
            f"{doc.length_m:g} m"
        )
        out.append(_derived_mention(rline, per_m * doc.length_m, per_m, reason, source, order_base))
        other_rows = {order_base + o for o in others}
        for m in out:
            if m.order in other_rows and m.basis in (WeightBasis.DERIVED, WeightBasis.PER_LENGTH):
                m.basis, m.grams, m.score = WeightBasis.OTHER_VARIANT, None, 0.0
                m.reason += "; another row of the table the article's row is in"
    R.superseded_by_reply(lines, out, _ELIGIBLE)
    R.corrected_thread(lines, out, R.quotes_below, _ELIGIBLE)
    # A table is also in the sections as lines: a row the line rules set aside with its heading
    # and the lines around it (a component's section, a parts list) is not taken again from the
    # table without them.
    seen = {
        (round(m.stated_grams, 3), _row_cells(m.quote)) for m in out if m.basis not in _ELIGIBLE
    }
    out.extend(
        _table_mentions(
            tables, source=source, name=nm, doc=doc, comma=comma, order_base=order_base, seen=seen
        )
    )
    _other_rows_everywhere(out)
    _sibling_rows(out, lines, nm)
    out.extend(_empty_own_weight(lines, source, order_base))
    return out


def _sibling_rows(out: list[Mention], lines: Sequence[Line], nm: N.Name) -> None:
    """Where the document names the article's own code ("BH-TS3-E | Einzelstock | siehe
    Paargewicht", or the code it begins with), a row of the same product line under another
    code ("BH-TS3-WT | Winterteller | 38 g") is another article's, whether or not the
    article's own row states a weight."""
    own = _own_codes(nm)

    def names_own(code: str) -> bool:  # "HG-128" of an "HG-128-BR", not the series "WX-20"
        return code in own or (code not in nm.models and any(o.startswith(code) for o in own))

    if not own or not any(names_own(c) for line in lines for c in N.models(line.text)):
        return
    for m in out:
        if m.basis in _ELIGIBLE and (sibling := _sibling_row_code(m, nm)):
            m.basis, m.score = WeightBasis.OTHER_VARIANT, 0.0
            m.reason += f"; the row of another article code of the name's line ({sibling})"


def _own_codes(nm: N.Name) -> set[str]:
    """The name's article codes, not the series they begin with ("wx20s", not "wx20")."""
    return {c for c in nm.models if not any(o != c and o.startswith(c) for o in nm.models)}


_OTHER_ROW = "another row of the table than the one that names the article"


def _other_rows_everywhere(mentions: Sequence[Mention]) -> None:
    """A row the table reading sets aside as another article's ("HM-1 | Hæftemaskine | … |
    0,26" beside the named "KP-50-BL" row) is set aside where the same row is read as a line
    ("HM-1: beskrivelse=… | nettovægt=0,26"): the same figure of the row with the same code."""
    others = {
        (t.quote.split(" | ")[0].strip(), round(t.stated_grams, 6))
        for t in mentions
        if t.basis == WeightBasis.OTHER_VARIANT and _OTHER_ROW in t.reason
    }
    if not others:
        return
    for m in mentions:
        code = m.quote.split(":")[0].strip()
        if m.basis in _ELIGIBLE and (code, round(m.stated_grams, 6)) in others:
            m.basis, m.grams, m.score = WeightBasis.OTHER_VARIANT, None, 0.0
            m.reason += f"; {_OTHER_ROW}"


# An export's list of other products ("related[0].netWeight", "crossSellings[1].gewicht",
# "similar_items[2].weight"): each element is another article, whatever its fields say.
_RELATED_PATH = re.compile(
    r"(?:^|[.\s])(?:related|similar|recommended|alternatives?|cross_?sell\w{0,4}|up_?sell\w{0,4}"
    r"|also_?bought|suggest\w{0,6}|compatible\w{0,6}|spare_?parts?|accessor(?:y|ies)"
    r"|zubehoer|accessoires?|accessori)(?:_?(?:products?|items?|articles?))?\[\d{1,5}\]",
    re.IGNORECASE,
)


def _sentence(text: str, key: str, position: int) -> bool:
    """A line with no key before a separator, five words or more, that names packaging only
    after the figure ("Please use 313 g for your logistics data."): a sentence about the
    figure, not the weight of a package ("Package of 5 pcs, weight 6 kg")."""
    if len(key) != len(text[:60]) or len(key.split()) < 5:
        return False
    return V.PACKAGING_KEYS.search(text[:position]) is None


# "(without rod-end accessories):", "(ohne Zubehör)": a heading that leaves a part out says the
# rows below weigh the article without it, not that they weigh the part
_LEFT_OUT_BEFORE = re.compile(
    rf"(?<![^\W\d_])(?:{V.WITHOUT_WORDS})(?![^\W\d_])[^,;:()]{{0,40}}$", re.IGNORECASE
)


def _data_heading(heading: str) -> bool:
    """A table caption that lists the article's data ("Dimensions, charges de base et
    masses", "Abmessungen und Gewichte"): a component word in it ("base") names no part."""
    return bool(V.DIMENSION_WORDS.search(heading)) and bool(V.WEIGHT_WORDS.search(heading))


def _moved(m: Mention, order: int) -> Mention:
    """A copy of a mention at another position (cheaper than dataclasses.replace)."""
    out = copy.copy(m)
    out.order = order
    return out


def _run_on(lines: Sequence[Line], i: int) -> str:
    """The start of the next line when a sentence runs on to it (prose wrapped by a mail or
    a PDF: "… ca. 420 kg" / "je Palette (Versandgewicht)"): what the figure is of."""
    if i + 1 >= len(lines) or lines[i + 1].location != lines[i].location:
        return ""
    nxt = lines[i + 1].text
    if not nxt[:1].islower() or lines[i].text.rstrip()[-1:] in ".:;!?|":
        return ""
    if _KEY_LINE.match(nxt):
        return ""  # "article.expedition.emballage: …": the next record of an export, no run-on
    return " " + nxt[:80]


_KEY_LINE = re.compile(r"[^\W\d][\w.\[\]\-]{0,80}[:=]\s")


_OPEN_QUOTE = '«“„"‘‹»'
_CLOSE_QUOTE = {"«": "»", "“": "”", "„": "“", '"': '"', "‘": "’", "‹": "›", "»": "«"}
_ATTRIBUTION = re.compile(r"^[\s.,!?]{0,3}(?:[-–—]\s{0,2}[^\W\d_]|\(\s{0,2}[^\W\d_])")


def _in_quoted_speech(text: str, position: int) -> bool:
    """A figure inside words someone is quoted saying: a line that opens with a quotation
    mark, closes it after the figure and names who said it ("«Peso 95 kg y la silla
    aguanta…» – Javier"), the way shop pages print reviews."""
    head = text.lstrip()
    if not head or head[0] not in _OPEN_QUOTE:
        return False
    opening = len(text) - len(head)
    close = text.rfind(_CLOSE_QUOTE[head[0]])
    return opening < position < close and _ATTRIBUTION.match(text[close + 1 :]) is not None


_SIZE_CELL = re.compile(
    r"^\s*(?:[^\W\d_]{1,6}\.?|Ø|⌀|#)?\s{0,2}(\d{1,4})\s{0,2}(?:mm|cm|\"|″|in)?\s*$",
    re.IGNORECASE,
)


def _size_key(cell: str) -> set[str]:
    """A row label that is a size with its prefix apart ("DN 50", "M 8", "Gr. 4", "Ø 63 mm"):
    the row is named by its number, as the article name's "DN 50" is."""
    m = _SIZE_CELL.match(cell)
    return {f"#{m.group(1)}"} if m else set()


_RECORD_PATH = re.compile(r"^(?P<path>[^\s:]{0,200}\[\d{1,5}\])\.[^\s:]{1,200}:\s")


def _record_keys(lines: Sequence[Line]) -> dict[str, set[str]]:
    """Variant keys of each element of a JSON array ("varianten[2].artikelnummer: KV-M20",
    "varianten[2].gewicht: 34 g"): a weight in a record is named by its record's designations."""
    out: dict[str, set[str]] = {}
    for line in lines:
        m = _RECORD_PATH.match(line.text)
        if m is not None:
            out.setdefault(m["path"], set()).update(N.idents(line.text[m.end() :][:80]))
    return out


def _record_texts(lines: Sequence[Line]) -> dict[str, str]:
    """The text of each element of a JSON array, all its fields: what names its variant
    ("varianti[1].forma: goccia" beside "varianti[1].peso_g: 365")."""
    out: dict[str, list[str]] = {}
    for line in lines:
        m = _RECORD_PATH.match(line.text)
        if m is not None:
            value = line.text[m.end() :][:80]
            field = line.text[len(m["path"]) + 1 : m.end()]
            if N.letter_sizes(f"{field} {value}"):
                value = f"{field} {value}"  # "talla: M": a letter size names it with its key
            out.setdefault(m["path"], []).append(value)
    return {path: " ".join(texts) for path, texts in out.items()}


_FIELD_KEY = re.compile(r"^\s{0,8}(?P<key>[^\s:|][^:|]{0,40}):\s")
_RECORD_SPAN = 12  # lines a record of key: value fields may run to


def _block_text(lines: Sequence[Line], i: int) -> str:
    """The fields of the record a "key: value" line closes, when the same key recurs in the
    lines around (one product after another as key: value blocks): the lines since the
    previous line of that key, or as many above as the next record runs to."""
    m = _FIELD_KEY.match(lines[i].text)
    if m is None:
        return ""
    key, loc = m["key"], lines[i].location

    def same_key(j: int) -> bool:
        f = _FIELD_KEY.match(lines[j].text)
        return f is not None and f["key"] == key

    span = 0
    for j in range(i - 1, max(-1, i - _RECORD_SPAN - 1), -1):
        if lines[j].location != loc:
            break
        if same_key(j):
            span = i - j - 1
            break
    else:
        for j in range(i + 1, min(len(lines), i + _RECORD_SPAN + 1)):
            if lines[j].location != loc:
                break
            if same_key(j):
                span = j - i - 1
                break
    start = max(0, i - span)
    return " ".join(w.text for w in lines[start:i] if w.location == loc) if span else ""


def _column_text(lines: Sequence[Line], i: int, count: int, k: int) -> str:
    """The key cells above a figure in the k-th of the last `count` columns of a table drawn
    as " | " lines: a variant column's header and key rows ("4-pole", "132M")."""
    out: list[str] = []
    for j in range(i - 1, max(-1, i - 13), -1):
        if lines[j].location != lines[i].location or " | " not in lines[j].text:
            break
        cells = lines[j].text.split(" | ")
        if len(cells) >= count and _HAS_LETTER.search(cell := cells[len(cells) - count + k]):
            out.append(cell)  # "4-pole", "132M", "HELIO 430": a key, not a measured value
    return " ".join(out)


def _description_keys(cells: Iterable[str]) -> set[str]:
    """Designations, sizes and numbers of a row's text cells ("Flanschlager FL 205 komplett",
    "SPACER SLEEVE PA66 12X20")."""
    out: set[str] = set()
    for cell in cells:
        if _HAS_LETTER.search(cell) and len(cell) <= 120:
            out |= N.idents(cell) | N.dimension_keys(cell)
            if len([w for w in tokens_of(cell) if w.isalpha() and len(w) >= 3]) >= 2:
                # numbers of a description ("FL 205 komplett"), not a measured cell ("100 mm")
                out |= {f"#{t}" for t in tokens_of(cell) if t.isdigit() and len(t) <= 5}
    return out


# "Gewicht | -", "Hmotnost | –", "Weight: n/a", "Poids : sur demande", "Weight ... see rating
# label": the document leaves the article's own weight field without a figure.
_EMPTY_VALUE = re.compile(
    r"\s*(?:[-–—/?]+|n/?a|n\.\s?a\.|k\.\s?a\.|tbd|tba|t\.b\.d\.|n\.d\.|s\.o\.|brak|nincs|нет"
    r"|(?:see|siehe|voir|vedi|ver|zie|se|patrz|viz|bkz\.?|lásd|vezi|см\.?)\s.{0,40}?"
    r"(?:label|typenschild|leistungsschild|plaque|targ|placa|etiqueta|typeplaat|typskylt"
    r"|typeskilt|tabliczk|štít|etiket|címk|etichet|табличк|ετικέτα).{0,30}"
    r"|on\s+request|auf\s+anfrage|sur\s+demande|su\s+richiesta|bajo\s+pedido|op\s+aanvraag"
    r"|na\s+zapytanie|sob\s+consulta|på\s+begäran|på\s+forespørsel|na\s+vyžádání"
    r"|talep\s+üzerine|kérésre|la\s+cerere|по\s+запросу|not\s+stated|not\s+available"
    r"|nicht\s+angegeben|non\s+renseigné|non\s+disponibile|no\s+disponible|folgt"
    r"|wird\s+nachgereicht|to\s+follow|à\s+venir)\s*$",
    re.IGNORECASE,
)
_EMPTY_LABEL = re.compile(
    r"^(?P<label>[^|:=.\d]{2,40}?)\s*(?:\[[^\]]{0,8}\]|\([^)]{0,8}\))?\s*(?:[|:=]|\.{3,})"
)
_EMPTY_OWN = "the article's own weight field is left empty"
_BULLET = re.compile(r"^\s*(?:[-–•*·▪]|\d{1,2}[.)])\s")


def _beside_empty_cell(before: str) -> bool:
    """The weight field's own cell says it is given on request and the figure stands in a
    later column, another offer's ("Gewicht: auf Anfrage | 1,4 kg"; a bare dash is only an
    empty column, "Peso | – | 2,49 kg" of requirement and measurement)."""
    if "|" not in before or (m := _EMPTY_LABEL.match(before)) is None:
        return False
    cells = before[m.end() :].split("|")
    return (
        len(cells) >= 2
        and V.WEIGHT_WORDS.search(m["label"]) is not None
        and _EMPTY_VALUE.fullmatch(cells[0]) is not None
        and _HAS_LETTER.search(cells[0]) is not None
    )


def _sold_with_contents(nm: N.Name) -> bool:
    """The name is of what a container holds, not of the container ("Glasreiniger 10 l", not
    "Kanister 10 l"), or says it is filled: its contents' volume × density is its weight."""
    low = nm.low.lstrip()
    return V.FILLED_WORDS.search(low) is not None or V.CONTAINER_WORDS.pattern.match(low) is None


def _with_empty_container(
    out: Sequence[Mention], lines: Sequence[Line], grams: float
) -> tuple[float, str] | None:
    """The contents' weight plus the one empty container weight the document states ("Poids
    du bidon vide 0,24 kg": the article is the full can); None when a line names an empty or
    tare weight that was not read as that one figure (then the sum is unsure)."""
    empties = {
        round(m.stated_grams, 3) for m in out if m.reason.startswith("the empty container's")
    }
    if len(empties) == 1:
        empty = empties.pop()
        return grams + empty, f" + empty container {fmt_grams(empty)}"
    if empties or any(
        V.EMPTY_WORDS.search(ln.text) or V.TARE_WORDS.search(ln.text) for ln in lines
    ):
        return None
    return grams, ""


def _derived_mention(
    line: Line, grams: float, stated: float, reason: str, source: str, order_base: int
) -> Mention:
    """A weight the document gives only through a calculation, quoted from its line."""
    return Mention(
        grams=grams,
        stated_grams=stated,
        basis=WeightBasis.DERIVED,
        score=_BASE_SCORE[WeightBasis.DERIVED],
        quote=trim_quote(line.text),
        location=f"{source}, {line.location}" if line.location else source,
        source=source,
        order=order_base + line.order,
        reason=reason,
        note=reason,
    )


def _empty_own_weight(lines: Sequence[Line], source: str, order_base: int) -> list[Mention]:
    """A plain weight field with no value, kept as a marker (no figure): when the article's
    own weight is left empty, a weight the document gives of something it lists is not it."""
    out = []
    for line in lines:
        m = _EMPTY_LABEL.match(line.text)
        if m is None or not _EMPTY_VALUE.fullmatch(line.text[m.end() :]):
            continue
        label = m["label"]
        bare = V.NET_WORDS.pattern.sub(" ", V.WEIGHT_WORDS.pattern.sub(" ", label))
        if V.WEIGHT_WORDS.search(label) and not re.search(r"[^\W\d_]", bare):
            out.append(
                Mention(
                    grams=None,
                    stated_grams=0.0,
                    basis=WeightBasis.NOT_MASS,
                    score=0.0,
                    quote=trim_quote(line.text),
                    location=f"{source}, {line.location}" if line.location else source,
                    source=source,
                    order=order_base + line.order,
                    reason=_EMPTY_OWN,
                )
            )
    return out


def _row_cells(text: str) -> str:
    """A row's cells as one comparable string, however the line drew them ("| a | b |")."""
    return " | ".join(c.strip() for c in text.split("|") if c.strip())


def _cell_grams(cell: str, unit_factor: float | None, comma: bool) -> tuple[float, bool] | None:
    qs = _raw_quantities(cell, comma)
    if qs:
        return qs[0].grams, qs[0].metric
    if unit_factor is not None and re.fullmatch(
        r"\s*(?:ca\.?|~|approx\.?)?\s*\d[\d.,']{0,12}\s*", cell
    ):
        nums = numbers(cell, comma_decimal=comma)
        if nums:
            return nums[0][2] * unit_factor, unit_factor not in _IMPERIAL
    return None


def header_unit(cell: str) -> float | None:
    """Grams per unit of a header cell ("Gewicht (kg)", "Masse [g]", "Weight kg"), else None.
    A bracketed unit comes first: a bare word before it may be a caption's code ("serie MG
    Massa [kg]")."""
    found = list(_UNIT_IN_LABEL.finditer(cell))
    for m in sorted(found, key=lambda m: m["b"] is None):
        factor = mass_unit(m["b"] or m["t"])
        if factor is not None:
            return factor
    bracketed = T.bracket_unit(cell)  # "Gewicht (g/100 Stk.)": the unit and what it is per
    return bracketed[0] if bracketed else None


def _line_weight(line: LC.LineQuantity, grams: float) -> tuple[WeightBasis, str, float | None]:
    """A weight on a line of `line.count` pieces: the line's total divided by its quantity, or
    no piece weight when the header does not say whether it weighs the line or one piece."""
    if line.total:
        return (
            WeightBasis.DERIVED,
            f"the line's weight ÷ its quantity {line.count}",
            grams / line.count,
        )
    reason = f"the weight of a line of {line.count} pieces, or of one: the header does not say"
    return WeightBasis.PER_PACK, reason, None


def _line_weights_everywhere(mentions: Sequence[Mention]) -> None:
    """A figure a table line's quantity says is the line's weight is the line's wherever else
    the same row is read (its "code: header: value" lines): the same figure of the same row
    code takes the line's reading."""
    lines = [m for m in mentions if m.reason.startswith(_LINE_REASONS)]
    for m in mentions:
        if m.basis not in (WeightBasis.NET, WeightBasis.UNSPECIFIED):
            continue
        for line in lines:
            if m.keys & line.keys and abs(line.stated_grams - m.stated_grams) < 1e-6:
                m.basis, m.grams, m.reason = line.basis, line.grams, line.reason
                m.score = line.score if line.grams is not None else 0.0
                break


_LINE_REASONS = ("the line's weight ÷", "the weight of a line of", UM.REASON)


def _table_quote(row: Sequence[str]) -> str:
    return trim_quote(" | ".join(row))


def _table_mentions(
    tables: Sequence[Table],
    *,
    source: str,
    name: N.Name,
    doc: _Doc,
    comma: bool,
    order_base: int,
    seen: set[tuple[float, str]] | None = None,
) -> list[Mention]:
    """Column-unit and variant tables: "Weight (g)" over bare numbers, or a weight row."""
    out: list[Mention] = []
    tables = T.with_header_rows(tables, name.low)  # a header among the rows, a table run on
    for t_index, table in enumerate(tables):
        first = len(out)
        header = list(table.header)
        location = f"{source}, {table.location}" if table.location else source
        parts = (
            _is_parts_header(" | ".join(header))
            or bool(V.PARTS_LIST_WORDS.search(table.caption or ""))
            or bool(header and V.COMPONENT_WORDS.search(header[0]))  # "Zubehör | … | Gewicht"
        ) and not _sold_by_pack(header)
        related = bool(V.RELATED_WORDS.search(f"{table.caption} {' '.join(header[:1])}"))

        def add(
            label: str,
            cell: str,
            keys: set[str],
            quote: str,
            row: int,
            location: str = location,
            t_index: int = t_index,
            column: bool = True,
            row_text: str = "",
            row_unit: float | None = None,
            parts: bool = False,
            related: bool = related,
            cells: Sequence[tuple[str, str]] = (),
            summed: bool = False,
            named_by: str = "",
            parts_words: bool = _parts_header(" ".join(header)),
        ) -> None:
            got = _cell_grams(cell, header_unit(label) or row_unit, comma)
            if got is None:
                return
            grams, metric = got
            written = _raw_quantities(cell, comma)
            glued = written[0].unit_glued if written else ""  # "1,45 kg/m", "80 g/m²"
            if not written and (unit := _UNIT_IN_LABEL.search(label)) is not None:
                # "Peso kg/1000 pz", "Gewicht (kg/m)" over a number
                glued = label[unit.start("r") if unit["r"] else unit.end() :]
            elif not written and (bracketed := T.bracket_unit(label)) is not None:
                glued = bracketed[1]  # "Gewicht (g/100 Stk.)": per 100 pieces
            if seen and (round(grams, 3), row_text) in seen:
                return
            packed = label if V.PACKAGING_KEYS.search(label) else ""  # "Peso imballo (kg)"
            row_doc = _counted_doc(doc, _row_pack_count(label, cells)) if cells else doc
            after = written[0].after if len(written) == 1 else ""  # "310 g la paire"
            basis, reason, per_piece = _classify(
                _cell_pack_label(label, cell, written),
                after,
                glued,
                name,
                row_doc,
                grams,
                packed,
                context=column,
            )
            if basis is None:
                return
            if basis in _ELIGIBLE and (packs := _pack_of_packs(label, cells)):
                basis, reason, per_piece = (
                    WeightBasis.PER_PACK,
                    f"the weight of a pack of packs ({packs}), not of counted pieces",
                    None,
                )
            if basis in _ELIGIBLE and written:  # "A bis F, Unterschied je Klasse 10 g"
                q = written[0]
                if other := O.not_the_article(cell, q.start, q.end, name.low, name.words):
                    basis, reason, per_piece = (*other, None)
            if basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED) and (
                row_uom := UM.row_unit(label, cells)
            ):  # "uom | BX" beside "qty_per_uom | 100": the weight of one unit of measure
                basis, reason, per_piece = _unit_weight(row_uom, grams, doc, name)
            if basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED) and (
                line := LC.line_quantity(label, cells, summed=summed, name_words=name.words)
            ):
                basis, reason, per_piece = _line_weight(line, grams)
            elif (
                basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
                and (counted := KC.row_count(label, cells))
                and counted != C.pack_n(name.low)
            ):
                basis, per_piece = WeightBasis.DERIVED, grams / counted
                reason = (
                    f"the weight of the {counted} pieces the fields beside it count ÷ {counted}"
                )
            elif (
                basis == WeightBasis.PER_PACK
                and not C.packs_counted(label)
                and (counted := KC.pack_row_count(label, cells))
                and counted != C.pack_n(name.low)
            ):  # "Peso conf. (kg)" beside "confezione 25 pz": the pack the row counts
                basis, per_piece = WeightBasis.DERIVED, grams / counted
                reason = f"pack weight ÷ the {counted} pieces the row's pack cell counts"
            if basis in _ELIGIBLE and (heavy := V.HEAVIEST_PART_WORDS.search(quote)):
                basis, per_piece = WeightBasis.COMPONENT, None
                reason = f"the weight of the heaviest single part ({heavy.group()})"
            if basis in _ELIGIBLE and (sold := V.SOLD_SEPARATELY_WORDS.search(quote)):
                basis, reason, per_piece = (
                    WeightBasis.COMPONENT,
                    f"the weight of something sold separately ({sold.group()})",
                    None,
                )
            if basis in _ELIGIBLE and written and written[0].high:
                q = written[0]
                if spread := RG.of_variants(q.low, q.high, cell, named=name.matches(keys)):
                    basis, reason, per_piece = WeightBasis.OTHER_VARIANT, spread, None
            if basis in _ELIGIBLE and T.increment(cell):
                basis, reason, per_piece = (
                    WeightBasis.COMPONENT,
                    "what an option adds to the weight (+), not a weight of its own",
                    None,
                )
            keys = keys | N.scope_keys(f"{label} {quote.split(' | ')[0]}")
            keys = keys | O.scope_words(cell.lower(), N.scope_thing)  # "約225g(電池含まず)"
            if related and basis in _ELIGIBLE:
                basis, reason, per_piece = (
                    WeightBasis.OTHER_VARIANT,
                    "the weight of another product the document lists",
                    None,
                )
            if (
                parts
                and basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED, WeightBasis.DERIVED)
                and not V.TOTAL_WORDS.search(quote)
            ):
                basis, reason, per_piece = (
                    WeightBasis.COMPONENT,
                    "a row of a parts or accessories list (the weight of one component)",
                    None,
                )
            row_label = quote.split(" | ")[0]
            total = basis in _ELIGIBLE and (
                _whole_of_article(row_label, name) or _whole_of_article(label, name)
            )
            whole = total and _names_article(row_label, name)
            operating = 0.0
            if basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED) and (
                op := V.OPERATING_WORDS.search(label)
            ):  # "Weight filled (kg)" of a table loses to "Net weight, empty" as a line's does
                operating = _OPERATING_PENALTY
                reason = f"{reason}; with its operating fluids ({op.group()}), not as delivered"
            out.append(
                Mention(
                    grams=per_piece,
                    stated_grams=grams,
                    basis=basis,
                    score=_BASE_SCORE.get(basis, 0.0)
                    + (0.1 if total else 0.0)
                    + (0.1 if whole else 0.0)
                    - operating,
                    total=total,
                    quote=trim_quote(quote),
                    location=f"{location}, table {t_index + 1}",
                    source=source,
                    order=order_base + 100_000 + t_index * 1000 + row,
                    keys=frozenset(keys),
                    reason=reason + " (table)",
                    metric=metric,
                    label=label,
                    variant_text="" if parts or parts_words else named_by or quote,
                    variant_figure=grams,
                )
            )

        weight_cols = [j for j, h in enumerate(header) if V.WEIGHT_WORDS.search(h)]
        summed = {j for j in weight_cols if LC.summed_column(table.rows, j)}  # line totals
        heads = header
        for r, row in enumerate(table.rows):
            if not table.header and len(row) >= 3 and all(N.idents(c) for c in row[1:]):
                heads = list(row)  # a headerless table's row of variants names the columns below
                continue
            if not table.header and _corner_less_heads(row, table.rows[r + 1 : r + 2]):
                heads = list(row)  # a row of variants without the corner cell, read as a header
                continue
            row_label = row[0] if row else ""
            row_keys = N.idents(row_label) | {
                f"#{t}" for t in tokens_of(row_label)[:1] if t.isdigit()
            }
            row_keys |= _size_key(row_label) | N.dimension_keys(row_label)
            row_keys |= {f"!{m}" for m in N.models(row_label)}
            row_text = _row_cells(trim_quote(" | ".join(row)))
            if weight_cols:
                # an export row names its article in any text cell ("MAKTX", "Bezeichnung")
                row_keys |= _description_keys(
                    c for j, c in enumerate(row) if j and j not in weight_cols
                )
            units = {f for c in row if len(c.strip()) <= 5 and (f := mass_unit(c)) is not None}
            row_unit = next(iter(units)) if len(units) == 1 else None  # "GEWEI | G"
            for j in weight_cols:
                if j < len(row) and j > 0:
                    add(
                        header[j],
                        row[j],
                        set(row_keys),
                        " | ".join(row),
                        r,
                        row_text=row_text,
                        row_unit=row_unit,
                        parts=parts,
                        cells=list(zip(header, row, strict=False)),
                        summed=j in summed and r < len(table.rows) - 1,  # not the total
                        named_by=" ".join(c for j, c in enumerate(row) if j not in weight_cols),
                    )
            if (
                2 <= len(row) < len(header)
                and (value_cols := [j for j in weight_cols if j > 0])
                and value_cols[0] >= len(row)
                and value_cols[-1] == len(header) - 1
            ):  # "Assembly complete | 41.0": a total row's label cell spans the columns before
                add(
                    header[-1],
                    row[-1],
                    set(row_keys),
                    " | ".join(row),
                    r,
                    row_text=row_text,
                    parts=parts,
                    cells=list(zip(header, row, strict=False)),
                )
            if row and V.WEIGHT_WORDS.search(row_label) and not weight_cols:
                # "Gewicht | auf Anfrage | 1,4 kg": one column's weight is given on request, so
                # a figure of a column that does not name the article may be another offer's
                # (a bare dash is only an empty column: "Peso | – | 2,49 kg" of spec and test)
                empty = any(_EMPTY_VALUE.fullmatch(c) and _HAS_LETTER.search(c) for c in row[1:])
                # "EW 50 V | EW 80 V" over "Net weight (kg) | 16.8 | 21.5": the corner cell left out
                shift = int(_corner_less_heads(heads, [row]))
                for j in range(1, len(row)):
                    col = heads[j - shift] if j - shift < len(heads) else ""
                    keys = N.idents(col) | N.words(col) | _spaced_designation(col)
                    add(
                        row_label,
                        row[j],
                        keys,
                        f"{col}: {row_label} | {row[j]}" if col else " | ".join(row),
                        r,
                        column=False,
                        row_text=row_text,
                        related=related or (empty and not N.models(col) & name.models),
                        named_by=" ".join(
                            [
                                col if len(heads) == len(row) else "",
                                *(
                                    above[j]
                                    for above in table.rows[:r]
                                    if len(above) == len(row) and _HAS_LETTER.search(above[j])
                                ),
                            ]
                        ),
                    )
        if weight_cols:  # the row the name names is the article's, the others other articles
            T.named_row(out[first:], table.rows, _table_quote, name.overlap, name.low)
        if len(weight_cols) >= 2:  # "Peso g | Peso con maniglia g": the plain one
            T.plain_column(out[first:], N.scope_keys, name.words)
    return out


# ------------------------------------------------------------------ plausibility and decision

_SOLID_MAX_DENSITY = 33.0  # g/cm³: more than any solid (osmium 22.6) with room for rounding
_HOLLOW_MIN_FRACTION = 0.002  # of the block × density: thinner than any real shell


def plausibility(
    grams: float, *, volumes: Sequence[float], density: float | None, name: str
) -> str:
    """Why a weight cannot be the article's (empty when it can)."""
    if grams > V.MAX_PIECE_GRAMS:
        return f"{fmt_grams(grams)} is more than any one piece weighs"
    low = name.lower()
    for words, cap in V.KIND_MAX_GRAMS:
        if words.search(low) and grams > cap:
            return f"{fmt_grams(grams)} is far too heavy for the kind of product the name names"
    if volumes:
        top, bottom = max(volumes), min(volumes)
        if grams > top * _SOLID_MAX_DENSITY:
            return f"{fmt_grams(grams)} is heavier than a solid block of the stated dimensions"
        if grams < bottom * (density or 1.0) * _HOLLOW_MIN_FRACTION:
            return f"{fmt_grams(grams)} is lighter than any part of the stated dimensions"
    return ""


@dataclass(slots=True)
class WeightDecision:
    finding: WeightFinding | None
    status: str
    candidates: list[WeightCandidate]
    notes: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


def _places(cluster: list[Mention]) -> int:
    """In how many places of the documents a value is stated (a row read as a table and as
    key=value lines, named by its own article code, is one place)."""
    return len(
        {
            min(codes) if (codes := [k for k in m.keys if k[:1] == "!"]) else (m.source, m.location)
            for m in cluster
        }
    )


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= max(_AGREE * max(a, b), 0.011)


_RECORD_INDEX = re.compile(r"\[\d{1,5}\]")


def _names_parts(text: str) -> bool:
    """Words of a parts list or bill of materials ("Codice componente=…", "Sub-part | Mass"):
    its rows are the article's components, not variants of it."""
    return bool(V.PARTS_LIST_WORDS.search(text)) or not V.PARTS_LIST_COLUMNS.isdisjoint(
        tokens_of(text)
    )


_MATERIAL_COLUMN = frozenset(
    ["material", "werkstoff", "matériau", "materiau", "materiale", "materiaal", "materiał"]
)


def _parts_header(header: str) -> bool:
    """A header of parts with their materials ("Sub-part | Material | Mass (g)"): one row per
    component, whatever the rows share with the name ("Part | Weight" alone may be variants)."""
    words = set(tokens_of(header))
    return bool(V.PARTS_LIST_WORDS.search(header)) or (
        not words.isdisjoint(V.PARTS_LIST_COLUMNS) and not words.isdisjoint(_MATERIAL_COLUMN)
    )


# A field of what a row is sold at ("unit_price_usd=0.21", "Preis=", "prix unitaire"): a quote's
# or a price list's row is an article sold, whatever its "part" or "qty" fields are called
_PRICE_FIELD = re.compile(
    r"(?<![^\W\d_])(?:unit[\s_]?price|price|preis|stückpreis|einzelpreis|prix|precio|prezzo"
    r"|preço|prijs|cena|pris|fiyat)(?:[\s_](?:usd|eur|gbp|chf|[^\W\d_]{1,10}))?\s{0,2}="
    r"\s{0,2}\d",
    re.IGNORECASE,
)


def _is_parts_row(m: Mention) -> bool:
    if _PRICE_FIELD.search(m.quote) and not V.PARTS_LIST_WORDS.search(f"{m.label} {m.quote}"):
        return False  # "part=HN-0625 | qty=2000 | unit_price_usd=0.21": a quote's article row
    return _names_parts(f"{m.label} {m.quote}")


def _named_variant(clusters: list[list[Mention]], nm: N.Name) -> list[Mention] | None:
    """The one of rival values whose row, record or column the article name names by the
    tokens that tell the rows apart ("DN 150", "4-pole", "GN 1/1 … 65 mm", "female half").
    The rows compared are those of one table (one place, one label: "Gewicht (kg)" of each
    row, "peso_g" of each record), and a table read twice (as a table and as lines) must not
    pick two; a parts list, an array of related products, or a value the documents state in
    more places than the pick are left to the other rules."""
    tables: list[dict[str, list[frozenset[str]]]] = []
    for c in clusters:
        rows: dict[str, list[frozenset[str]]] = {}
        for m in c:
            if V.RELATED_KEYS.search(m.label) or _is_parts_row(m):
                return None
            if m.variant_text and (variant := m.variant_tokens()):
                table = f"{m.location}|{_RECORD_INDEX.sub('[]', m.label.lower())}"
                rows.setdefault(table, []).append(variant)
        tables.append(rows)
    shared = set.intersection(*(set(rows) for rows in tables))
    name_tokens = N.variant_tokens(N.without_scope(nm.low)) | N.letter_sizes(nm.low)
    picks = {
        pick
        for table in shared
        if (pick := N.pick_variant([rows[table] for rows in tables], name_tokens)) is not None
    }
    if len(picks) != 1:
        return None
    chosen = clusters[picks.pop()]
    if any(_places(c) > _places(chosen) for c in clusters):
        return None
    return None if any(_contradicts(m, nm) for m in chosen) else chosen


def _metric_of_row(eligible: list[Mention]) -> list[Mention]:
    """Without the imperial figures of a row that states the same weight in metric too
    ("weight_kg 0.82 | weight_lb 1.9"): LABELLING rule 13 takes the metric value even where
    the two disagree after rounding, as for a pair printed in one cell ("2.0 kg (4.4 lbs)")."""
    rows = {(m.source, m.location, m.order, m.quote) for m in eligible if m.metric}
    out = []
    for m in eligible:
        if not m.metric and (m.source, m.location, m.order, m.quote) in rows:
            m.reason += "; the row states it in metric too (the metric value counts)"
            continue
        out.append(m)
    return out


def _sibling_row_code(m: Mention, nm: N.Name) -> str:
    """The row's own article code when it is of the name's code family ("bhts3wt" beside the
    name's "bhts3e") and none of its codes is the name's: another article of the same line,
    whether or not the article's own row states a weight. A code the name's begins with
    ("ARG-128" of "ARG-128-IB", a finish added) or that begins with the name's is the
    article's own; the series a name's code begins with ("WX-20" of "WX-20-S") is not the
    article's code. Empty otherwise."""
    codes = {k[1:] for k in m.keys if k[:1] == "!"}
    if not codes or not nm.models or codes & nm.models:
        return ""
    if any(a.startswith(b) or b.startswith(a) for a in codes for b in _own_codes(nm)):
        return ""
    families = {N.family(c) for c in nm.models} - {""}
    return next((c for c in sorted(codes) if N.family(c) in families), "")


def _contradicts(m: Mention, nm: N.Name) -> bool:
    """A row that cannot be the name's whatever its tokens: a weight of something qualified
    ("Poids de la botte"), a row whose own article code is not the name's, or one that leaves
    out what the name includes ("sin cubos" for a name "con dos cubos")."""
    if m.qualifier:
        return True
    codes = {k[1:] for k in m.keys if k[:1] == "!"}
    if codes and nm.models and not codes & nm.models:
        return True
    named = set(tokens_of(nm.low))
    return any(k[:1] == "-" and k[1:] in named for k in m.keys)


def decide(
    mentions: list[Mention],
    *,
    name: str,
    volumes: Sequence[float] = (),
    density: float | None = None,
) -> WeightDecision:
    """Pick the article's weight from classified mentions, or abstain and say why."""
    nm = N.Name.of(name)
    _line_weights_everywhere(mentions)
    mentions = [*mentions, *D.stroke_weights(mentions, name, nm.overlap)]  # base + per stroke
    pieces = bool(V.PACK_WORDS.search(nm.low) or C.pack_n(nm.low))  # a ream's sheet, a pack's
    mentions = [*mentions, *D.area_weights(mentions, name, nm.overlap, pieces)]
    mentions = [*mentions, *D.part_sums(mentions, name)]  # a weight without a part + the part
    eligible = [m for m in mentions if m.basis in _ELIGIBLE and m.grams is not None and m.grams > 0]
    for m in eligible:
        assert m.grams is not None
        why = plausibility(m.grams, volumes=volumes, density=density, name=name)
        if why:
            m.reason, m.score = f"implausible: {why}", 0.0
    implausible = [m for m in eligible if m.score == 0.0 and m.reason.startswith("implausible")]
    out_of_it = {id(m) for m in implausible}
    eligible = [m for m in eligible if id(m) not in out_of_it]
    for m in eligible:
        if conflict := N.scope_conflict(m.keys, nm):
            # "Peso pompa (senza motore)" for a pump "con motore": another scope, never taken
            m.basis, m.score = WeightBasis.OTHER_VARIANT, 0.0
            m.reason = f"{m.reason}; the name's scope differs ({conflict})"
    for m in eligible:
        if m.basis != WeightBasis.OTHER_VARIANT and (counted := N.count_conflict(m.quote, nm)):
            # "Stehleiter 4 Stufen – Gewicht 4,1 kg" for a ladder "6 Stufen": another variant
            m.basis, m.score = WeightBasis.OTHER_VARIANT, 0.0
            m.reason = f"{m.reason}; the line names {counted}, the name another number"
    for m in eligible:
        if m.basis != WeightBasis.OTHER_VARIANT and _other_tile(m, nm):
            # "Zurrgurt 8 m – Gewicht 1,6 kg – 24,90 €": a shop's tile of another product
            m.basis, m.score = WeightBasis.OTHER_VARIANT, 0.0
            m.reason = f"{m.reason}; a product tile with its price that does not name the article"
        size = N.size_conflict(m.keys, nm)
        if not size and (
            _TILE_PRICE.search(m.quote)
            or any(N.is_designation(k) and nm.overlap(frozenset({k})) == 0 for k in m.keys)
        ):
            # a row with a code of its own, a shop's tile with its price: the sizes its text
            # gives are its own too
            size = N.sizes_conflict(m.quote, nm)
        if size:
            # "100 x 20" in the row of a bar the name sizes "50 x 10": another size's row
            m.basis, m.score = WeightBasis.OTHER_VARIANT, 0.0
            m.reason = f"{m.reason}; the row names another size ({size})"
    # "KS08B1-25" beside a row of the name's "KR08B1-25"; the article's own row may state only a
    # gross weight, or none: another code's row still loses
    for m in eligible:
        if (
            m.label
            and (at := m.quote.find(m.label)) > 0
            and (part := _described_part(m.quote[:at], nm))
            and not _weighed_without(m.quote[:at], nm, mentions)
        ):
            # "Cover frame 2-gang: Weight (g): 38" of a socket "with frame": the part's own row
            m.basis, m.score = WeightBasis.COMPONENT, 0.0
            m.reason = (
                f"{m.reason}; the row of a part the name says the article comes with ({part})"
            )
    T.another_code([*eligible, *(m for m in mentions if m.basis not in _ELIGIBLE)], nm.models, name)
    _samples_beside_nominal(eligible)
    eligible = [m for m in eligible if m.basis != WeightBasis.PROCESS]
    eligible = [m for m in eligible if m.basis != WeightBasis.OTHER_VARIANT]
    eligible = R.drop_superseded(eligible)
    sums = _sums_of_parts(mentions, nm)
    eligible.extend(sums)
    by_keys: dict[frozenset[str], int] = {}
    for m in eligible:
        if m.keys not in by_keys:
            by_keys[m.keys] = nm.overlap(m.keys) if m.keys else 0
    overlap = {id(m): by_keys[m.keys] for m in eligible}
    best_overlap = max(overlap.values(), default=0)
    for m in eligible:
        m.matched = overlap[id(m)] > 0
    if any(m.matched for m in eligible):
        for m in eligible:
            if m.matched:
                # the row that names most of the name ("KV-M20" and "M20x1,5") beats one that
                # shares a size with it (an accessory "M20x1,5")
                bonus = 0.1 if overlap[id(m)] == best_overlap else 0.0
                m.score = round(min(1.0, m.score + bonus), 3)
            elif m.keys:
                m.basis = WeightBasis.OTHER_VARIANT
                m.reason = (
                    "the article name names another variant (" + ", ".join(sorted(m.keys)[:3]) + ")"
                )
                m.score = 0.0
        eligible = [m for m in eligible if m.basis != WeightBasis.OTHER_VARIANT]
    elif nm.designated and any(not m.keys for m in eligible):
        # "Autres versions: RP-080 | 0,48 kg": rows that name designations the article name
        # does not lose to the weight stated without one (the article's own spec table)
        for m in eligible:
            if any(N.is_designation(k) for k in m.keys):
                m.score = round(max(0.0, m.score - _QUALIFIED_PENALTY), 3)
                m.reason += "; names a variant the article name does not"
    SP.parts_of_wholes(mentions, eligible, name)  # "Cubo 640 g, Asa 40 g, Conjunto 680 g"
    SP.members_of_the_set(mentions, eligible, name)  # "Set 4.82 kg" beside "Socket 0.07 kg"
    eligible = [m for m in eligible if m.basis != WeightBasis.COMPONENT]
    eligible = _metric_of_row(eligible)  # "0.82 | 1.9" under "weight_kg, weight_lb"
    stated = [
        m
        for m in eligible
        if m.basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED) and (not m.context or m.total)
    ]
    if stated:  # labelling rule 2: a piece weight that is stated beats one derived from a pack
        for m in eligible:
            if m.basis == WeightBasis.DERIVED:
                m.reason += "; the document states the piece weight itself"
                m.score = min(m.score, 0.3)
        eligible = [m for m in eligible if m.basis != WeightBasis.DERIVED]
    # clusters of agreeing values, strongest first
    clusters: list[list[Mention]] = []
    for m in sorted(eligible, key=lambda m: (-m.score, m.order)):
        assert m.grams is not None
        for c in clusters:
            assert c[0].grams is not None
            if _agree(c[0].grams, m.grams):
                c.append(m)
                break
        else:
            clusters.append([m])

    def strength(c: list[Mention]) -> float:
        return c[0].score

    clusters.sort(key=lambda c: (-strength(c), c[0].order))
    notes: list[str] = []
    review: list[str] = []
    finding: WeightFinding | None = None
    chosen: Mention | None = None
    status = WeightStatus.NOT_STATED
    if clusters and strength(clusters[0]) >= _MIN_SCORE:
        best = clusters[0]
        # a rival close behind that more places of the documents state ("Gewicht: 10 kg" in the
        # specification and in the description against one "Nettogewicht 18 kg") is as good a
        # reading
        rivals = [
            c
            for c in clusters[1:]
            if strength(c) >= strength(best) - _CONFLICT_MARGIN
            or (strength(c) >= strength(best) - _SUPPORTED_MARGIN and _places(c) > _places(best))
        ]
        if rivals and (named := _named_variant([best, *rivals], nm)) is not None:
            # rows of one variant table, and the name's own tokens tell which row is its
            best, rivals = named, []
            best[0].reason += "; the row the name's tokens single out among the variants"
        if rivals:
            status = WeightStatus.AMBIGUOUS
            values = " and ".join(fmt_grams(c[0].grams or 0) for c in [best, *rivals[:2]])
            review.append(f"ambiguous between {values}")
            for c in [best, *rivals]:
                c[0].reason += "; conflicts with another stated weight"
        else:
            chosen = best[0]
            for c in clusters[1:]:
                for m in c:
                    m.reason += f"; weaker than the chosen {fmt_grams(chosen.grams or 0)}"
    elif clusters:
        review.append(
            f"only weak evidence for a weight ({fmt_grams(clusters[0][0].grams or 0)}, "
            f"{clusters[0][0].reason})"
        )
        clusters[0][0].reason += "; too weak to report"
    if chosen is not None and (doubt := _doubt(chosen, mentions, implausible, nm)):
        # the evidence does not single this figure out: say so instead of picking it
        status = WeightStatus.AMBIGUOUS
        review.append(f"not sure of {fmt_grams(chosen.grams or 0)}: {doubt}")
        chosen.reason += f"; not taken: {doubt}"
        chosen = None
    if chosen is not None and chosen.grams is not None:
        status = (
            WeightStatus.DERIVED if chosen.basis == WeightBasis.DERIVED else WeightStatus.STATED
        )
        location = f"{chosen.location} ({chosen.note})" if chosen.note else chosen.location
        finding = WeightFinding(
            grams=round(chosen.grams, 6),
            evidence=Evidence(quote=chosen.quote, location=location, confidence=chosen.score),
            basis="net" if chosen.basis == WeightBasis.NET else "unspecified",
        )
        notes.append(f"weight {fmt_grams(chosen.grams)} taken: {chosen.reason} ({chosen.location})")
        if chosen.note:
            notes.append(chosen.note)
        gross = sorted({m.stated_grams for m in mentions if m.basis == WeightBasis.GROSS})
        notes.extend(f"gross/shipping weight {fmt_grams(g)} ignored" for g in gross[:2])
        if chosen.basis == WeightBasis.UPPER_BOUND:
            notes.append("only an upper bound is stated; the bound is reported")
    elif status != WeightStatus.AMBIGUOUS:
        consignment = next(
            (m for m in mentions if m.basis == WeightBasis.GROSS and _CONSIGNMENT in m.reason), None
        )
        if implausible and not eligible:
            status = WeightStatus.IMPLAUSIBLE
            review.append(f"the only stated weight is implausible: {implausible[0].reason[13:]}")
        elif consignment is not None and not eligible:
            # only an invoice's or a packing list's totals: a person reads the lines
            status = WeightStatus.AMBIGUOUS
            review.append(
                f"only a shipment's total ({fmt_grams(consignment.stated_grams)}): {_CONSIGNMENT}"
            )
            notes.append(review[-1])
        else:
            notes.extend(_why_none(mentions, review))
    else:
        notes.append(review[-1])
    ranked = sorted([*sums, *mentions], key=lambda m: (m is not chosen, -m.score, m.order))
    candidates = [
        WeightCandidate(
            grams=None if m.grams is None else round(m.grams, 6),
            basis=m.basis.value,
            quote=m.quote,
            location=m.location,
            score=m.score,
            chosen=m is chosen,
            reason=m.reason,
        )
        for m in _dedupe(ranked)[:12]
    ]
    return WeightDecision(finding, status.value, candidates, notes, review)


def _doubt(
    chosen: Mention, mentions: list[Mention], implausible: list[Mention], name: N.Name
) -> str:
    """Why the evidence does not single out the chosen figure as the article's (empty when it
    does). Conditions any author's document can meet, each a reason to abstain, not a rule
    that picks another value."""
    assert chosen.grams is not None
    for m in mentions:
        if m is chosen or not _agree(m.stated_grams, chosen.grams):
            continue
        codes = {k for k in m.keys if k[:1] == "!"}
        if codes - chosen.keys:
            continue  # another article's row that happens to weigh the same
        same_row = bool(codes) or _row_cells(m.quote) == _row_cells(chosen.quote)
        apart = m.grams is None or not _agree(m.grams, chosen.grams)
        if not same_row and apart and m.basis in _OTHER_THING:
            # "Weight: 2.4 kg" beside "Weight (pair): 2.4 kg": the figure may be the pack's
            return (
                f"the same figure is read elsewhere as {m.basis.value} ({trim_quote(m.quote, 60)})"
            )
        if codes and chosen.basis != WeightBasis.DERIVED:
            # the row's own code read as "Weight per crate=15,0" or "Stack weight=15,0": the
            # column weighs something else
            if m.qualifier:
                return f"the same row labels the figure as of something else ({m.qualifier})"
            if m.basis == WeightBasis.CAPACITY:
                return f"the same row labels the figure as of something else ({m.reason})"
    if (
        not chosen.matched
        and (
            chosen.qualifier
            or _BULLET.match(chosen.quote)
            or chosen.context
            or not V.WEIGHT_WORDS.search(chosen.label)
        )
        and (empty := next((m for m in mentions if m.reason == _EMPTY_OWN), None))
    ):
        # "Gewicht | -" above "- Sägeblatt … (Gewicht 1,2 kg)": the listed thing's weight
        return f"the document leaves the article's own weight empty ({trim_quote(empty.quote, 40)})"
    if conflict := N.designation_conflict(chosen.quote, name):
        return conflict
    if part := _part_weighed_apart(chosen, mentions, name):
        return part
    q = chosen.qualifier
    if (
        q
        and not chosen.matched
        and V.TOTAL_WORDS.search(chosen.label)
        and q[: max(4, len(q) - 2)] not in name.low
        and not chosen.reason.startswith(_CONSIGNED)  # the total of the counted pieces
    ):
        # "Peso totale fornitura", "Gesamtgewicht Sendung": the total of what the label names,
        # unless that is the article in another inflection ("Gesamtmasse des Puffers")
        return f"a total of something the label names ({q})"
    if chosen.basis != WeightBasis.NET:
        for m in implausible:
            if m.basis == WeightBasis.NET and m.grams and not _agree(m.grams, chosen.grams):
                # the document's own net weight, ruled out only by a guess at the shape
                return f"the stated net weight {fmt_grams(m.grams)} disagrees ({m.reason[13:]})"
    scope = N.scope_keys(chosen.quote.lower())
    conflict = N.scope_conflict(scope, name)
    if conflict and "+" + conflict[1:] not in scope and chosen.basis != WeightBasis.DERIVED:
        # "Net weight | 4.6 kg (bowl only, without waste fitting)" of a sink "with waste
        # fitting": the figure's own words leave out what the name includes
        return f"the figure's line leaves out what the name includes ({conflict[1:]})"
    row = chosen.quote.lower()
    if label := V.WEIGHT_WORDS.search(row):
        row = row[: label.start()]
    if (
        chosen.keys
        and all(k[:1] == "#" for k in chosen.keys)
        and not chosen.matched
        and not (N.words(row) & name.words or N.idents(row) & name.idents)
        and not _counted_keys(row, chosen.keys)
    ):
        # "1: Base plate: Total weight (kg): 2.84": a list's numbered row that does not name
        # the article is one of its entries, whatever its label says
        return "a numbered row of a list that does not name the article"
    if chosen.qualifier and not chosen.matched:
        # a weight of something the label names ("Sconce … weight 0.8 kg", "stillage weighs")
        # that does not name the article, among other variants' weights or beside a pack's
        for m in mentions:
            if m.basis == WeightBasis.OTHER_VARIANT and (m.source, m.location) == (
                chosen.source,
                chosen.location,
            ):
                return (
                    f"the weight of something else ({chosen.qualifier}) among other variants' "
                    "weights"
                )
            if m.basis == WeightBasis.PER_PACK and abs(m.order - chosen.order) <= 2:
                return f"the weight of something else ({chosen.qualifier}) beside a pack's weight"
    if chosen.total and (left := _left_out_part_weighed(mentions, name)):
        # "total_weight_kg: 14.3" beside "motor_weight_kg: 6.1" of a gearbox "without motor":
        # the total includes what the name leaves out
        return f"a total, and the document weighs the {left} the name leaves out"
    if part := _set_part_weighed_apart(chosen, mentions, name):
        # "Peso riduttore 3,8 kg" of a gearmotor "con motore" whose motor the document weighs
        # in a table of its own: the figure weighs the rest of the set, without the part
        return f"the document weighs the {part} the name includes on its own"
    counted = C.COUNTED.search(chosen.label)
    if chosen.basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED) and counted:
        count = to_int(counted["n"])
        if count and count >= 2:
            # "Gewicht x 100 Stk: 0,81 kg": the label counts pieces the figure may be of
            return f"its label counts {count} pieces ({trim_quote(chosen.label, 40)})"
    totals = chosen.total or (not chosen.keys and bool(_TOTALS.match(chosen.quote)))
    totals = totals and not chosen.reason.startswith(_CONSIGNED)  # its count divides it
    if totals and any(m.basis == WeightBasis.GROSS and m.quote == chosen.quote for m in mentions):
        # "Total net weight: 480 kg  Total gross weight: 520 kg": a consignment's totals
        return "a total beside a total gross weight: the weights of a consignment"
    return ""


# A price after a dash or a dot, the way shop pages print tiles ("… – 24,90 €", "· $19.99")
# "nominal mass", "Peso nominale", "Nenngewicht", "Sollgewicht", "poids nominal": the weight a
# drawing or a specification sets, which an inspection report's samples are measured against
_NOMINAL = re.compile(
    r"(?<![^\W\d_])(?:nominal(?:e|es|i|na|ne|ny)?|nominell\w{0,3}|nominaal|jmenovit\w{1,3}"
    r"|nenn(?:gewicht|masse)|soll(?:-\s?)?(?:gewicht|masse))(?![^\W\d_])",
    re.IGNORECASE,
)
# a row of measured samples, or their mean ("Mean of 3 samples", "Media campioni")
_SAMPLE_ROW = re.compile(
    r"^\W{0,3}(?:mean|average|avg|mittelwert|durchschnitt|moyenne|media|promedio|média"
    r"|gemiddelde|średnia|sample|samples|probe|proben|échantillons?|campion[ei]|muestras?"
    r"|amostras?)(?![^\W\d_])",
    re.IGNORECASE,
)
_NEAR_NOMINAL = 0.1


def _is_sample_row(m: Mention) -> bool:
    """A numbered row that names nothing but its number ("1 | 30.02 | 12.04 | OK"), or a row
    or line of samples' mean."""
    if m.keys and all(k.startswith("#") and k[1:].isdigit() for k in m.keys):
        return True
    return bool(_SAMPLE_ROW.match(m.quote) or _SAMPLE_ROW.match(m.label))


def _samples_beside_nominal(eligible: Sequence[Mention]) -> None:
    """An inspection or trial report's numbered samples and their mean, beside the nominal
    weight it states: the measured readings of the figure the nominal sets, not rival weights
    (LABELLING: the nominal is the label). Only readings close to the nominal lose."""
    nominal = [
        m.grams for m in eligible if m.grams and _NOMINAL.search(m.label) and not _is_sample_row(m)
    ]
    if not nominal:
        return
    for m in eligible:
        if (
            m.grams
            and _is_sample_row(m)
            and not _NOMINAL.search(m.label)
            and any(abs(m.grams - g) <= _NEAR_NOMINAL * g for g in nominal)
        ):
            m.basis, m.score = WeightBasis.PROCESS, 0.0
            m.reason += "; a measured sample, beside the nominal weight the document states"


_TILE_PRICE = re.compile(
    r"[–—·•]\s{0,2}(?:ab\s|from\s|dès\s|da\s|desde\s)?"
    r"(?:\d[\d.,']{0,9}\s?(?:€|eur\b|usd\b|\$|£|chf\b|zł|kč)|(?:€|\$|£)\s?\d)",
    re.IGNORECASE,
)


def _other_tile(m: Mention, name: N.Name) -> bool:
    """A figure on a shop tile (a price after a dash) that neither names the article nor
    shares a product word with its name: another product the page shows."""
    if name.matches(m.keys) or not _TILE_PRICE.search(m.quote):
        return False
    low = m.quote.lower()
    if label := V.WEIGHT_WORDS.search(low):
        low = low[: label.start()]
    return not (N.words(low) & name.words)


def _part_weighed_apart(chosen: Mention, mentions: list[Mention], name: N.Name) -> str:
    """A part the name says the article comes with ("mit Deckel", "con motore") weighed on its
    own in the document, beside a figure labelled as the weight of something ("Gewicht
    Behälter", "Peso riduttore") that neither is the whole nor says it includes the part: the
    figure may be the article without it (empty when it is not in doubt)."""
    if chosen.total or chosen.basis == WeightBasis.DERIVED:
        return ""
    own = _object_of(chosen.label) or _word_after_weight(chosen.label)
    if own in _LABEL_FILLER or V.TOTAL_WORDS.search(own):
        own = ""
    if not (own or chosen.qualifier):
        return ""  # a bare "Weight" beside a part's is the whole's ("Pump set with motor")
    included = [w[1:] for w in name.words if w[:1] == "+"]
    for m in mentions:
        if m.basis != WeightBasis.COMPONENT:
            continue
        part = m.part or _word_after_weight(m.label)
        if len(part) < 4 or not any(_same_part(w, part) or w.endswith(part) for w in included):
            continue
        if any(k[:1] == "+" and _same_part(k[1:], part) for k in chosen.keys):
            continue  # "Gewicht mit Deckel": the figure says it includes the part
        return f"the document weighs a part the name includes on its own ({part})"
    return ""


def _left_out_part_weighed(mentions: list[Mention], name: N.Name) -> str:
    """A part the name leaves out ("without motor") that the document weighs as a component."""
    excluded = [w[1:] for w in name.words if w[:1] == "-"]
    for m in mentions:
        if m.basis == WeightBasis.COMPONENT and "(" in m.reason:
            word = m.reason.rsplit("(", 1)[-1].split(")")[0].lower()
            if any(_same_part(word, p) for p in excluded):
                return word
    return ""


def _set_part_weighed_apart(chosen: Mention, mentions: list[Mention], name: N.Name) -> str:
    """The part of a set the name includes ("con motore") that the document weighs as a
    component, when the chosen figure's label names something of its own ("Peso riduttore")
    and neither a total nor the part: empty otherwise."""
    if chosen.total or chosen.basis == WeightBasis.DERIVED:
        return ""
    label = _PARENS.sub(" ", _CAMEL.sub(" ", _PATH_DOT.split(chosen.label)[-1]))
    rest = V.WEIGHT_WORDS.pattern.sub(" ", label)
    own = [t for t in tokens_of(rest) if t.isalpha() and len(t) >= 4 and t not in _LABEL_FILLER]
    if not own:
        return ""
    included = [w[1:] for w in name.words if w[:1] == "+"]
    for m in mentions:
        if m.basis != WeightBasis.COMPONENT or "one part of the set" not in m.reason:
            continue
        word = m.reason.rsplit("(", 1)[-1].rstrip(")").lower()
        if any(_same_part(word, p) for p in included) and not any(_same_part(word, t) for t in own):
            return word
    return ""


_TOTALS = re.compile(r"\W*(?:grand\s+)?totali?s?\b|\W*totale\b", re.IGNORECASE)  # "Totals: N.W. …"


_OTHER_THING = frozenset(
    [
        WeightBasis.PER_PACK,
        WeightBasis.GROSS,
        WeightBasis.COMPONENT,
        WeightBasis.CAPACITY,
        WeightBasis.DERIVED,
    ]
)


def _sums_of_parts(mentions: list[Mention], name: N.Name) -> list[Mention]:
    """The article's weight as the sum of parts the document itself states: a weight without
    a part the name includes ("Peso neto (sin válvula) 3,4 kg" of a sink "con válvula") plus
    that part's own weight ("Peso de la válvula 0,6 kg"). Only when the part is weighed once."""
    out: list[Mention] = []
    for m in mentions:
        if m.basis != WeightBasis.OTHER_VARIANT or m.grams is None:
            continue
        missing = [
            k[1:]
            for k in m.keys
            if k[:1] == "-" and any(_same_part(w[1:], k[1:]) for w in name.words if w[:1] == "+")
        ]
        for part in missing:
            parts = [
                c
                for c in mentions
                if c.basis == WeightBasis.COMPONENT and c.part and _same_part(c.part, part)
            ]
            values = {round(c.stated_grams, 3) for c in parts}
            if len(values) != 1:
                continue
            grams = m.grams + parts[0].stated_grams
            reason = (
                f"the weight without the {part} ({fmt_grams(m.grams)}) + the {part}'s own "
                f"weight ({fmt_grams(parts[0].stated_grams)}): the name includes it"
            )
            out.append(
                replace(
                    m,
                    grams=grams,
                    basis=WeightBasis.DERIVED,
                    score=_BASE_SCORE[WeightBasis.DERIVED],
                    reason=reason,
                    note=reason,
                    keys=frozenset(),
                    qualifier="",  # the sum is of the whole the name names, not of its label's
                )
            )
    return out


def _dedupe(ranked: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, float | None, str]] = set()
    out: list[Mention] = []
    for m in ranked:
        key = (m.basis.value, None if m.grams is None else round(m.grams, 3), m.quote)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _why_none(mentions: list[Mention], review: list[str]) -> list[str]:
    by_basis: dict[WeightBasis, Mention] = {}
    for m in mentions:
        by_basis.setdefault(m.basis, m)
    if WeightBasis.GROSS in by_basis:
        m = by_basis[WeightBasis.GROSS]
        return [
            f"only a packed or shipping weight is stated ({fmt_grams(m.stated_grams)}); "
            "no net weight"
        ]
    if WeightBasis.PER_PACK in by_basis:
        m = by_basis[WeightBasis.PER_PACK]
        review.append(f"a pack weight ({fmt_grams(m.stated_grams)}) is stated without a pack count")
        return [review[-1]]
    if WeightBasis.PER_LENGTH in by_basis:
        m = by_basis[WeightBasis.PER_LENGTH]
        return [
            f"weight per metre {fmt_grams(m.stated_grams)}/m stated but no length; "
            "unit weight not derived"
        ]
    if WeightBasis.OTHER_VARIANT in by_basis or WeightBasis.COMPONENT in by_basis:
        m = by_basis.get(WeightBasis.OTHER_VARIANT) or by_basis[WeightBasis.COMPONENT]
        review.append(
            f"only weights of other variants or components are stated ({fmt_grams(m.stated_grams)})"
        )
        return [review[-1]]
    return ["no weight of the article is stated in the documents"]


def parse_quantity_grams(text: str, language: str | None = None) -> list[float]:
    """Every mass quantity in `text` in grams, as written (no pack or length arithmetic).

    Used to check that a value (e.g. a model's answer) is actually in the document.
    """
    comma = decimal_comma(text, language)
    out: list[float] = []
    for line in text.splitlines():
        for q in _raw_quantities(line, comma):
            glued = q.unit_glued
            if not (
                _GLUED_NOT_MASS.match(glued)
                or _SLASH_AREA.match(glued)
                or _SLASH_NOT_MASS.match(glued)
            ):
                out.append(q.grams)
    return out
