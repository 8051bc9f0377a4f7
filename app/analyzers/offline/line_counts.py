"""The quantity a table line's weight is for.

A quotation, packing list, delivery note or invoice lists each article once with the quantity
of the line ("Qty | 2000") beside a weight: that weight is usually the line's (2000 nuts,
11 kg), not one piece's. `line_quantity` reads the line's quantity from its own quantity column
and says whether the weight column is the line's total ("Peso total línea", "Hmotnost
celkem"), one piece's ("Unit weight", "Stückgewicht") or left unsaid. The weight rules divide a
total by the quantity, keep a piece weight, and never report an unsaid one as the piece's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from app.analyzers.offline import counts as C  # noqa: N812 - piece counts, read as C.fn
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS

__all__ = [
    "LineQuantity",
    "consignment_counts",
    "line_quantity",
    "says_one_piece",
    "summed_column",
]


# The header of a line's quantity column, in every language of the corpus ("Qty", "Menge",
# "Cantidad", "Množství", "Ilość", "数量"): the whole header, bar a unit in brackets.
_QUANTITY_HEADERS = frozenset(
    V.split_words(
        "qty quantity quantities menge anzahl stückzahl bestellmenge liefermenge qté "
        "quantité quantità qtà q.tà cantidad cant. cant uds uds. unidades quantidade qtd "
        "qtd. qtde hoeveelheid aantal ilość ilosc antal antall mængde määrä kpl množství "
        "počet mnozstvi miktar adet mennyiség cantitate количество кол-во ποσότητα 数量 數量 수량 "
        "pcs pieces stk stück"
    )
)
_BARE_QUANTITY_HEADERS = frozenset(
    "".join(c for c in unicodedata.normalize("NFD", h) if not unicodedata.combining(c))
    for h in _QUANTITY_HEADERS
)
_BRACKETS = re.compile(r"[\[(（].*?[\])）]")
_EDGE = re.compile(r"^[\s:.#*]+|[\s:*]+$")
# "80", "2000", "2 000", "150 ks": a whole count, a piece word after it at most
_COUNT_CELL = re.compile(rf"^\s*(?P<n>{C.GROUPED}|\d{{1,7}})\s*(?:{C.PIECES})?\s*$", re.IGNORECASE)
# The weight column is the line's: "total", "line", "Gesamt", "celkem", "合計" …
_TOTAL_HEADER = re.compile(
    r"(?<![^\W\d_])(?:total|totale|totaal|totalt|totais|line|línea|linea|ligne|riga|gesamt\w*"
    r"|summe|celkem|celková|celkova|łączna|laczna|razem|suma|összes|toplam|yhteensä|yhteensa"
    r"|samlet|sammanlagt|итого|общий|общая|συνολικό|συνολικό|lote|lot|partij|posten)(?![^\W\d_])"
    r"|gesamt|合計|合计|总|總|총",
    re.IGNORECASE,
)
# The weight column is one piece's: "Unit weight", "Stückgewicht", "Peso unitario", "単重" …
_PIECE_HEADER = re.compile(
    r"(?<![^\W\d_])(?:unit|units|each|ea|per|pro|je|par|pour|por|para|för|unitario|unitaria"
    r"|unitário|unitária|unitaire|unitario|jednotková|jednotkova|jednostkowa|jednostkowy"
    r"|birim|egység|stykvægt|styckvikt|kappalepaino|einzel\w*|stück\w*|stk|piece|pièce"
    r"|pieza|pezzo|peça|单件|單件|单重|單重|単重|単位|个|個|개당)(?![^\W\d_])"
    r"|stückgewicht|einzelgewicht|單|单|単|/\s*(?:1\s*)?(?:" + C.PIECES + r")(?![^\W\d_])",
    re.IGNORECASE,
)


class LineQuantity:
    """The count of a table line and whether its weight column is the line's total."""

    __slots__ = ("count", "total")

    def __init__(self, count: int, *, total: bool) -> None:
        self.count = count
        self.total = total


_WORD = re.compile(r"[^\W\d_]{4,}")


def _names_article(header: str, name_words: frozenset[str]) -> bool:
    """A word of the header is a word of the name, or its plural ("sheets" of "sheet")."""
    for token in _WORD.findall(header.lower()):
        if V.WEIGHT_WORDS.search(token):
            continue
        if any(token.startswith(w) and len(token) - len(w) <= 2 for w in name_words if len(w) >= 4):
            return True
    return False


def says_one_piece(header: str) -> bool:
    """A weight header or key that weighs one piece ("Unit weight", "weight_per_piece")."""
    return _PIECE_HEADER.search(header.replace("_", " ")) is not None


def _is_quantity_header(header: str) -> bool:
    bare = _EDGE.sub("", _BRACKETS.sub(" ", header)).strip().lower()
    return bare in _QUANTITY_HEADERS


def line_quantity(
    weight_header: str,
    cells: Sequence[tuple[str, str]],
    *,
    summed: bool = False,
    name_words: frozenset[str] = frozenset(),
) -> LineQuantity | None:
    """The quantity of the line a weight is read from (more than one piece), when its table has
    one quantity column and the weight column does not say it weighs one piece. `cells` are the
    line's (header, cell) pairs. None without such a column, for a quantity of one, or for
    several quantity columns that disagree. `summed`: a total row sums the weight column.
    A header that names what the article is ("Hmotnost tabule" of a "… (tabule)", the words
    of its name in `name_words`) weighs one of them."""
    if _PIECE_HEADER.search(weight_header) or _names_article(weight_header, name_words):
        return None
    counts = {
        C.whole(m["n"])
        for header, cell in cells
        if _is_quantity_header(header) and (m := _COUNT_CELL.match(cell))
    }
    if len(counts) != 1:
        return None
    count = counts.pop()
    if count < 2:
        return None
    return LineQuantity(count, total=summed or _TOTAL_HEADER.search(weight_header) is not None)


_NUMBER = re.compile(r"^\s*(?P<n>\d{1,7}(?:[.,]\d{1,3})?)\s*(?:[^\W\d_]{1,3})?\s*$")


def _number(cell: str) -> float | None:
    m = _NUMBER.match(cell)
    return float(m["n"].replace(",", ".")) if m else None


def summed_column(rows: Sequence[Sequence[str]], j: int) -> bool:
    """Column `j` of a table is summed by its last row ("Total | 5000 | 26,3"): each row above
    is a line's own weight, not one piece's. Two lines at least, each with a number."""
    if len(rows) < 3:
        return False
    values = [_number(row[j]) if j < len(row) else None for row in rows]
    *lines, last = values
    if last is None or any(v is None for v in lines):
        return False
    total = sum(v for v in lines if v is not None)
    return abs(total - last) <= max(0.01 * last, 0.011)


# "Quantity: 16 pieces", "QTY  40 ROLLS", "Menge 200 Stück": a delivery note's one quantity line
_QUANTITY_LINE = re.compile(
    rf"^\s*(?P<h>[^\W\d_][^\W\d_.]*\.?(?:\s[^\W\d_]+\.?)?)\s*[:=]?\s+"
    rf"(?P<n>{C.GROUPED}|\d{{1,7}})\s*(?P<w>[^\W\d_]+)?\.?(?![\d.,]\d)",
    re.IGNORECASE,
)
_PIECE_WORD = re.compile(rf"(?:{C.PIECES})", re.IGNORECASE)


def _quantity_header(header: str) -> bool:
    """A quantity header, the marks of its letters dropped as a scan or an export does
    ("Quantita", "Quantite")."""
    low = header.lower().strip(" .:")
    bare = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
    return low in _QUANTITY_HEADERS or bare in _BARE_QUANTITY_HEADERS


def consignment_counts(
    lines: Iterable[str], name_words: frozenset[str], *, pieces: bool = True
) -> list[int]:
    """The counts of pieces a shipping document's quantity lines state ("Quantità: 16 pezzi",
    "QTY 40 ROLLS" of a "roll"), else its item lines under a quantity column ("Q.tà | UM"
    over "250 | pz"): one count, the document ships one article that many times and its net
    weight is theirs together; several (two item lines, even of one count), it ships several
    lines; 0 for an item line of no pieces ("40 carton"): a line no weight is divided by.
    `pieces` False: only a count of the name's noun counts articles (the name is a pack of
    pieces, "box of 100": a count of pieces is not of boxes)."""
    texts = list(lines)
    counts: list[int] = []
    for text in texts:
        m = _QUANTITY_LINE.match(text)
        if m is None or not _quantity_header(m["h"]) or m["w"] is None:
            continue
        word = m["w"]
        counted = (pieces and _PIECE_WORD.fullmatch(word)) or _names_article(word, name_words)
        if counted and (n := C.whole(m["n"])) not in counts:
            counts.append(n)
    return counts or _item_counts(texts, name_words, pieces=pieces)


# A layout's cells: split at a bar, or at two spaces and more ("Cod.   Descrizione   Q.tà   UM")
_CELL = re.compile(r"[^|\s](?:[^|\s]| (?! ))*")
_ITEM_COUNT = re.compile(rf"^(?P<n>{C.GROUPED}|\d{{1,7}})(?:\s(?P<w>\S+))?$")
_ITEM_AMOUNT = re.compile(rf"^(?P<n>{C.GROUPED}|\d{{1,7}}(?:[.,]\d{{1,3}})?)(?:\s(?P<w>\S+))?$")
_WHOLE = re.compile(rf"^(?:{C.GROUPED}|\d{{1,7}})$")
_UNIT_WORD = re.compile(r"^[^\W\d_]{1,12}\.?$")  # "carton", "m", "kg", "pz", "U.M." no
# The unit cell of an item line that counts pieces: the piece words, and the bare "un."/"und."
# (unidade, unidad) and "nr." a unit column abbreviates them to, only in that column
_UNIT_CELL_PIECES = frozenset(V.split_words("un un. und und. ud ud. nr nr. n."))


def _cells(text: str) -> list[str]:
    if "|" in text:
        return [c.strip() for c in text.strip().strip("|").split("|")]
    return _CELL.findall(text)


def _piece_cell(cell: str, name_words: frozenset[str], *, pieces: bool) -> bool:
    low = cell.lower()
    if pieces and (_PIECE_WORD.fullmatch(low) or low in _UNIT_CELL_PIECES):
        return True
    return _names_article(low, name_words)


def _item_count(
    cells: Sequence[str], j: int, width: int, name_words: frozenset[str], *, pieces: bool
) -> int | None:
    """The count in column `j` of a `width`-column header: the cell at `j`, or, on a line with
    fewer or more cells (a layout's spaces lost or an empty cell), at `j` from the right. 0 for
    an amount of no pieces ("40 carton", "12,5 m"): an item line all the same. None: no item."""
    spots = [j] if len(cells) == width else [len(cells) - (width - j), j]
    for k in spots:
        if not (0 <= k < len(cells) and (m := _ITEM_AMOUNT.match(cells[k]))):
            continue
        unit = m["w"] or (cells[k + 1] if k + 1 < len(cells) else "")
        if _piece_cell(unit, name_words, pieces=pieces) and _WHOLE.match(m["n"]):
            return C.whole(m["n"])
        # a unit word that counts no pieces; no unit (the next cell a weight): no item line
        return 0 if _UNIT_WORD.match(unit) else None
    return None


def _names_row(text: str, name_words: frozenset[str]) -> bool:
    """The item line describes the article: most of its name's words are on it, so its
    pieces are the named article's even when the name holds a count of its own."""
    words = {w for w in name_words if len(w) >= 4}
    low = text.lower()
    return bool(words) and 2 * sum(w in low for w in words) > len(words)


def _item_counts(texts: Sequence[str], name_words: frozenset[str], *, pieces: bool) -> list[int]:
    """The count of each item line under a header's quantity column ("Q.tà   UM" over
    "250   pz"): a whole number in the column, its piece word in the cell or the next one. A
    line with no such number there (a note, the weight line below the item) counts nothing.
    `pieces` False: a piece word counts only on the line that describes the article."""
    counts: list[int] = []
    column: tuple[int, int] | None = None
    for text in texts:
        cells = _cells(text)
        head = [j for j, cell in enumerate(cells) if _is_quantity_header(cell)]
        if head and len(cells) >= 3 and not any(_ITEM_COUNT.match(c) for c in cells):
            column = head[0], len(cells)
        elif column is not None and len(cells) >= 2:
            own = pieces or _names_row(text, name_words)
            n = _item_count(cells, *column, name_words, pieces=own)
            if n is not None:
                counts.append(n)
    return counts
