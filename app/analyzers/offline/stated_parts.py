"""Weights of parts that add up to a whole stated beside them: the parts are components.

A data sheet of a set or an assembly often weighs each part and then the whole, every figure
with its own unit ("Cubo 640 g / Escurridor 170 g / Asa 40 g / Conjunto completo 850 g",
"Waga stelaża 13,5 kg / Waga przycisku 0,7 kg / Waga zestawu 14,2 kg", "Gewicht deksel 38 kg /
Totaalgewicht (deksel + raam) 54 kg"). Every one of them is labelled as a weight, so they all
look like the article's. What tells the whole from its parts, whoever wrote the list, is
arithmetic: one figure of a table equals the sum of every other weight in it, and it is the
first or the last of them. The arithmetic alone is not enough (a variant table's "S 1.0 kg,
M 1.5 kg, L 2.5 kg" adds up too): the whole's row must also say it is the whole (a total, a
set, a complete article: `V.WHOLE_WORDS`) or name the article better than any part's row does.
Then the parts' weights, wherever else the document repeats them, are components.

(parts_total.py reads a list whose total row has no unit of its own, from the rows' column.)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Protocol

from app.analyzers.base import WeightBasis
from app.analyzers.offline import set_counts as S  # noqa: N812 - sets and pairs of pieces
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS


class Mention(Protocol):
    """What this module reads and sets of a weight's mention (`weights.Mention`, which imports
    this module: a protocol keeps the analyzers free of import cycles)."""

    stated_grams: float
    basis: WeightBasis
    score: float
    quote: str
    location: str
    source: str
    reason: str
    label: str


# the weights of things a table may list beside each other (not a pack, a load, a process)
_MEMBERS = frozenset(
    {
        WeightBasis.NET,
        WeightBasis.UNSPECIFIED,
        WeightBasis.COMPONENT,
        WeightBasis.OTHER_VARIANT,
    }
)
_AGREE = 0.01  # parts rounded to their last digit still add up to the whole within this
_MIN_PARTS = 2
_MAX_PARTS = 5
_CLOSER = 0.001  # a rival sum must be this much (of the whole) further off than the best
_MAX_VALUES = 24  # more weights than this in one document: too many sums by chance
_WORD = re.compile(r"[^\W\d_]{3,}")
_LEAVES_OUT = re.compile(rf"(?<![^\W\d_])(?:{V.WITHOUT_WORDS})(?![^\W\d_])|不含", re.IGNORECASE)


def _name_share(text: str, words: Sequence[str]) -> float:
    low = text.casefold()
    return sum(w in low for w in words) / len(words) if words else 0.0


def _distinct(values: Sequence[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or abs(v - out[-1]) > 1e-6 * v:
            out.append(v)
    return out


def _summands(total: float, values: Sequence[float]) -> tuple[float, ...] | None:
    """The set of distinct values (two to `_MAX_PARTS`) that adds up to `total`: the only one,
    or one far closer than any other ("406.2 + 4.9 + 0.9" of 412, not "406.2 + 4.9")."""
    found: list[tuple[float, tuple[float, ...]]] = []
    for k in range(_MIN_PARTS, min(_MAX_PARTS, len(values)) + 1):
        for combo in itertools.combinations(values, k):
            if (error := abs(sum(combo) - total)) <= _AGREE * total:
                found.append((error, combo))
    found.sort()
    if not found or (len(found) > 1 and found[1][0] <= _CLOSER * total + 4 * found[0][0]):
        return None
    return found[0][1]


def _may_be_whole(whole: Mention, name_words: Sequence[str]) -> bool:
    """The row says it is the whole or names the article: looked at before any sum is tried."""
    return bool(
        V.WHOLE_WORDS.search(whole.quote)
        or V.WHOLE_WORDS.search(whole.label)
        or _name_share(whole.quote, name_words) >= 0.5
    )


def _no_part_names_article(
    whole: Mention, parts: Sequence[Mention], name_words: Sequence[str]
) -> bool:
    """No part's row names the article as well as the whole's ("Tapa de recambio (sin marco) |
    38,5" of a cover "sin marco": the article is a part)."""
    share = _name_share(whole.quote, name_words)
    return not any(_name_share(p.quote, name_words) >= max(0.5, share) for p in parts)


def parts_of_wholes(mentions: Sequence[Mention], eligible: Sequence[Mention], name: str) -> None:
    """Read as components the eligible weights that are parts of a whole stated beside them."""
    if _LEAVES_OUT.search(name):
        return  # "Seat frame, without cushions": the article is a part of what the list sums
    name_words = sorted(set(_WORD.findall(name.casefold())))
    members = [m for m in mentions if m.basis in _MEMBERS and m.stated_grams > 0]
    for whole in sorted(eligible, key=lambda m: -m.stated_grams):
        if whole.basis not in (WeightBasis.NET, WeightBasis.UNSPECIFIED):
            continue
        if not _may_be_whole(whole, name_words):
            continue  # no row that says it is the whole: no sums to try
        total = whole.stated_grams
        beside = [
            m for m in members if m.source == whole.source and m.stated_grams < total * (1 - _AGREE)
        ]
        values = _distinct([m.stated_grams for m in beside])
        if len(values) > _MAX_VALUES or (combo := _summands(total, values)) is None:
            continue
        parts = [m for m in beside if any(abs(m.stated_grams - v) <= 1e-6 * v for v in combo)]
        if not any(p.location == whole.location for p in parts):
            continue  # the parts are listed with the whole, not somewhere else in the document
        if not _no_part_names_article(whole, parts, name_words):
            continue
        sums = " + ".join(f"{v:g}" for v in combo)
        for m in parts:
            if m in eligible and m.basis != WeightBasis.DERIVED:
                m.basis, m.score = WeightBasis.COMPONENT, 0.0
                m.reason = (
                    f"{m.reason}; a part of the whole stated beside it "
                    f"({whole.quote[:40]}: {sums} = {total:g} g)"
                )
        return


def members_of_the_set(mentions: Sequence[Mention], eligible: Sequence[Mention], name: str) -> None:
    """Read as components the weights of single pieces listed beside the weight of the set.

    A set's sheet weighs the set ("Weight of set incl. case: 4.82 kg", `set.weight_g`) and a
    few of its pieces ("Ratchet | 0.52 kg", "Socket 19 mm | 0.07 kg"): a sample, so they add up
    to nothing `parts_of_wholes` could check. When the name says the article is the set, the
    one weight whose label names the set (or the whole) is the article's, and the smaller
    weights beside it whose labels do not, together lighter than the set, are its pieces.
    """
    if not S.is_a_set(name.casefold()):
        return
    name_words = sorted(set(_WORD.findall(name.casefold())))
    for source in {m.source for m in eligible}:
        here = [
            m
            for m in eligible
            if m.source == source
            and m.basis in (WeightBasis.NET, WeightBasis.UNSPECIFIED)
            and m.stated_grams > 0
        ]
        wholes = [m for m in here if V.WHOLE_WORDS.search(m.label)]
        if len(_distinct([m.stated_grams for m in wholes])) != 1:
            continue  # no set weight, or sets of several sizes
        whole = wholes[0]
        total = whole.stated_grams
        parts = [m for m in here if m not in wholes]
        if not parts or any(m.stated_grams >= total * (1 - _AGREE) for m in parts):
            continue
        if sum(_distinct([m.stated_grams for m in parts])) >= total:
            continue  # pieces heavier together than the set: not a sample of its pieces
        if any(V.WHOLE_WORDS.search(m.quote) for m in parts):
            continue
        if not _no_part_names_article(whole, parts, name_words):
            continue
        for m in parts:
            m.basis, m.score = WeightBasis.COMPONENT, 0.0
            m.reason = f"{m.reason}; one piece of the set weighed beside it ({whole.quote[:40]})"
