"""A weight of a set or pair when the article is one of its pieces.

A shop or catalogue sells legs "per set of 4" and rails "1組(2本)" (a pair), and states the
weight of the set ("Gewicht per set | 1,2 kg", "質量 (1組)"); the article name asks for one
piece ("één poot", "1本"). `set_word` finds the set or pair a weight label names when the
name does not say the article is that set; `set_count` reads how many pieces the document
says the set holds ("set van 4", "1組(2本)", "pair" = 2). The weight rules divide by that
count, or report no piece weight when the document does not state it once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.analyzers.offline import counts as C  # noqa: N812 - piece counts, read as C.fn
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.offline.vocabulary import split_words

__all__ = ["is_a_set", "one_piece_name", "set_count", "set_word", "set_word_after"]


# A set or a pair, in every language of the corpus (a pair holds two unless it says), or a lot
_PAIRS = V.PAIR_WORDS
_SETS = V.SOLD_SET_WORDS
_LOTS = V.LOT_WORDS
# Spanish and Portuguese "par" is a pair only after an article or "por" ("Peso por par", "el
# par", "do par"): French "par" is "per" ("Poids par pièce")
_IBERIAN_PAIR = "par"
_IBERIAN_PAIR_AFTER = split_words("por del el un cada o um do al")
_WORD = re.compile(
    "|".join(
        [
            V.literal_pattern([*_PAIRS, *_SETS, *_LOTS]),
            "(?:"
            + "|".join(rf"(?<=(?<![^\W\d_]){w}\s)" for w in _IBERIAN_PAIR_AFTER)
            + rf"){_IBERIAN_PAIR}(?![^\W\d_])",
        ]
    ),
    re.IGNORECASE,
)
# "set van 4", "set of 4 pcs", "sada 2 ks", "1組(2本)", "Satz mit 6", "lote de 5.000 unidades"
_AFTER = re.compile(
    r"^\s{0,2}(?:[(（]\s{0,2}|(?:van|of|de|di|da|mit|med|met|z|av|à|a|con|com|with|aus|ze)\s{1,2})?"
    r"(?P<n>\d{1,3}(?:[.,' ]\d{3})+|\d{1,6})(?![\d.,]\d)",
    re.IGNORECASE,
)
# "4er-Set", "4-piece set", "6-teiliger Satz" (a count before the word without one counts sets)
_BEFORE = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,3})\s{0,2}-?\s{0,2}(?:er|piece|pieces|pcs|teilig\w*|delig\w*|częściowy)"
    r"[-\s]{0,2}$",
    re.IGNORECASE,
)


# "(1 par)", and the Polish "(1 para)": one pair, in words _WORD cannot read alone (Spanish
# "para" is "for", French "par" is "per")
_ONE_IBERIAN_PAIR = re.compile(rf"(?:{_IBERIAN_PAIR}|para)(?![^\W\d_])")


# A name that says its article is one piece of a set: "(one lever, from a set of 3)",
# "(einzeln)", "(ét filter)", "（1本）"; the set it names is then where the piece comes from
_ONE_PIECE_NAME = re.compile(
    r"[(（]\s{0,2}(?:(?:one|single|einzeln\w*|einzelstück|ein|eine|ét|et|én|ett|un|une|uno|una"
    r"|um|uma|één|jeden|jedna|jedno|1)(?![^\W\d_])|1\s?[本個枚つ件只个片])",
    re.IGNORECASE,
)
# "22 g pro Paar", "40 g per set": the set or pair right after a figure ("0.35 kg/套" is the
# slash rules', which know a unit the article is sold in); an article alone says "per" the way
# a price does ("310 g la paire", "das Paar", "el par", "il paio", "a pair")
_PER_WORD_AFTER = re.compile(
    r"^\s{0,2}(?:(?:per|pro|je|par|por|pour|para|för|pr\.)\s{1,2}"
    r"(?:(?:the|a|one|la|le|el|il|un|une|una|ein|eine|einen|1)\s{1,2})?"
    r"|(?:the|a|la|le|el|il|lo|das|der|die|o|het|de)\s{1,2})(?P<w>[^\W\d_]+)",
    re.IGNORECASE,
)


# "Borrsats … 19 delar", "Bohrersatz 19-tlg.", "19-piece set", "coffret 19 pièces": a name that
# counts the parts it is made of is the whole set
_PARTS_COUNTED = re.compile(
    r"(?<![\d.,])\d{1,3}\s{0,2}-?\s{0,2}(?:delar|dele|deler|delig\w*|delt|onderdelen|teilig\w*|tlg"
    r"|teile|piece|pieces|pièces|pezzi|piezas|peças|części|częściowy|dílů|dílný|dílná|dielny"
    r"|osaa|osainen|parça|részes|предмет\w*|件套|点セット)(?![^\W\d_])",
    re.IGNORECASE,
)
# "Bohrersatz", "Borrsats", "Bitsatz": a compound that ends in a set word (four letters or more)
_SET_COMPOUND = re.compile(
    rf"[^\W\d_]{{3,}}(?:{'|'.join(map(re.escape, V.SET_COMPOUND_ENDS))})(?![^\W\d_])",
    re.IGNORECASE,
)


def is_a_set(name_low: str) -> bool:
    """The name says the article is a whole set ("Socket set 1/2 in", "Jeu de tournevis",
    "Bohrersatz 19-tlg."), not one piece of one."""
    if one_piece_name(name_low):
        return False
    return names_set(name_low) or any(m.group().lower() in _SETS for m in _WORD.finditer(name_low))


def one_piece_name(name_low: str) -> bool:
    """The name says its article is one piece ("(1 Stück)", "(one roll)", "(einzeln)")."""
    return _ONE_PIECE_NAME.search(name_low) is not None


def names_set(name_low: str) -> bool:
    """The name says the article is a whole set: a compound set word, or a count of its
    parts ("Borrsats HSS 19 delar"); a set's weight is then the article's."""
    return bool(_SET_COMPOUND.search(name_low) or _PARTS_COUNTED.search(name_low))


def set_word(label: str, name_low: str) -> str | None:
    """The set or pair a weight label names ("Gewicht per set", "質量 (1組)"), None when the
    label names none or the article name says the article is that set or pair (a name that
    says it is one piece of the set names the set it comes from, not itself)."""
    m = _WORD.search(label)
    if m is None:
        return None
    word = m.group().lower()
    one = _ONE_PIECE_NAME.search(name_low)
    rest = name_low[one.end() :].lstrip() if one else ""
    if one is not None and (_WORD.match(rest) or _ONE_IBERIAN_PAIR.match(rest)):
        return None  # "(1 Paar)", "(one pair)", "(1 par)", "(1 para)": the set is the article
    if one is None and (
        _WORD.search(name_low) or word in name_low or (word in _SETS and names_set(name_low))
    ):
        return None
    return word


def set_word_after(after: str, name_low: str) -> str | None:
    """The set or pair the words right after a figure weigh it per ("22 g pro Paar"), read as
    a label's set word is."""
    m = _PER_WORD_AFTER.match(after)
    if m is None or _WORD.fullmatch(m["w"]) is None:
        return None
    return set_word(m["w"], name_low)


def set_count(word: str, lines: Iterable[str]) -> int | None:
    """How many pieces the document says a set or pair (`word`) holds: the one count stated
    right after or before the word ("set van 4", "1組(2本)", "4er-Set"); two for a pair that
    states none; None for no count or several."""
    counts: set[int] = set()
    for text in lines:
        low = text.lower()
        start = 0
        while (i := low.find(word, start)) >= 0:
            start = i + len(word)
            after = low[start : start + 30]
            if (m := _AFTER.match(after)) or (m := _BEFORE.search(low[max(0, i - 12) : i])):
                n = C.whole(m["n"])
                if n >= 2:
                    counts.add(n)
    if not counts and (word in _PAIRS or word == _IBERIAN_PAIR):
        return 2
    return counts.pop() if len(counts) == 1 else None
