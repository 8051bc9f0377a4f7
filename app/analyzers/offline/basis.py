"""What one mass figure is the mass of when its label names a basis other than the article.

"Masa 1 mb", "Vægt pr. m": the weight of one metre; "Peso per elemento", "Gewicht je Glied":
the weight of one element of a radiator or a chain the article is a block of. Such a figure
is the article's weight only times the count or length the article name states, and never
when the name states none. A pack word the document counts as the pack's pieces ("Caja de 12
rollos", "Rollen je Karton | 6") weighs one of them: dividing its weight by that count again
would report a twelfth of a roll. Every helper answers False or None when unsure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS

if TYPE_CHECKING:
    from app.analyzers.offline._text import Line

__all__ = [
    "capped",
    "counts_pieces",
    "element_count",
    "grade_letter",
    "key_rate",
    "name_compound",
    "own_number",
    "pair_word_of_name",
    "per_element",
    "per_unit_length",
    "reel_with_length",
    "single_of_pair",
]

# the words that put a figure per one of something: "per", "je", "pr.", "på", "na", "/"
_PER = (
    r"(?:per|pro|je|pr\.?|por|par|pour|au|al|ogni|each|på|pà|na|za|ανά|на|за|başına|kohti"
    r"|/)"
)
# one running metre in the languages of the corpus: "m", "mb" (metr bieżący), "lfm", "lm"
_METRE = (
    r"(?:1\s{0,2})?(?:lfd\.?\s{0,2}|laufende[nr]?\s{1,2}|lopende\s{1,2}|løbende\s{1,2}"
    r"|løpende\s{1,2}|bieżący\s{1,2})?"
    r"(?:m|mb|mb\.|lfm|lm|mtr\.?|meter|metre|metro|mètre|metr|metru|metri|metrin|metre"
    r"|metr[oa]|löpmeter|løbemeter|bm|метр|метра|μέτρο)"
)
_PER_LENGTH = re.compile(
    rf"(?<![^\W\d_]){_PER}\s{{0,2}}{_METRE}(?![^\W\d_²³2-9])"
    rf"|(?<![^\W\d_.,])1\s{{0,2}}(?:mb|lfm|lm|mtr|meter|metre|metro|mètre|metr)(?![^\W\d_²³])",
    re.IGNORECASE,
)


def per_unit_length(label: str) -> bool:
    """The label says the figure weighs one metre ("Masa 1 mb", "Vægt pr. m", "Peso al
    metro lineare", "Gewicht je lfm")."""
    return _PER_LENGTH.search(label) is not None


# an element, section, rib or link of an article built of several equal ones
_ELEMENT = (
    r"(?:elements?|elemento|elementi|élément|éléments|elemente?n?|elementu|elementów|elementy"
    r"|glied|gliedes|glieder[n]?|section|sections|sección|secciones|sezione|sezioni|sektion"
    r"|sektioner|sektie|secties|seção|seções|rippe|rippen|člen|článek|článků|žebro|żeberko"
    r"|żeberka|członu?|członów|segments?|segmento|segmenti|dilim|dilimi|секци[яи]|секций"
    r"|στοιχείο|στοιχεία|섹션)"
)
_PER_ELEMENT = re.compile(
    rf"(?<![^\W\d_]){_PER}\s{{0,2}}(?:one\s+|ein(?:e[mn]?)?\s+|un\s+|una\s+|jeden\s+)?"
    rf"{_ELEMENT}(?![^\W\d_])"
    r"|(?<![^\W\d_])(?:glied|element|sektions?|rippen|segment)gewicht(?![^\W\d_])",
    re.IGNORECASE,
)
_COUNT_ELEMENTS = re.compile(
    rf"(?<![\d.,])(?P<n>\d{{1,3}})\s{{0,2}}-?\s{{0,2}}{_ELEMENT}(?![^\W\d_])"
    rf"|(?<![\d.,])(?P<g>\d{{1,3}})\s{{0,2}}-\s{{0,2}}(?:gliedrig|teilig|elementig)"
    rf"|(?<![^\W\d_]){_ELEMENT}\s{{0,2}}[:=]\s{{0,2}}(?P<m>\d{{1,3}})(?![\d.,])",
    re.IGNORECASE,
)


# "单片重量" of a "10片组": one section of a group the name counts ("单片" alone is also one
# piece of a pack, so it is an element only beside such a count)
_CJK_PER_ELEMENT = re.compile(r"单片|單片|每片|单节|單節|每节")
_CJK_ELEMENTS = re.compile(r"(?<![\d.,])(?P<n>\d{1,3})\s?(?:片|节|節|柱)\s?(?:/\s?)?(?:组|組)")


def per_element(label: str, name_low: str = "") -> bool:
    """The label says the figure weighs one element ("Peso per elemento", "Gewicht je
    Glied", "weight per section", "单片重量" of a "10片组")."""
    if _PER_ELEMENT.search(label) is not None:
        return True
    return _CJK_PER_ELEMENT.search(label) is not None and _CJK_ELEMENTS.search(name_low) is not None


def element_count(name: str) -> int | None:
    """The count of elements the article name states ("batteria da 8 elementi", "Block mit
    8 Gliedern", "10-gliedrig"); None for none, for one, or for two different counts."""
    found = {int(m["n"] or m["g"] or m["m"]) for m in _COUNT_ELEMENTS.finditer(name)}
    found |= {int(m["n"]) for m in _CJK_ELEMENTS.finditer(name)}
    if len(found) != 1:
        return None
    n = found.pop()
    return n if n >= 2 else None


def _stem(word: str) -> str:
    low = word.lower()
    return re.escape(low[:4] if len(low) >= 4 else low)


# what is priced or weighed per a pack word, not counted in it
_NOT_COUNTED = re.compile(
    r"(?:price|preis|prix|prezzo|precio|preço|prijs|pris|cena|cost|kosten|€|eur|usd|mass|masa"
    r"|weight|gewicht|poids|peso|vægt|vikt|vekt|waga|hmotnost|paino|súly|ağırlık|greutate)",
    re.IGNORECASE,
)
_PER_WORD = r"(?:je|per|pro|por|par|pour|in|im|w|i|na|pr\.?|/)"


def _holds_pieces(lines: Sequence[Line], stem: str) -> bool:
    """The document counts other things in the pack word ("Resmas por caja", "500 sheets per
    box", "Rollo de 750 etiquetas"): it is a container of pieces. A weight or a price per
    it ("Weight per roll") counts nothing."""
    holds = re.compile(
        rf"(?P<y>[^\W\d_]{{2,20}})\s{{1,2}}{_PER_WORD}\s{{0,2}}{stem}[^\W\d_]{{0,3}}(?![^\W\d_])"
        rf"|(?<![^\W\d_]){stem}[^\W\d_]{{0,3}}\s{{1,2}}(?:of|de|da|di|mit|with|à|con|z|van|med)"
        rf"\s{{1,2}}\d{{1,5}}\s{{1,2}}[^\W\d_]{{2,}}",
        re.IGNORECASE,
    )
    for line in lines:
        for m in holds.finditer(line.text):
            y = m["y"]
            if y is None or not (V.WEIGHT_WORDS.search(y) or _NOT_COUNTED.search(y)):
                return True
    return False


def counts_pieces(lines: Sequence[Line], word: str, n: int | None, name_low: str) -> bool:
    """The document counts `n` of the pack word `word` as the pieces of a pack ("Caja de 12
    rollos", "36 rolls per carton", "Rollen je Karton | 6"): a weight of one `word` is then
    one piece's, not a pack's to divide by `n`. With no count (`n` None) any count of them
    as the pieces of a pack ("36 rolls per carton", "Carton | 8 rolls"). Never when the name
    itself counts them ("pack of 8 rolls": the article is the pack)."""
    stem = _stem(word)
    if re.search(rf"(?<![\d.,])\d{{1,5}}\s{{0,2}}{stem}", name_low):
        return False
    if _holds_pieces(lines, stem) and not re.search(rf"{stem}", name_low):
        return False  # "Resmas por caja | 5": a caja holds the pieces, unless it is the article
    if n is None:
        counted = re.compile(
            rf"(?<![\d.,])\d{{1,5}}\s{{1,2}}{stem}[^\W\d_]{{0,3}}\s{{1,2}}(?:je|per|pro|por|par"
            rf"|pour|in|im|w|i|na|pr\.?|/)\s{{0,2}}[^\W\d_]{{2,14}}"
            rf"|[^\W\d_]{{3,}}\s{{0,2}}(?:[|:]|of|de|da|di|mit|with|à|con|z|van|med)\s{{0,3}}"
            rf"\d{{1,5}}\s{{1,2}}{stem}[^\W\d_]{{0,3}}(?![^\W\d_])",
            re.IGNORECASE,
        )
        return any(counted.search(line.text) for line in lines)
    counted = re.compile(
        rf"(?<![\d.,]){n}\s{{1,2}}{stem}[^\W\d_]{{0,3}}(?![^\W\d_])"
        rf"|(?<![^\W\d_]){stem}[^\W\d_]{{0,3}}\s{{1,2}}(?:je|per|pro|por|par|pour|in|im|w|i|na"
        rf"|pr\.?|/)\s{{0,2}}[^\W\d_]{{2,14}}\s{{0,3}}[|:=]\s{{0,3}}{n}(?![\d.,])",
        re.IGNORECASE,
    )
    return any(str(n) in line.text and counted.search(line.text) for line in lines)


def own_number(lines: Sequence[Line], n: int, grams: float) -> bool:
    """The count read is the figure's own number ("Weight per roll:155 g" read as 155
    pieces): the figure weighs `n` g or kg and the document writes `n` nowhere but with a
    mass unit ("Pack of 10: 10 kg" states the count apart)."""
    if not any(abs(grams / f - n) < 1e-6 for f in (1.0, 1000.0)):
        return False
    written = re.compile(rf"(?<![\d.,]){n}(?![\d]|[.,]\d)(?P<unit>\s{{0,2}}(?:g|kg)(?![^\W\d_]))?")
    found = [m["unit"] is not None for line in lines for m in written.finditer(line.text)]
    return bool(found) and all(found)


def made_of(name_low: str, word: str) -> bool:
    """The name says `word` as the material the article is made of ("Gobelet en carton",
    "Becher aus Karton", "Vaso de cartón"), not as the pack the article is."""
    low = word.lower()
    if low not in V.MATERIAL_PACK_WORDS:
        return False
    pattern = rf"(?<![^\W\d_])(?:{V.MADE_OF})\s+{re.escape(low)}(?![^\W\d_])"
    return re.search(pattern, name_low) is not None


def name_compound(name_low: str, word: str) -> bool:
    """The name ends a compound with the pack word ("Faltschachtel", "Handrolle" for
    "Schachtel", "Rolle"): the article is one such pack, its weight the article's."""
    low = word.lower()
    if len(low) < 5:
        return False
    return re.search(rf"[^\W\d_]{{3,}}{re.escape(low)}(?![^\W\d_])", name_low) is not None


# "max. 15 kg", "up to 12 kg", "bis zu 8 kg", "höchstens 20 kg": a limit's figure
_CAP = re.compile(
    r"(?<![^\W\d_])(?:max|maximum|maximal|maxi|máx|maks|макс|höchstens|bis\s+zu|up\s+to"
    r"|jusqu'à|jusqu’à|fino\s+a|hasta|até|tot|do|upp\s+till|op\s+til|enintään|en\s+fazla"
    r"|legfeljebb|μέγιστο|至多|最大|최대)\.?\s{0,3}(?:ca\.?\s{0,2})?"
    r"(?P<v>\d{1,6}(?:[.,]\d{1,3})?)\s{0,2}(?P<u>kg|g|t)(?![^\W\d_])",
    re.IGNORECASE,
)
_UNIT_G = {"g": 1.0, "kg": 1000.0, "t": 1_000_000.0}


def capped(text: str, grams: float) -> bool:
    """The figure is stated as a maximum in `text` ("max. 15 kg je Karton"): a limit is never
    a weight to divide by a pack count."""
    for m in _CAP.finditer(text):
        for comma in (True, False):
            raw = m["v"].replace(",", ".") if comma else m["v"].replace(",", "")
            try:
                value = float(raw) * _UNIT_G[m["u"].lower()]
            except ValueError:
                continue
            if abs(value - grams) <= 1e-6 * max(grams, 1.0):
                return True
    return False


# the unit an export key ends with: "masse_kg_m2", "poids_g_m", "weight_kg_per_m", "kg_km"
_KEY_RATE = re.compile(
    r"(?<![^\W\d_])(?:kg|g)[_ ](?:per[_ ]|pro[_ ]|je[_ ])?(?P<u>m2|m²|sqm|qm|m|lfm|mtr|km)"
    r"(?![^\W_])",
    re.IGNORECASE,
)


def key_rate(label: str) -> str:
    """The rate an export key's unit names: "m2" for a weight per square metre ("masse_kg_m2"),
    "m" per metre ("masse_lineique_kg_m"), "km" per kilometre; empty for none or two."""
    found = set()
    for m in _KEY_RATE.finditer(label):
        u = m["u"].lower()
        found.add("m2" if u in ("m2", "m²", "sqm", "qm") else "km" if u == "km" else "m")
    return found.pop() if len(found) == 1 else ""


# an article sold as a pair: "(Paar)", "1 pair", "paire", "un paio", "ett par", "1 пара"
_PAIR_NAME = re.compile(
    r"(?<![^\W\d_])(?:pairs?|paar|paire|paio|paia|pareja|parzysty|çift|párů?|pary|пара|ζεύγος"
    r"|coppia|coppie|pari|pereche)"
    r"(?![^\W\d_])|(?:\(\s{0,2}|(?<![^\W\d_])(?:1|un|ett|et|jeden|um|uno)\s{1,2})(?:par|pár)"
    r"(?![^\W\d_])|双|一対|켤레",
    re.IGNORECASE,
)
# the figure weighs one of the pair: "(Einzelschuh)", "single shoe", "per piece of the pair"
_SINGLE = re.compile(
    r"(?<![^\W\d_])(?:single|einzel[^\W\d_]{0,12}|individual|singol[oa]|seule?|unitaire"
    r"|enkel[^\W\d_]{0,10}|enkelt[^\W\d_]{0,10}|pojedyncz[^\W\d_]{0,6}|jednotliv[^\W\d_]{0,6}"
    r"|tek\s+\w+|singur[^\W\d_]{0,4}|одиночн[^\W\d_]{0,4}|μονό|one\s+(?:shoe|boot|glove|sock"
    r"|piece)|per\s+(?:shoe|boot|glove|sock|piece)|je\s+(?:schuh|stiefel|handschuh|stück))"
    r"(?![^\W\d_])|单只|片方|한\s?짝",
    re.IGNORECASE,
)


# A word that is a pair and a torque too: Italian "coppia" ("Peso coppia", "Coppia max.")

_PAIR_OR_TORQUE = re.compile(r"(?<![^\W\d_])(?:coppia|coppie)(?![^\W\d_])", re.IGNORECASE)


def pair_word_of_name(label: str, name_low: str) -> bool:
    """The label's torque word is the pair the name says the article is ("Peso coppia
    completa" of a "Coppia di maniglie"): a weight, not a torque."""
    return any(
        re.search(rf"(?<![^\W\d_]){m.group().lower()}(?![^\W\d_])", name_low)
        for m in _PAIR_OR_TORQUE.finditer(label)
    )


def single_of_pair(label: str, after: str, name_low: str) -> bool:
    """The article is a pair and the figure weighs one of it ("Gewicht: 265 g (Einzelschuh)"
    of a shoe "(Paar)"): the pair weighs twice the figure."""
    if _PAIR_NAME.search(name_low) is None:
        return False
    bracket = after.lstrip()
    said = bracket[: bracket.find(")") + 1] if bracket.startswith("(") else ""
    return _SINGLE.search(f"{label} {said}") is not None


# a grade, class or quality the letters after it name ("Güte G 6,3", "balance grade G 2.5")
_GRADE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:[^\W\d_]*güte|gütestufe|grade|quality|class|klasse|classe|qualité|qualità"
    r"|calidad|clase|qualidade|classe|kwaliteit|klasse|jakość|klasa|třída|jakost|sınıf|kalite"
    r"|osztály|minőség|clasa|calitate|класс|качество|κατηγορία|ποιότητα|laatu|luokka|kvalitet"
    r"|等级|等級|品質|등급)\s{0,2}$",
    re.IGNORECASE,
)


def grade_letter(text: str, start: int, unit: str) -> bool:
    """An upper-case "G" after a grade word is the grade's letter, not grams ("Wuchtgüte
    G 6,3", "balance quality grade G 2.5")."""
    return unit == "G" and _GRADE_BEFORE.search(text[max(0, start - 24) : start]) is not None


# a reel or drum sold with the cable or hose it carries: "Kabeltrommel 50 m", "hose reel"
_REEL_NAME = re.compile(
    r"[^\W\d_]{3,}(?:trommel|haspel|aufroller|trumma|tromle|vinda|haspel|kela|buben|dob)"
    r"(?![^\W\d_])|(?<![^\W\d_])(?:cable|hose|cord)\s{1,2}(?:reel|drum)s?(?![^\W\d_])"
    r"|(?<![^\W\d_])(?:enrouleur|avvolgicavo|avvolgitubo|enrollacables|enrollador|carrete"
    r"|zwijacz|bęben\s+(?:na\s+)?kabl|kablo\s+makaras|tambur\s+de\s+cablu)",
    re.IGNORECASE,
)


def reel_with_length(name_low: str) -> bool:
    """The article is a reel or drum with the length it carries ("Kabeltrommel 50 m", "cable
    reel 25 m"): a weight per metre times that length weighs the cable, not the reel."""
    return _REEL_NAME.search(name_low) is not None
