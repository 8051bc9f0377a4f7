"""The parts a document lists the article as made of or sold with, and a weight of one of them.

"In the set: 15 m hose, spray gun, 3 connectors, wall bracket", "Modelo RL-120: perfil de
aluminio de 120 cm, difusor opal y tapas finales" list the article's parts. A weight labelled
with one of those parts ("Hose weight", "Peso perfil de aluminio") is that part's, not the
article's. It still is the article's when the part is what the name names ("Garden hose 15 m"
weighed as "Hose weight"): the part must be no word of the name, or the name must be a set
("Garden hose set …") in which every other word only says what the set is of.

A list counts when a contents word leads it ("Lieferumfang:", "Contenido:", "In the box:") or
a designation of the name does ("RL-120:"), and it has at least `_MIN_ITEMS` items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.analyzers.offline import names as N  # noqa: N812 - the article name, read as N.Name
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.offline._text import tokens_of

__all__ = ["listed_part", "listed_words"]

_MIN_ITEMS = 3
_MAX_ITEM_WORDS = 7  # an item is a noun phrase, not a sentence
_LINES = 80  # a document's description is near its top

# what leads a list of what the article comes with or consists of
_CONTENTS_LEAD = re.compile(
    r"(?<![^\W\d_])(?:in\s+the\s+(?:set|box|kit|pack|package)|contents?|set\s+contents|included"
    r"|includes|scope\s+of\s+(?:delivery|supply)|supplied\s+with|comes\s+with|consists\s+of"
    r"|comprising|lieferumfang|inhalt|set-inhalt|im\s+set|enthält|besteht\s+aus|bestehend\s+aus"
    r"|contenu|inclus|livré\s+avec|comprend|composé\s+de|contenuto|in\s+dotazione|dotazione"
    r"|incluso|comprende|composto\s+da|nel\s+set|contenido|incluye|incluido|compuesto\s+por"
    r"|se\s+compone\s+de|en\s+el\s+set|conteúdo|inclui|incluído|composto\s+por|inhoud"
    r"|inbegrepen|bestaat\s+uit|innehåll|ingår|består\s+av|indhold|består\s+af|zawartość"
    r"|w\s+zestawie|składa\s+się\s+z|obsah|obsahuje|sestává\s+z)(?![^\W\d_])",
    re.IGNORECASE,
)
# items of a list: commas, semicolons, "and" in the languages of the corpus, "+"
_ITEM_SEP = re.compile(r"\s*[,;+]\s*|\s+(?:and|und|et|e|y|i|och|og|en|a|oraz|&)\s+", re.IGNORECASE)
_FIELDS = re.compile(r"[:|\t=]")
# a set whose other words say what it is of ("Garden hose set", "Juego de llaves")
_SET_NOUNS = re.compile(V.literal_pattern(V.NAME_SET_NOUNS), re.IGNORECASE)


def _items(text: str, name: N.Name) -> list[str]:
    """The items of a list the line opens with a contents word or a designation of the name,
    empty when the line is no such list."""
    lead, colon, rest = text.partition(":")
    if not colon:
        m = _CONTENTS_LEAD.search(text)  # "The set includes a hose, a gun and a bracket."
        if m is None:
            return []
        lead, rest = text[: m.end()], text[m.end() :]
    elif not (_CONTENTS_LEAD.search(lead) or N.idents(lead) & name.idents):
        return []
    if _FIELDS.search(rest) or V.WEIGHT_WORDS.search(rest):
        return []  # "SA-40: Deckel: 28 kg | Gesamt: 46 kg": a record's fields, not a list of parts
    items = [i for i in _ITEM_SEP.split(rest.strip().rstrip(".")) if i.strip()]
    if len(items) < _MIN_ITEMS or any(len(i.split()) > _MAX_ITEM_WORDS for i in items):
        return []
    return items


def listed_words(lines: Iterable[str], name: N.Name) -> frozenset[str]:
    """The words of the parts the document lists the article with (lower case, 3+ letters)."""
    out: set[str] = set()
    for n, text in enumerate(lines):
        if n >= _LINES:
            break
        for item in _items(text, name):
            out |= {t for t in tokens_of(item) if t.isalpha() and len(t) >= 3}
    return frozenset(out - N.STOP)


def _same(a: str, b: str) -> bool:
    """One word in two inflections ("hose", "hoses"; "tapa", "tapas")."""
    return a[:5] == b[:5] and abs(len(a) - len(b)) <= 2


def listed_part(part: str, name: N.Name, listed: frozenset[str], name_low: str) -> str:
    """`part` (what a weight's label weighs) when it is one of the listed parts and not the
    article the name names; empty otherwise."""
    if len(part) < 3 or part in N.STOP or part in V.OWN_WEIGHT_WORDS or V.TOTAL_WORDS.search(part):
        return ""  # "Gewicht gesamt", "Eigengewicht": the whole's
    if not any(_same(part, w) for w in listed):
        return ""
    named = [w for w in name.words if w.isalpha() and _same(part, w)]
    if not named:
        return part
    sets = _SET_NOUNS.search(name_low)
    if sets is None or _SET_NOUNS.fullmatch(part):
        return ""  # "Hose weight" of a "Garden hose": the article's own
    return part  # "Hose weight" of a "Garden hose set": one part of the set
