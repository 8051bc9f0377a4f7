"""Reading the rules' own regex sources, so that a scan can skip text no rule can match.

Machinery only: the words stay in the vocabulary modules; what is derived here from their
patterns (the literal text every match starts with) only decides where a scan may begin.
"""

from __future__ import annotations

_SPECIAL = frozenset("\\.^$*+?{}[]()|")
_OPTIONAL = frozenset("?*{")


def top_level_alternatives(pattern: str) -> list[str]:
    """Split a pattern at its top-level "|" (outside groups and character classes)."""
    out: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def literal_head(alternative: str) -> str:
    """The literal text every match of a case-sensitive `alternative` starts with ("" when
    it starts with a class, a group or an escape): `\\bpcba?\\b` gives "pcb"."""
    while alternative.startswith("\\b"):
        alternative = alternative[2:]
    head = ""
    for i, ch in enumerate(alternative):
        if ch in _SPECIAL:
            if ch in _OPTIONAL:
                head = head[:-1]  # "a?": the character before may be absent
            break
        head = alternative[: i + 1]
    return head


def literal_heads(pattern: str) -> tuple[str, ...] | None:
    """The literal heads of a pattern's top-level alternatives; None when one has none (then
    any position may start a match)."""
    heads = tuple(literal_head(alt) for alt in top_level_alternatives(pattern))
    return None if any(not h for h in heads) else heads


def first_start(text: str, heads: tuple[str, ...] | None) -> int:
    """Where the first match can start at the earliest: the first occurrence of any head (-1:
    none, so no match anywhere). Without heads, 0."""
    if heads is None:
        return 0
    found = [i for h in heads if (i := text.find(h)) >= 0]
    return min(found) if found else -1
