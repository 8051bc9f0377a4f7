"""The state a weight is stated for: with or without something, filled or dry.

A product weighed in two states ("Weight (filled) 18.2 kg / Weight (dry, without acid)
13.9 kg", "Gewicht ohne Öl / Gesamtgewicht mit Öl", "actuator weight / weight mounted on the
valve") has one weight per state; the article name says which state is sold ("supplied
filled", "ohne Ölfüllung", "without valve"). A label whose state contradicts the name's is
another variant's weight; a label that states nothing, or the name's state, is left alone.
A state is a topic with a sign: the thing after "with"/"without" (its first content words),
or the fill of a container or battery ("filled", "dry", "with acid", "ohne Öl").
"""

from __future__ import annotations

import re

from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS

__all__ = ["other_state"]

# a "with" or "without" phrase: the thing after it is there, or is not
_SIGNED = re.compile(
    rf"(?<![^\W\d_])(?:(?P<with>{V.STATE_WITH_WORDS})|(?P<without>{V.STATE_WITHOUT_WORDS}))"
    r"(?![^\W\d_])(?P<rest>[^,;:()|=\n]{0,40})",
    re.IGNORECASE,
)
# filled / dry, as one word: the fill's state whatever the contents
_FILLED = re.compile(rf"(?<![^\W\d_])(?:{V.STATE_FILLED_WORDS})(?![^\W\d_])", re.IGNORECASE)
_DRY = re.compile(rf"(?<![^\W\d_])(?:{V.STATE_DRY_WORDS})(?![^\W\d_])", re.IGNORECASE)
# contents whose presence is the fill's state: "with acid", "ohne Ölfüllung", "sans huile"
_CONTENTS = re.compile(rf"(?:{V.FILL_CONTENTS_STARTS})\w*")
_STOP = V.STATE_FILLER_WORDS
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e", "á": "a", "ó": "o"})


def _fold(word: str) -> str:
    """A word compared across spellings: "Säure" and "Saeure", "Öl" and "Oel"."""
    w = word.lower().replace("ae", "a").replace("oe", "o").replace("ue", "u")
    return w.translate(_FOLD)


def _states(text: str) -> dict[str, set[bool]]:
    """topic → the signs `text` gives it (True: with / filled)."""
    text = text.replace("_", " ")
    out: dict[str, set[bool]] = {}
    for m in _SIGNED.finditer(text):
        words = [
            _fold(w) for w in re.findall(r"[^\W\d_]{2,}", m["rest"]) if w.lower() not in _STOP
        ][:2]
        for w in words:
            topic = "fill" if _CONTENTS.fullmatch(w) else w[:4]
            out.setdefault(topic, set()).add(m["with"] is not None)
    if _FILLED.search(text):
        out.setdefault("fill", set()).add(True)
    if _DRY.search(text):
        out.setdefault("fill", set()).add(False)
    return out


def other_state(label: str, name: str) -> str:
    """The label's state word when the article name states the opposite for the same topic
    ("Gesamtgewicht mit Öl" of a transformer "ohne Ölfüllung"); empty otherwise. A weight
    "without X" of an article "with X" is not another variant's but a part of the article's
    (the rest may be weighed apart and summed), so only a fill or an added thing counts."""
    named = {t: s for t, s in _states(name).items() if len(s) == 1}
    if not named:
        return ""
    for topic, signs in _states(label).items():
        if len(signs) != 1 or topic not in named or signs == named[topic]:
            continue
        if topic == "fill" or True in signs:
            return f"{'with' if True in signs else 'without'} {topic}"
    return ""


def named_state_words(label: str, name: str) -> set[str]:
    """The words of the label's "with"/"without" phrases whose state the name states alike
    ("avec acide" of a battery "livrée remplie"): they say which state, not whose weight."""
    named = _states(name)
    out: set[str] = set()
    for m in _SIGNED.finditer(label.replace("_", " ")):
        words = re.findall(r"[^\W\d_]{2,}", m["rest"].lower())
        signs = _states(m.group())
        if any(named.get(t) == s for t, s in signs.items()):
            out.update(words)
    return out


def is_state_word(word: str) -> bool:
    """ "wet", "dry", "filled": the state a weight is of ("Wet weight"), not another object."""
    return bool(_FILLED.fullmatch(word) or _DRY.fullmatch(word))
