"""How many pieces a figure is for: the count a weight label, a pack phrase or a slash unit
states ("Gewicht je 1000 Stk", "box of 100", "/100 pcs", "VE 100 Stück").

A count is read the same way wherever it is written, so the regex pieces for one live here:
the weight rules read a label's or a document's pack count with these functions, and the
modules that find a count in its own context (a table's quantity column, an export's key
paths, a set word, an ERP unit of measure) build their patterns from `PIECES` and `GROUPED`
and read the digits with `whole`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Protocol

from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.offline._text import DIGITS, Line, tokens_of
from app.analyzers.offline.names import models
from app.analyzers.quantities import to_int


class Named(Protocol):
    """The article name as the count rules compare it: lower-cased, its numbers ("#10") and
    its words."""

    @property
    def low(self) -> str: ...

    @property
    def numbers(self) -> frozenset[str]: ...

    @property
    def words(self) -> frozenset[str]: ...


# A piece word ("pcs", "Stück", "uds", "個") as one regex alternation
PIECES = V.PIECE_ALTERNATION
# A whole count grouped in thousands ("1.000", "2 000", "10'000", a no-break space too); a
# pattern adds its own ungrouped alternative ("|\d{1,7}") for the longest count it takes
GROUPED = r"\d{1,3}(?:[.,'\u00a0 ]\d{3})+"
_NOT_DIGIT = re.compile(r"\D")


def whole(text: str) -> int:
    """The count a matched whole number states, its thousands separators dropped."""
    return int(_NOT_DIGIT.sub("", text))


# a count after "per", "pour", "/": "1000", "1.000" or with a space as thousands separator
# ("Masse pour 1 000 pièces", a narrow no-break space in typeset French)
PER_N = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d[\d.,']{0,8}"
# "/100 pcs", "per 1000", "je 100 Stk" after a figure: the figure weighs that many pieces
SLASH_PACK = re.compile(
    rf"^\s*(?:/|per|pro|je|for)\s*(?P<n>{PER_N})\s*(?P<p>{PIECES})?", re.IGNORECASE
)
# "/pc", "per Stück", "je 1 Stk" after a figure: the figure is one piece's
SLASH_PIECE = re.compile(
    rf"^\s*(?:/|per|pro|je)\s*(?:1\s*)?(?:{PIECES})(?![^\W\d_])", re.IGNORECASE
)
# "Gewicht je 1000 Stk", "Weight x 100 pcs", "1個当たり": a label that counts its pieces
LABEL_PER_COUNT = re.compile(
    rf"(?:(?:(?<![^\W\d_])(?:per|por|pro|je|par|pour|para|för)|/|(?<![\w.,]\s)(?<![\w.,])x)"
    rf"\s{{0,2}}(?P<n>{PER_N})\s{{0,2}}"
    rf"(?:{PIECES})(?![^\W\d_]))"
    rf"|(?P<c>\d[\d.,']{{0,8}})\s{{0,2}}(?:個|个|只|件|枚|本|支|根|颗|粒|개)\s{{0,2}}(?:当たり|あたり|当り|당)",
    re.IGNORECASE,
)
# "box of 100", "Karton mit 50", "100 pcs": the count of a pack phrase
_COUNT = re.compile(
    rf"(?:(?:of|à|a|mit|with|zu|de|da|van|z|per|pro|je|/)\s*(?P<a>\d[\d.,']{{0,8}})\s*(?:{PIECES})?(?![^\W\d_])"
    rf"|(?<![\d.,'])(?P<b>\d[\d.,']{{0,8}})\s*(?:{PIECES})(?:入り|入)?(?![^\W\d_]))",
    re.IGNORECASE,
)  # "100枚入り": a pack that holds a hundred
# "100 pcs", "50 Stück": a count with its piece word
COUNTED = re.compile(rf"(?<![\d.,'])(?P<n>\d[\d.,']{{0,8}})\s*(?:{PIECES})(?![^\W\d_])", re.I)
# "VE 100", "Packungsinhalt: 50", "contents 25", "1000 pcs/reel": a pack count in a line
DOC_COUNT = re.compile(
    rf"(?:\bVE\b|verpackungseinheit|packing\s+unit|pack(?:ing)?\s+(?:size|quantity)|packungsinhalt|inhalt"
    rf"|contenuto|contenu|contenido|conteúdo|inhoud|zawartość|innehåll|入数|入り数|装箱数"
    # "boxes of 50", "pacotes de 5 unidades": the plural of a pack noun counts the same
    rf"|contents|(?:{'|'.join(V.PACK_NOUNS)})(?:e?s)?\s+(?:{'|'.join(V.PACK_PREPOSITIONS)})(?![^\W\d_])"
    rf"|(?:pcs|pieces|stück|units|qty)\s+(?:per|pro|je)\s+[^\W\d_]+|quantity\s+per\s+[^\W\d_]+"
    rf"|(?P<per>(?:per|pro|je|par|por)\s+(?:{'|'.join(V.PACK_NOUNS)})(?![^\W\d_])))"
    rf"[^\d\n]{{0,20}}(?P<n>\d[\d.,']{{0,8}})"
    rf"|(?<![\d.,'])(?P<m>\d[\d.,']{{0,8}})\s*(?:{PIECES})\s*(?:/|per|pro|je)\s*"
    rf"(?:\d{{1,2}}(?:\"|''|”|-?inch|-?in\.)\s*)?"  # "1000 pcs per 13\" reel": the reel's size
    rf"(?:bag|box|pack|carton|reel|beutel|karton|packung|ve)",
    re.IGNORECASE,
)


# "… or 30": another count offered beside the first
ALTERNATIVE = re.compile(
    r"(?<![^\W\d_])(?:or|oder|bzw\.?|ou|o|oppure|lub|eller|nebo)\s{1,3}\d", re.IGNORECASE
)


_MASS_AFTER = re.compile(
    r"\s{0,2}(?:kg|kgs|g|gr|grs|mg|lb|lbs|oz|t|l|ml|cl|dl|公斤|千克|克|кг|г)(?![^\W\d_])",
    re.IGNORECASE,
)


def pack_n(text: str) -> int | None:
    """The pieces per pack a text states; None when it offers several ("carton de 50
    roulements (série 62) ou 30 (série 63)": which count goes with the weight is unknown)."""
    if ALTERNATIVE.search(text):
        return None
    for cm in _COUNT.finditer(text):
        if _MASS_AFTER.match(text, cm.end()):
            continue  # "Sac PE de 15 kg", "Eimer à 10 kg": a mass, not a count
        n = as_count((cm["a"] or cm["b"]).rstrip(".,'"))  # "box of 100, net": 100
        if n and n >= 2:
            return n
    return None


_COUNT_AFTER_WEIGHT = re.compile(
    rf"\s{{1,2}}(?P<n>{PER_N})\s{{0,2}}(?:{PIECES})(?![^\W\d_])", re.IGNORECASE
)


def weight_of_count(label: str) -> int | None:
    """The count a weight word is followed or, in Turkish or a compound, preceded by ("Peso
    1000 uds", "Weight 100 pcs", "1000 adet ağırlığı"): the figure weighs that many pieces.
    None for a count anywhere else in the label. A key's underscores are spaces
    ("hmotnost_100ks_g", "peso_1000_pz")."""
    label = label.replace("_", " ")
    for m in V.WEIGHT_WORDS.finditer(label):
        c = _COUNT_AFTER_WEIGHT.match(label, m.end()) or _COUNT_BEFORE_WEIGHT.search(
            label, 0, m.start()
        )  # "1000 adet ağırlığı", "100-Stück-Gewicht": the count the weight word is of
        if c and (n := as_count(c["n"])):
            return n if n >= 2 else None
    return None


_COUNT_BEFORE_WEIGHT = re.compile(
    rf"(?<![\d.,'])(?P<n>{PER_N})\s{{0,2}}-?(?:{PIECES})-?\s{{0,2}}$", re.IGNORECASE
)


# "Peso/1000 (kg)", "Gewicht per 1000:", a key's "weight_per_1000_kg": a round basis with no
# piece word, the figure of that many pieces (a length or area basis is read before, by the
# rate rules); a key may end in the figure's unit
_BARE_BASIS = re.compile(
    r"(?:(?<![^\W\d_])(?:per|por|pro|je|par|pour|para|för)[\s_]{1,2}|/\s{0,2})"
    r"(?P<n>10{2,4}|1[.,' ]000)"
    r"(?=[\s_]{0,2}(?:[(\[|:=]|$|(?:kg|g|lbs?)\s{0,2}(?:[)\]|:=]|$)))",
    re.IGNORECASE,
)


# "Ağırlık (100 adet)", "Hmotnost sady (2 ks, …)": a piece count in parentheses in the label
_PAREN_COUNT = re.compile(
    rf"[(（]\s{{0,2}}(?P<n>{PER_N})\s{{0,2}}(?:{PIECES})(?![^\W\d_])", re.IGNORECASE
)


# "Masse pour 1000 sachets" of a "Sachet …": a count of the noun the article's name starts with
_PER_NOUN_COUNT = re.compile(
    rf"(?<![^\W\d_])(?:per|por|pro|je|par|pour|para|för|for)\s{{1,2}}(?P<n>{PER_N})\s{{0,2}}"
    r"(?P<w>[^\W\d_]{3,})",
    re.IGNORECASE,
)


# "peso_por_millar_kg", "Gewicht pro Tausend", "poids au mille": a round basis in words
_WORD_BASIS = re.compile(
    r"(?<![^\W\d_])(?:(?:per|por|pro|je|para|al|el|the|a)\s{1,2}(?P<k>millar|thousand|tausend"
    r"|migliaio|hundred|hundert|centenar|centinaio|centaine)|au\s{1,2}(?P<f>mille|cent))"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_WORD_BASIS_N = {"mille": 1000, "millar": 1000, "thousand": 1000, "tausend": 1000}
_WORD_BASIS_N |= {"migliaio": 1000, "cent": 100, "hundred": 100, "hundert": 100}
_WORD_BASIS_N |= {"centenar": 100, "centinaio": 100, "centaine": 100}


def word_basis(label: str) -> int | None:
    """The round count a label's basis names in words ("peso por millar", "per thousand",
    "au mille"): the figure weighs that many pieces."""
    m = _WORD_BASIS.search(label.replace("_", " "))
    return _WORD_BASIS_N[(m["k"] or m["f"]).lower()] if m else None


def round_basis(label: str) -> int | None:
    """The round basis a label states bare or in words ("Peso/1000", "weight_per_1000_kg",
    "per thousand"): the figure weighs that many pieces wherever the label sits."""
    m = _BARE_BASIS.search(label)
    return as_count(m["n"]) if m else word_basis(label)


def label_count(label: str, name: Named) -> int | None:
    """The count of pieces a weight label says its figure weighs where no pack word says it:
    a parenthesized piece count, a round basis ("/1000"), a count of the article's own noun.
    None when the name states that count itself: then the article is the set, pack or pair."""
    m = _PAREN_COUNT.search(label) or _BARE_BASIS.search(label.replace("_", " "))
    if m is None and (noun := _PER_NOUN_COUNT.search(label)) and _is_name_noun(noun["w"], name):
        m = noun
    if m is None:
        m = _count_of_name_noun(label, name)  # "Poids d'une botte de 10 tiges" of a "Tige …"
    n = as_count(m["n"]) if m else word_basis(label)
    if n is None or n < 2 or pack_n(name.low) == n:
        return None
    return n


# not the digits that end a code ("UCF206 komplett": the unit UCF206, not 206 units)
_COUNT_NOUN = re.compile(r"(?<![\w.,])(?P<n>\d{1,5})\s{1,2}(?P<w>[^\W\d_]{4,})")


# "Gewicht mit 3 Stützisolatoren", "weight with 2 batteries": what the weighed article includes
_WITH_BEFORE = re.compile(
    rf"(?<![^\W\d_])(?:{V.WITH_WORDS}|{V.WITH_MORE_WORDS}|inklusive|einschl|einschließlich"
    r"|y\s+compris|incluso|incluido|incluidos|inclusi|inclusief|z|ze|s|se|wraz\s+z)\.?\s{1,2}$",
    re.IGNORECASE,
)


def _weight_with(before: str) -> bool:
    """A weight word right before "with" ("Gewicht mit 3 Stützisolatoren"): the count after it
    is of what the weighed article includes; "eines Bundes mit 10 Winkeln" counts a bundle's."""
    if (w := _WITH_BEFORE.search(before)) is None:
        return False
    head = before[: w.start()].rstrip()
    return bool(head) and V.WEIGHT_WORDS.last(head) == len(head)


def _fold(word: str) -> str:
    """A word without its umlauts: a German plural ("Tücher", "Stäbe") starts as its singular."""
    return word.translate(_UMLAUT)


_UMLAUT = str.maketrans("äöü", "aou")


def _count_of_name_noun(label: str, name: Named) -> re.Match[str] | None:
    """The one count of a noun of the name, or its plural, the label states ("botte de 10
    tiges", "bundle of 10 bars", "Bund mit 10 Stangen" of one "Tige", "bar", "Stange"). Not a
    count the name states too ("4 Stufen" of a "Stehleiter, 4 Stufen": its own steps)."""
    found = [
        m
        for m in _COUNT_NOUN.finditer(label)
        if f"#{m['n']}" not in name.numbers
        and not _weight_with(label[: m.start()])
        and any(
            _fold(m["w"].lower()).startswith(_fold(w)) and len(m["w"]) - len(w) <= 2
            for w in name.words
            if len(w) >= 4 and w.isalpha()
        )
    ]
    return found[0] if len(found) == 1 else None


# "50 boxes" as the whole label of a weight ("box of 100 circles | 50 boxes, 6.8 kg"): a count
# of packs, not after "of", "mit", "à" (then it counts what one pack holds)
_PACKS = re.compile(r"^\W*(?P<n>\d{1,5})\s{0,2}(?P<w>[^\W\d_]{2,})\W*$")


def packs_counted(label: str) -> int | None:
    """The count of packs a weight's label is ("50 boxes", "10 cartons", "4 Kartons"): the
    figure weighs that many packs together, a shipping unit; None otherwise."""
    m = _PACKS.match(label)
    if m is None:
        return None
    word = m["w"].lower()
    if not any(word.startswith(p) and len(word) - len(p) <= 2 for p in V.PACK_NOUNS):
        return None
    n = as_count(m["n"])
    return n if n is not None and n >= 2 else None


# "10 barras (50 m), peso aprox." before a weight: a clause that counts the name's noun, then a
# clause of a weight word only
_COUNT_THEN_WEIGHT = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,5})\s{1,2}(?P<w>[^\W\d_]{4,})(?:\s{0,2}\([^()]{0,24}\))?\s*[,;]"
    r"(?P<rest>[^\d,;]{0,40})$"
)


_PIECE_WORDS = frozenset(w.lower() for w in V.PIECE_WORDS)


def name_counts_basis(label: str, name: Named) -> tuple[int, int, str] | None:
    """(n, m, unit) when a label weighs n of a unit the name counts m of ("Weight per 100
    links" of a chain "114 links", "Gewicht je 100 Blatt" of a pad "50 Blatt"): the article
    weighs m of them, not one. None when the name counts none of that unit, or two counts."""
    for pm in _PER_NOUN_COUNT.finditer(label.replace("_", " ")):
        n, word = as_count(pm["n"]), pm["w"].lower()
        if not n or word in V.PACK_NOUNS or word in _PIECE_WORDS:
            continue  # "per 100 pcs" of "box of 200 pcs": one piece is still the article's
        counts = {
            as_count(cm[1])
            for cm in re.finditer(
                rf"(?<![\d.,])(\d{{1,6}})\s{{0,2}}{re.escape(word)}(?![^\W\d_])", name.low
            )
        }
        if len(counts) == 1 and (m := counts.pop()) and m >= 2:
            return n, m, word
    return None


def counted_before(before: str, name: Named) -> int | None:
    """The count of the name's noun (or its plural) in the clause right before a weight's own
    clause ("10 barras (50 m), peso aprox. 30 kg", "12 Stangen, Gewicht 18 kg" of one "Stange"):
    the weight is of that many pieces. None when the name states that count itself."""
    m = _COUNT_THEN_WEIGHT.search(before)
    if m is None or not V.WEIGHT_WORDS.search(m["rest"]) or f"#{m['n']}" in name.numbers:
        return None
    word = m["w"].lower()
    if not any(
        word.startswith(w) and len(word) - len(w) <= 2
        for w in name.words
        if len(w) >= 4 and w.isalpha()
    ):
        return None
    n = as_count(m["n"])
    return n if n is not None and n >= 2 else None


def _is_name_noun(word: str, name: Named) -> bool:
    """`word` is the first word of the name, or its plural ("sachets" of "Sachet sous vide")."""
    first = next(iter(tokens_of(name.low)), "")
    low = word.lower()
    if len(first) == 3:  # "sacs" of a "Sac …", "bags" of a "Bag …": a short noun's plural
        return low in (first, f"{first}s", f"{first}x", f"{first}es")
    return len(first) >= 4 and low.startswith(first) and len(low) - len(first) <= 2


_WHOLE_COUNT = re.compile(rf"{GROUPED}|\d{{1,9}}")


def as_count(text: str) -> int | None:
    """A count of pieces as written ("100", "1.000", "1 000"); a decimal ("1,85", the weight
    after "VE kg=") is no count."""
    return to_int(text) if _WHOLE_COUNT.fullmatch(text.strip()) else None


def count_follows_pack(label: str, pack: re.Match[str]) -> bool:
    """The pack word with its count right after it ("Peso della scatola da 12 penne (netto)",
    "Net weight, box of 12 pens"): a net figure there weighs the pack's counted contents."""
    rest = label[pack.end() :].lstrip()
    cm = _COUNT.match(rest)
    return cm is not None and cm["a"] is not None and not _MASS_AFTER.match(rest, cm.end())


PACK_HINT = re.compile(
    "|".join(
        [
            *("ve", "inhalt", "content", "per", "pro", "je", "qty", "unit", "contenu", "contenido"),
            *("conteúdo", "inhoud", "zawartość", "innehåll", "入数", "入り数", "装箱数"),
            *V.PACK_NOUNS,
        ]
    ),
    re.IGNORECASE,
)


_PACKS_PER = re.compile(
    rf"(?:ve|{'|'.join(V.PACK_NOUNS)})\s{{0,2}}(?:je|per|pro|por|par|/)\s{{0,2}}[^\W\d_]",
    re.IGNORECASE,
)


_DIMENSION_AFTER = re.compile(r"\s{0,2}[x×*]\s{0,2}\d")
_PRICE = re.compile(r"pre(?:is|cio|ço|zzo)|prix|price|cost|kosten|eur|usd|€|\$", re.IGNORECASE)


def pack_count(lines: Sequence[Line]) -> int | None:
    """A pack count stated anywhere ("VE 100 Stück", "pack_quantity: 1000", "100 pcs/bag")."""
    return next(_pack_counts(lines), None)


def pack_counts(lines: Sequence[Line]) -> frozenset[int]:
    """Every line's pack count: several when a document lists packs of several articles
    ("Karton à 50 Stück" of one disc, "Karton à 25 Stück" of another)."""
    return frozenset(_pack_counts(lines))


def _pack_counts(lines: Sequence[Line]) -> Iterator[int]:
    """The first pack count of each line that states one."""
    for line in lines:
        if DIGITS.isdisjoint(line.text) or not PACK_HINT.search(line.text):
            continue
        if ALTERNATIVE.search(line.text):
            continue  # "carton de 50 (série 62) ou 30 (série 63)": no one count
        for m in DOC_COUNT.finditer(line.text.replace("_", " ")):
            if m["per"] and _PRICE.search(line.text[max(0, m.start() - 30) : m.start()]):
                continue  # "Price per box: 12": money, not pieces
            if _PACKS_PER.match(line.text.replace("_", " "), m.start()):
                continue  # "VE je Karton: 10": packs per carton, not pieces per pack
            if _DIMENSION_AFTER.match(line.text, m.end()):
                continue  # "Bolsas de vacío 200 x 300 mm": the pack's size, not its count
            n = as_count(m["n"] or m["m"])
            if n and n >= 2:
                yield n
                break


def named_pack_count(lines: Sequence[Line], name: str) -> int | None:
    """The pack count of the row that names the article's code when rows state different
    counts ("BN-3208: VE (Stk.)=1000", "BN-4010: VE (Stk.)=500" for a "… (BN-4010)"): the
    first count of the document would be another article's. None when no row names it."""
    codes = models(name)
    if not codes:
        return None
    counts: set[int] = set()
    for line in lines:
        if DIGITS.isdisjoint(line.text) or not PACK_HINT.search(line.text):
            continue
        if not codes & models(line.text[:60]) or ALTERNATIVE.search(line.text):
            continue
        if V.WEIGHT_WORDS.search(line.text):
            continue  # the row's weights ("Gewicht je VE=0.41 | VE je Karton=10"), not its pack
        for m in DOC_COUNT.finditer(line.text.replace("_", " ")):
            n = to_int(m["n"] or m["m"])
            if n and n >= 2:
                counts.add(n)
                break
    return counts.pop() if len(counts) == 1 else None


# "Count | 1000 tips", "Stückzahl: 100 Stück", "Número de piezas: 100 piezas": a field whose whole
# value counts pieces; a bare "Count: 60" may count anything (threads, another product's
# sheets), and an order's "Quantity" or "Menge" counts what is ordered, not what a pack holds
_COUNT_FIELD = re.compile(
    r"^\W{0,3}(?:count|piece\s+count|pieces|number\s+of\s+pieces|stückzahl|nombre\s+de\s+pièces"
    r"|pièces|número\s+de\s+piezas|piezas|unidades|numero\s+di\s+pezzi|pezzi|aantal\s+stuks"
    r"|stuks|liczba\s+sztuk|sztuk|počet\s+kusů|kusů|antal\s+st|styck|kpl|kappalemäärä|adet"
    r"|darab|bucăți|штук|入数)"
    rf"\s{{0,2}}(?:[:=|]\s{{0,2}}){{1,2}}(?P<n>{GROUPED}|\d{{1,7}})\s{{0,2}}(?P<w>[^\W\d_]{{2,}}\.?)"
    r"\s{0,2}$",
    re.IGNORECASE,
)
_PIECE_WORD = re.compile(rf"(?:{PIECES})\.?", re.IGNORECASE)


def count_field(lines: Sequence[Line], name_low: str) -> int | None:
    """The one count a field of its own states in pieces or in the article's noun ("Count |
    1000 tips" of a "Pipette tip …"): what a pack weight of the page is for. None when fields
    disagree, or the name counts as many pieces (then the article is the pack)."""
    nouns = [w for w in tokens_of(name_low) if len(w) >= 3 and w.isalpha()]
    counts: set[int] = set()
    for line in lines:
        if (m := _COUNT_FIELD.match(line.text)) is None:
            continue
        word = m["w"].lower()
        piece = _PIECE_WORD.fullmatch(word) is not None
        if piece or any(word.startswith(w) and len(word) - len(w) <= 2 for w in nouns):
            counts.add(whole(m["n"]))
    if len(counts) != 1 or (n := counts.pop()) < 2:
        return None
    named = any(whole(m["n"] or m["c"]) == n for m in _NAME_COUNT.finditer(name_low))
    return None if named else n


# "pack of 500", "500 pcs", "Packung mit 200": a count the name states ("200 mm" is none)
_NAME_COUNT = re.compile(
    rf"(?<![^\W\d_])(?:of|à|a|mit|with|zu|de|da|van|z|con|com|med|x)\s{{0,2}}(?P<n>{GROUPED}|\d{{1,7}})"
    rf"(?![\d.,]\d|\s{{0,2}}(?:mm|cm|m|kg|g|l|ml|in)(?![^\W\d_]))"
    rf"|(?<![\d.,'])(?P<c>{GROUPED}|\d{{1,7}})\s{{0,2}}(?:{PIECES})(?![^\W\d_])",
    re.IGNORECASE,
)


_PACK_NOUN_ALT = "|".join(sorted(V.PACK_NOUNS, key=len, reverse=True))
# "480 g per box of 100", "1,25 kg / VE 25 Stück", "2 kg par boîte de 50", "por caja de 100":
# a pack and its count right after a figure: the figure weighs the pack
_PACK_AFTER = re.compile(
    rf"^\s{{0,2}}(?:/|per|pro|je|for|pour|par|por|para|a)\s{{0,2}}"
    rf"(?:(?:a|one|une?|ein(?:e|en)?|1)\s{{1,2}})?(?:{_PACK_NOUN_ALT})(?:e?s|n)?(?![^\W\d_])"
    rf"\s{{0,2}}[(:]?\s{{0,2}}(?:(?:{'|'.join(V.PACK_PREPOSITIONS)})\s{{1,2}})?"
    rf"(?P<n>{PER_N})(?P<p>\s{{0,2}}(?:{PIECES})(?![^\W\d_]))?",
    re.IGNORECASE,
)


def pack_after(after: str) -> int | None:
    """The count of the pack a figure is said to weigh right after it ("480 g per box of 100",
    "1,25 kg / VE 25 Stück"); None for a pack of a mass ("per bag of 25 kg") or no count."""
    m = _PACK_AFTER.match(after)
    if m is None or _MASS_AFTER.match(after, m.end()):
        return None
    n = as_count(m["n"].rstrip(".,'"))
    return n if n is not None and n >= 2 else None


# the count right after a pack word: "Pakkaus: 25 kpl", "csomag 25 db kést", "Pack of 25",
# "Case (10 boxes of 100)"; the word after the count says what it counts
_PACK_WORD_COUNT = re.compile(
    rf"\W{{0,3}}(?:(?P<prep>{'|'.join(V.PACK_PREPOSITIONS)})\s{{1,2}})?(?P<n>{PER_N})"
    r"(?:\s{0,2}(?P<w>[^\W\d_]+\.?))?",
    re.IGNORECASE,
)
_PIECE_ONLY = re.compile(rf"(?:{PIECES})\.?", re.IGNORECASE)
# piece words only in lower case: Hungarian "db" (darab), never the decibel "dB"
_CASED_PIECES = frozenset(["db", "db."])
_CLAUSE_SEP = re.compile(r"[,;，；]")


def count_after_pack(text: str, pack_end: int, name: Named) -> int | None:
    """The pieces the pack word ending at `pack_end` is said to hold: a count after "of",
    "mit", "de" ("Pack of 25"), or a count of pieces or of the name's noun ("Pakkaus: 25 kpl",
    "A csomag 25 db kést" of a "kés"). None for a pack's mass or size ("Rolle 25 m", "Sack
    25 kg"), a count the name states itself, or fewer than two."""
    m = _PACK_WORD_COUNT.match(text, pack_end)
    if m is None or (n := as_count(m["n"].rstrip(".,'"))) is None or n < 2:
        return None
    word = (m["w"] or "").lower()
    if _MASS_AFTER.match(text, m.end("n")) or _DIMENSION_AFTER.match(text, m.end("n")):
        return None
    counted = (
        (m["prep"] is not None and not word)
        or _PIECE_ONLY.fullmatch(word) is not None
        or m["w"] in _CASED_PIECES
        or _is_noun_of(word.rstrip("."), name)
    )
    if not counted or f"#{n}" in name.numbers or pack_n(name.low) == n:
        return None
    return n


def _is_noun_of(word: str, name: Named) -> bool:
    """`word` is a noun of the name or its plural or inflection ("kést" of "kés", "knives"
    is not read: an irregular plural needs a piece word)."""
    return len(word) >= 3 and any(
        _fold(word).startswith(_fold(w)) and len(word) - len(w) <= 2
        for w in name.words
        if len(w) >= 3 and w.isalpha()
    )


def pack_counted_before(before: str, name: Named) -> int | None:
    """The count of a pack in the clause right before a weight's own clause ("Pakkaus: 25 kpl,
    paino 2,25 kg", "A csomag 25 db kést tartalmaz, nettó 0,9 kg", "Box of 50; net 2 kg"): the
    weight is the pack's. None when the weight's clause says more than a weight word, or no
    pack word in the clause before counts pieces."""
    seps = list(_CLAUSE_SEP.finditer(before))
    if not seps:
        return None
    rest = before[seps[-1].end() :]
    if len(rest) > 40 or not DIGITS.isdisjoint(rest):
        return None
    if not (V.WEIGHT_WORDS.search(rest) or V.NET_WORDS.search(rest)):
        return None
    start = seps[-2].end() if len(seps) > 1 else 0
    clause = before[start : seps[-1].start()]
    if V.GROSS_WORDS.search(rest) or V.GROSS_WORDS.search(clause):
        return None
    found = {
        n for p in V.PACK_WORDS.finditer(clause) if (n := count_after_pack(clause, p.end(), name))
    }
    return found.pop() if len(found) == 1 else None
