"""The unit of measure an ERP row's weight is for.

An ERP or PIM export states each article's weight per its base unit of measure, in a column of
its own: "uom | BX" beside "qty_per_uom | 100" and "net_weight | 0.98", "Basismengeneinheit |
TST" (a thousand pieces) beside "Nettogewicht | 4,850", "um | M" (a metre) beside "peso_netto |
0,105". `row_unit` reads that column of a row and says what its weight is for: one piece (say
nothing), a stated number of pieces (a code that counts them, or a pack code and the one count
field beside it), a metre, or a pack whose count the row does not state (the rules then do not
divide, and do not report the pack's weight as the piece's). A reference quantity column
("Bezugsmenge | 1000", "Bezugsmenge | 1 M") says it first: the weights are of that many pieces,
or of one metre.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.analyzers.offline import counts as C  # noqa: N812 - piece counts, read as C.fn
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS

__all__ = ["REASON", "RowUnit", "named_feet", "names_metres", "row_unit"]

REASON = "the weight of one unit of measure"


# The header of a unit-of-measure column, in every language of the corpus: the whole header
# ("UoM", "ME", "Basismengeneinheit", "unité", "udm", "jm", "birim", "ед. изм.", "单位")
_UOM_HEADERS = frozenset(
    V.split_words(
        "uom u.o.m. um u.m. u/m unit units unit_of_measure unitofmeasure base_unit base_uom "
        "baseunit baseuom sales_unit order_unit stock_unit uom_code unit_code me bme basis-me "
        "basisme mengeneinheit basismengeneinheit basiseinheit einheit verkaufseinheit "
        "bestelleinheit "
        "lagereinheit unité unite unité_de_mesure udm u.d.m. unità unità_di_misura unita "
        "unità_misura unidad unidad_de_medida ud ud. udm. unidade unidade_de_medida und und. "
        "eenheid maateenheid basiseenheid jednostka jm j.m. jedn. enhet måleenhet måleenhed "
        "enhed mittayksikkö yksikkö mj m.j. měrná_jednotka jednotka birim ölçü_birimi "
        "mértékegység me. mee um. unitate unitate_de_măsură um_baza единица ед. ед.изм. ед._изм. "
        "единица_измерения μονάδα μονάδα_μέτρησης μ.μ. 单位 單位 计量单位 計量単位 単位 단위"
    )
)
# What a code of the column counts: UN/ECE rec. 20, SAP and the writers' own abbreviations
_THOUSAND = frozenset(V.split_words("tst th tho tsd mil mille 1000 kst kstk ksz mpc m-pcs"))
_HUNDRED = frozenset(V.split_words("hun hst cen 100 hd cst"))
_DOZEN = frozenset(V.split_words("dzn doz dz dtz"))
_METRE = frozenset(V.split_words("m mtr mt lm lfm ml mb mé metre meter metro metr"))
_PIECE = frozenset(
    V.split_words(
        "c62 pce pces pcs pc ea each st stk stck stück h87 nar nmb un unit und uni ud uds pz pza "
        "pzs pezzo pièce pieza ks kus szt adet ad db buc kpl stuk шт шт. τεμ 个 件 個 개"
    )
)
_PACK = frozenset(
    V.split_words(
        "bx box cs ca ct ctn car cart pk pak pac pck pkg pa ve vpe kar krt kt bg bag sa sac sack "
        "ds paq cj cx cxa cja pqt pq emb conf cf sc rl rol ro rolle rouleau rotolo rollo bdl bnd "
        "bund set"
    )
)
_MASS = frozenset(V.split_words("kg kgm g grm lb lbr lbs oz onz t tne mg"))
_CELL = re.compile(r"^\s*(?P<c>[^\W_][\w.\-]{0,7})\s*$")
_COUNT = re.compile(rf"^\s*(?P<n>{C.GROUPED}|\d{{1,6}})\s*$")
# A field that converts the unit into pieces ("qty_per_uom", "Umrechnung", "pcs per unit",
# "Stück je ME", "contenu", "contenido", "pezzi per confezione", "入数")
_PER_UNIT_KEY = re.compile(
    r"(?<![^\W\d_])(?:qty|quantity|pcs|pieces|units|count|inhalt|stück|stk|anzahl|menge"
    r"|umrechnung\w*|zähler|faktor|factor|conversion|conv|numerator|contenu|contenance"
    r"|quantité|qté|contenido|cantidad|uds|unidades|contenuto|pezzi|pz|quantità|qtà"
    r"|conteúdo|quantidade|qtd|inhoud|aantal|stuks|zawartość|ilość|szt|sztuk|innehåll|antal"
    r"|indhold|antall|sisältö|kpl|obsah|počet|ks|içerik|adet|miktar|tartalom|darab|db"
    r"|conținut|bucăți|buc|вложение|количество|шт|περιεχόμενο|τεμάχια|τεμ)(?![^\W\d_])"
    r"|入数|入り数|包装数|수량",
    re.IGNORECASE,
)
_NOT_PER_UNIT = re.compile(
    r"stock|lager|bestand|min|moq|order|bestell|commande|pedido|pallet|palet|palett|layer"
    r"|lage|couche|capa|price|preis|prix|prezzo|precio|cena|fiyat|ár\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class RowUnit:
    """What a row's weight is for: `count` pieces, one metre (`metre`), or a pack of an
    unstated count (`count` None, `metre` False)."""

    code: str
    count: int | None = None
    metre: bool = False


def _bare(header: str) -> str:
    return re.sub(r"\s+", "_", re.sub(r"[\[(（].*?[\])）]", " ", header).strip().lower())


def _is_uom_header(header: str) -> bool:
    if V.WEIGHT_WORDS.search(header):
        return False  # "weight_uom", "Gewichtseinheit", "Wt UoM": the unit of the weight figure
    return _bare(header) in _UOM_HEADERS


def _as_int(value: str) -> int | None:
    m = _COUNT.match(value)
    return C.whole(m["n"]) if m else None


def _per_unit_count(weight_key: str, cells: Sequence[tuple[str, str]]) -> int | None:
    """The one count field of the row that converts its unit into pieces, or None."""
    counts: set[int] = set()
    for key, value in cells:
        if key.strip() == weight_key.strip() or V.WEIGHT_WORDS.search(key):
            continue
        if _is_uom_header(key) or _NOT_PER_UNIT.search(key) or not _PER_UNIT_KEY.search(key):
            continue
        if (n := _as_int(value)) is not None:
            counts.add(n)
    return counts.pop() if len(counts) == 1 else None


# The header of the quantity an ERP row's weights refer to (SAP "Bezugsmenge"): "1000" of a
# piece unit is the weight of a thousand, "1 M" the weight of a metre.
_REFERENCE_HEADERS = frozenset(
    V.split_words(
        "bezugsmenge gewichtsbezugsmenge reference_quantity reference_qty ref_qty ref._qty "
        "weight_basis_qty weight_reference_quantity quantité_de_référence quantite_de_reference "
        "qté_de_référence quantità_di_riferimento quantita_di_riferimento qtà_di_riferimento "
        "cantidad_de_referencia cantidad_referencia quantidade_de_referência referentiehoeveelheid "
        "ilość_referencyjna referensmängd referencemængde referansemengde vztažné_množství "
        "基准数量 基準数量"
    )
)
# "1000", "1.000 ST", "1 M": the count or the metre of a reference quantity cell
_REFERENCE = re.compile(rf"^\s*(?P<n>{C.GROUPED}|\d{{1,6}})\s*(?P<u>[^\W\d_][\w.]{{0,5}})?\s*$")


def _uom_codes(weight_key: str, cells: Sequence[tuple[str, str]]) -> set[str]:
    """The codes of the row's unit-of-measure columns (the weight's own column aside)."""
    return {
        m["c"].lower().rstrip(".")
        for key, value in cells
        if key.strip() != weight_key.strip() and _is_uom_header(key) and (m := _CELL.match(value))
    }


def _reference_unit(weight_key: str, cells: Sequence[tuple[str, str]]) -> RowUnit | None:
    """The unit the row's reference quantity column says its weights are for, or None."""
    codes = _uom_codes(weight_key, cells)
    base = codes.pop() if len(codes) == 1 else ""  # the base unit a bare "1000" counts
    found: set[tuple[int, bool]] = set()
    label = ""
    for key, value in cells:
        if key.strip() == weight_key.strip() or _bare(key) not in _REFERENCE_HEADERS:
            continue
        if (m := _REFERENCE.match(value)) is None or not (n := C.whole(m["n"])):
            return None  # a reference quantity the rule cannot read: not one piece for sure
        unit = (m["u"] or "").lower().rstrip(".") or base
        if unit and unit not in _PIECE and unit not in _METRE:
            return None  # "1000 KAR", a reference quantity of packs: not read here
        found.add((n, unit in _METRE))
        label = f"{key.strip()} {value.strip()}"
    if len(found) != 1:
        return None
    n, metre = found.pop()
    if metre:
        return RowUnit(label, metre=True) if n == 1 else None
    return RowUnit(label, count=n) if n >= 2 else None


def row_unit(weight_key: str, cells: Sequence[tuple[str, str]]) -> RowUnit | None:
    """What the weight under `weight_key` is for, by the row's reference quantity column
    ("Bezugsmenge | 1000", "Bezugsmenge | 1 M"), else its unit-of-measure column: None for
    one piece or when the row has no such column (or several that disagree)."""
    if (reference := _reference_unit(weight_key, cells)) is not None:
        return reference
    codes = _uom_codes(weight_key, cells)
    if len(codes) != 1:
        return None
    code = codes.pop()
    if code in _PIECE or code in _MASS:
        return None
    fixed = 1000 if code in _THOUSAND else 100 if code in _HUNDRED else 12 if code in _DOZEN else 0
    if fixed:
        return RowUnit(code, count=fixed)
    if code in _METRE:
        return RowUnit(code, metre=True)
    if code in _PACK:
        n = _per_unit_count(weight_key, cells)
        if n == 1:
            return None  # "BX | 1": the box is the piece
        return RowUnit(code, count=n if n is not None and n >= 2 else None)
    return None


# "rotolo 100 m", "Ring 50 m", "coil 25 mtr": a length in metres (not "16 mm", a diameter)
_METRES = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,4}(?:[.,]\d{1,2})?)\s?(?:m|mtr|mtrs|meter|metre|metres|meters|metri"
    r"|metros|metros|mètres|metr[uůy]?|metrów|метров|м|米)(?![^\W\d_])",
    re.IGNORECASE,
)


def names_metres(name: str, length_m: float) -> bool:
    """The name states `length_m` as metres: a weight per metre times it is the article's."""
    return any(
        abs(float(m["n"].replace(",", ".")) - length_m) < 1e-6 for m in _METRES.finditer(name)
    )


# "20 ft length", "10' bar", "21 feet": one length in feet the name states
_FEET = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:\.\d{1,2})?)\s?(?:ft|feet|foot|pies|')(?![^\W\d_'])",
    re.IGNORECASE,
)


def named_feet(name: str) -> float | None:
    """The one length in feet the name states, or None (none, or several)."""
    found = {float(m["n"]) for m in _FEET.finditer(name)}
    return found.pop() if len(found) == 1 else None
