"""The count of pieces a weight field is for, read from the fields beside it.

An export (JSON, XML, GS1, an ERP's key=value rows) states a pack's weight in one field and how
many pieces the pack holds in another: "opakowanie.masa_netto_kg: 2.6" beside
"opakowanie.sztuk_w_opakowaniu: 20", a GS1 case's "netWeight" beside its
"quantityOfNextLowerLevelTradeItem: 250", an ERP row's "Poids=0,59" beside "Base poids=1000
PCE", "Poids UV (kg)" beside "Qté par UV=500". `path_count` reads the count of a key path's
object, `row_count` the count of a key=value row; each returns one count or None (none stated,
or several that disagree: then the rules do not divide).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from app.analyzers.offline import counts as C  # noqa: N812 - piece counts, read as C.fn
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS

__all__ = [
    "PATH",
    "in_pack",
    "key_paths",
    "object_fields",
    "pack_row_count",
    "packaging_object",
    "path_count",
    "row_count",
]

# UN/ECE and GS1 codes of a count ("50 H87", "1000 PCE", "20 EA")
_COUNT_UNITS = rf"h87|c62|ea|each|pce|pcs|pc|st|stk|{C.PIECES}"
_COUNT_VALUE = re.compile(
    rf"^\s*(?P<n>{C.GROUPED}|\d{{1,7}})\s*(?:(?:{_COUNT_UNITS})\.?)?\s*$",
    re.IGNORECASE,
)
# A key that counts the pieces its object holds, in every language of the corpus
_CONTENT_KEY = re.compile(
    r"(?:^|[_\s.-])(?:quantity|quantities|qty|count|pieces|pcs|units|contents?|netcontent"
    r"|quantityofnextlowerleveltradeitem|inhalt|stück\w*|stueck\w*|stk|anzahl|menge"
    r"|quantit[éeà]|qt[éeà]|cantidad|unidades|uds|quantidade|qtd[e]?|aantal|stuks"
    r"|ilo[sś][cć]|sztuk\w*|szt|antal|antall|st|kpl|kappaletta|počet|pocet|ks|kusů|kusu"
    r"|adet|miktar|darab|db|buc\w*|cantitate|количество|шт|ποσότητα|τεμ\w*|入数|入り数|数量|수량"
    r"|本数|個数|个数)(?:$|[_\s.-])",
    re.IGNORECASE,
)
# Counts of something else: a stock, an order minimum, packs per pallet, the next level up
_NOT_CONTENT = re.compile(
    r"stock|lager|bestand|min|moq|order|bestell|commande|pedido|zamów|available|verfüg"
    r"|higher|parent|upper|pallet|palet|palett|paleta|layer|lage|couche|capa|warstw"
    r"|opakowa[nń](?![^\W\d_])|packs|cartons|boxes|kartony|portoirs|racks|bags|sad\b|sets",
    re.IGNORECASE,
)
# A field of a pack, case or carton: a weight there is of all the pieces it holds
_PACK_PATH = re.compile(
    r"(?:^|[._\[\s-])(?:pack\w*|case|carton\w*|karton\w*|box\w*|bag|bundle|opakowani\w*|"
    r"verpackung\w*|packung|emballage|conditionnement|colis|confezione|imballo|scatola|caja"
    r"|embalaje|paquete|embalagem|caixa|verpakking|doos|förpackning|emballage|pakning"
    r"|pakkaus|balení|obal|karton|ambalaj|koli|csomag|ambalaj|упаковка|коробка|συσκευασία"
    r"|inner|trade_?item_?unit)(?:$|[._\[\]\s-])",
    re.IGNORECASE,
)


_PACK_DESCRIPTOR = re.compile(r"^\s*(?:CASE|PACK_OR_INNER_PACK|PACK|BOX|CARTON)\s*$")
# "produkt.opakowanie.masa_netto_kg", "tradeItems[1].tradeItemWeight.netWeight" (not "N.W.")
PATH = r"[^\W\d][\w\[\]-]+(?:\.[\w\[\]-]+)+"
# The object a pack holds ("childTradeItem", "nextLowerLevel") and the keys that count it
_LOWER_LEVEL = re.compile(r"lower|child|inner|content|inhalt", re.IGNORECASE)
_CONTENTS = re.compile(r"lower|child|content|inhalt|w_opak|per_|_per|pro_|_in_", re.IGNORECASE)
_PATH_LINE = re.compile(rf"^\s*(?P<k>{PATH})\s*[:=]\s*(?P<v>.{{1,40}}?)\s*$")
_SEGMENT = re.compile(r"\.|(?=\[)")


def key_paths(texts: Iterable[str]) -> dict[str, str]:
    """The "a.b.c: value" lines of an export, by key path."""
    out: dict[str, str] = {}
    for text in texts:
        if "." in text and (m := _PATH_LINE.match(text)):
            out.setdefault(m["k"], m["v"])
    return out


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def object_fields(path: str, paths: Mapping[str, str]) -> list[tuple[str, str]]:
    """The (key, value) fields of the object a key path sits in, its own among them: an
    export's object is a row ("variantes[1]": "peso_caja_kg" beside "caja_unidades")."""
    obj = _parent(path)
    if not obj:
        return []
    prefix = obj + "."
    return [
        (key[len(prefix) :], value)
        for key, value in paths.items()
        if key.startswith(prefix)
        and "." not in key[len(prefix) :]
        and "[" not in key[len(prefix) :]
    ]


def packaging_object(path: str) -> bool:
    """A key path inside a packaging, pack or logistics object ("urun.ambalaj.koli_kg",
    "producto.logistica.peso_kg")."""
    obj = _parent(path)
    return bool(_PACK_PATH.search(obj) or V.PACKAGING_KEYS.search(obj))


# A pack's own object in an export ("item.pack", "conditionnement.carton", "opakowanie"); not
# "packaging" or "logistics", whose net weight is the packed article's
_PACK_SEGMENTS = frozenset(
    [
        *V.PACK_NOUNS,
        *V.split_words(
            "pack packs case cases carton cartons box boxes bag bundle inner_pack innerpack "
            "outer_pack outerpack master_carton opakowanie opakowania krabice kutu koli "
            "kartong kartonnen schachtel colis caisse caixa"
        ),
    ]
)


def in_pack(path: str) -> bool:
    """A key path inside a pack's object: a weight there is the pack's."""
    return any(p.lower() in _PACK_SEGMENTS for p in _SEGMENT.split(_parent(path)) if p)


def path_count(path: str, paths: Mapping[str, str]) -> int | None:
    """The pieces the object a weight key path sits in holds: the count fields of its nearest
    enclosing object that has any (never above one element of an array: another element is
    another trade item). None unless the object is a pack (a pack word in its path, a GS1
    descriptor CASE or PACK) or the count is a contents field, or when counts disagree."""
    obj = _parent(path)
    while obj:
        prefix = obj + "."
        counts: set[int] = set()
        contents = False
        packed = bool(_PACK_PATH.search(path[: len(obj)]))
        for key, value in paths.items():
            if not key.startswith(prefix) and not key.startswith(obj + "["):
                continue
            rest = key[len(obj) :]
            if _PACK_DESCRIPTOR.match(value) and "descriptor" in rest.lower():
                packed = True
            if _NOT_CONTENT.search(rest):
                continue
            parts = [p for p in _SEGMENT.split(rest) if p]
            if not parts:
                continue
            *between, last = parts
            if any(not _LOWER_LEVEL.search(b) for b in between):
                continue  # a field of another object beside it ("caseLevel", "forpackning")
            if (m := _COUNT_VALUE.match(value)) and _CONTENT_KEY.search(f".{last}."):
                counts.add(C.whole(m["n"]))
                contents = contents or bool(between) or bool(_CONTENTS.search(last))
        if counts:
            if len(counts) == 1 and (packed or contents) and (n := counts.pop()) >= 2:
                return n
            return None
        if obj.endswith("]"):
            return None  # one element of an array: its siblings are other items
        obj = _parent(obj)
    return None


# "Base poids=1000 PCE", "Gewichtsbasis: 100 Stk", "weight basis | 1000 pcs"
_BASIS_KEY = re.compile(
    r"(?<![^\W\d_])(?:base|basis|bezug\w*|gewichtsbasis|bezugsmenge|basispoids|base\s+peso"
    r"|per|pour|je|pro|por)(?![^\W\d_])",
    re.IGNORECASE,
)
_QUANTITY_WORD = re.compile(
    r"(?<![^\W\d_])(?:qt[éeà]|quantit[éeà]|qty|quantity|menge|anzahl|cantidad|uds|unidades"
    r"|quantidade|qtd|aantal|ilość|sztuk|antal|antall|počet|ks|adet|darab|buc|pcs|pieces|stk"
    r"|stück|units|pz|pezzi|шт|τεμ)(?![^\W\d_])|入数|数量",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W\d_]{2,}")
_MASS_TOKEN = re.compile(r"(?<![^\W\d_])(?:kg|kgs|g|gr|lbs?|oz|mg)(?![^\W\d_])")
_PIECE_SET = frozenset(w.lower().rstrip(".") for w in V.PIECE_WORDS) | frozenset(
    ["per", "par", "pour", "pro", "je", "por", "para", "för", "of", "de", "du", "di", "x"]
)
# "Basis=je 100 Stück", "base | per 1000 pcs": a basis cell whose value says it is one
_PER_COUNT_VALUE = re.compile(
    rf"^\s*(?:je|per|pro|par|pour|por|para|för|/)\s{{0,2}}(?P<n>{C.GROUPED}|\d{{1,7}})\s{{0,2}}"
    rf"(?:{C.PIECES})\.?\s*$",
    re.IGNORECASE,
)
_PER_PIECE = re.compile(
    rf"(?:/|(?<![^\W\d_])(?:per|pro|je|par|pour|por|para|för|x|each))\s{{0,2}}(?:\d[\d.,']*\s{{0,2}})?"
    rf"(?:{C.PIECES})(?![^\W\d_])",
    re.IGNORECASE,
)
_UNIT_TOKENS = frozenset(
    ["kg", "kgs", "gr", "lbs", "lb", "oz", "mg", "ht", "ttc", "net", "netto", "brutto", "gross"]
)


def row_count(weight_key: str, cells: Sequence[tuple[str, str]]) -> int | None:
    """The pieces a key=value row's weight is for: a basis field with a piece count ("Base
    poids=1000 PCE"), or a quantity field of the thing the weight key names ("Qté par UV=500"
    for "Poids UV (kg)"). None when no field says, or fields disagree."""
    if _PER_PIECE.search(weight_key):
        return None  # "Peso g/pz", "Vikt per st (g)", "Hmotnost (kg/ks)": one piece's weight
    own = {
        t
        for t in _TOKEN.findall(weight_key.lower())
        if t not in _UNIT_TOKENS and t not in _PIECE_SET and not V.WEIGHT_WORDS.search(t)
    }
    counts: set[int] = set()
    for key, value in cells:
        m = _COUNT_VALUE.match(value) or _PER_COUNT_VALUE.match(value)
        if key.strip() == weight_key.strip() or not m:
            continue
        low = key.lower()
        if _MASS_TOKEN.search(low):
            continue  # "Poids par pièce (g)=12": a weight, not a count
        basis = _BASIS_KEY.search(low) and V.WEIGHT_WORDS.search(low)
        basis = basis or (_BASIS_KEY.search(low) and _PER_COUNT_VALUE.match(value))
        named = own and _QUANTITY_WORD.search(low) and own & set(_TOKEN.findall(low))
        if basis or named:
            counts.add(C.whole(m["n"]))
    if len(counts) == 1 and (n := counts.pop()) >= 2:
        return n
    return None


# "confezione 25 pz", "Box of 100", "Karton 24 Stück": a pack and its count as a cell's value
_PACK_VALUE = re.compile(
    rf"^\s*(?P<w>[^\W\d_]{{2,}})\.?\s{{1,2}}(?:(?:{'|'.join(V.PACK_PREPOSITIONS)})\s{{1,2}})?"
    rf"(?P<n>{C.GROUPED}|\d{{1,7}})(?:\s{{0,2}}(?:{C.PIECES})\.?)?\s*$",
    re.IGNORECASE,
)


def pack_row_count(weight_key: str, cells: Sequence[tuple[str, str]]) -> int | None:
    """The count of the pack a row's weight key names, from a cell whose value is that pack
    with its count ("Peso conf. (kg)" beside "Confezione=confezione 25 pz"). None when no cell
    says, or cells disagree."""
    own = {
        t
        for t in _TOKEN.findall(weight_key.lower())
        if t not in _UNIT_TOKENS and not V.WEIGHT_WORDS.search(t)
    }
    counts = {
        n
        for key, value in cells
        if key.strip() != weight_key.strip()
        and (n := _named_pack_value(value, own) or _named_pack_key(key, value, own))
    }
    return counts.pop() if len(counts) == 1 else None


def _named_pack_key(key: str, value: str, own: set[str]) -> int | None:
    """The count of a cell whose key is the pack the weight key names, counted in pieces
    ("Opakowanie (szt.)=1000" for "Waga opakowania (kg)", "Box qty=50" for "Box weight")."""
    if (m := _COUNT_VALUE.match(value)) is None:
        return None
    low = key.lower()
    if not (_QUANTITY_WORD.search(low) or _PIECE_BRACKET.search(low)):
        return None
    tokens = _TOKEN.findall(low)
    if not any(t in V.PACK_NOUNS and any(_same_word(t, o) for o in own) for t in tokens):
        return None
    n = C.whole(m["n"])
    return n if n >= 2 else None


_PIECE_BRACKET = re.compile(rf"[(\[]\s{{0,2}}(?:{C.PIECES})\.?\s{{0,2}}[)\]]", re.IGNORECASE)


def _same_word(a: str, b: str) -> bool:
    """One word, or its abbreviation or inflection ("conf" of "confezione", "opakowania" of
    "opakowanie"): a shared start all but the last two letters long."""
    if len(a) < 3 or len(b) < 3:
        return False
    if a.startswith(b) or b.startswith(a):
        return True
    n = min(len(a), len(b)) - 2
    return n >= 4 and a[:n] == b[:n]


def _named_pack_value(value: str, own: set[str]) -> int | None:
    """The count of a cell whose value is the pack the weight key names, with its count
    ("confezione 25 pz" for "Peso conf. (kg)", "Box of 50" for "Box weight"): the weight is of
    that many pieces. None when the key names no pack, or another one."""
    m = _PACK_VALUE.match(value)
    if m is None or not own:
        return None
    word = m["w"].lower()
    if word not in V.PACK_NOUNS:
        return None
    if not any(_same_word(word, t) for t in own):
        return None
    n = C.whole(m["n"])
    return n if n >= 2 else None
