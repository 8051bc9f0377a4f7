"""A PDF table's header labels put on the columns its data rows establish.

Long header labels are often printed edge to edge (or overlapping, when centred labels are
wider than their columns), so the gap rule that cuts a row into cells joins them into one cell
("Kopfkreis-Ø (mm)Naben-Ø (mm)"), and a label wrapped over two lines ("Gewicht" / "(kg)") or
centred beside wrapped ones lands on a row of its own. The data rows below say where the
columns are: their cells' x ranges. Each header row is cut, between words or where one label
runs into the next, into pieces that each sit on one column (centred, left- or right-aligned
with it), and the rows of one header are joined column by column, so "Gewicht (kg)" heads the
column it heads on paper. A row whose pieces do not all sit on a column (a caption, a group
header over several columns, a prose line) is left as it is: a wrong header is worse than a
glued one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol


class _RunLike(Protocol):
    left: float
    bottom: float
    right: float
    top: float
    text: str
    lefts: list[float]
    rights: list[float]

    @property
    def height(self) -> float: ...

    @property
    def middle(self) -> float: ...


Row = Sequence[_RunLike]

_MAX_TOKENS = 64  # words of one header row; a longer row is prose, and the search stays cheap
_MAX_COLUMNS = 32
_MAX_HEADER_ROWS = 4
_FIT = 0.25  # how far (a share of the column pitch) a label may sit from its column
_NUMBER = re.compile(r"[\d\s.,:;/x×*+\-–±~%]+")
_SENTENCE = re.compile(r"\w{4,}[.!?](?:\s+[A-ZÀ-Ý]|$)|[\d)][.!?]$|:$")


def _spans(row: Row) -> list[tuple[float, float]]:
    """The row's cells as x ranges, cut as the page layout cuts them into " | " cells."""
    spans: list[tuple[float, float]] = []
    previous: _RunLike | None = None
    for run in row:
        if previous is None or run.left - previous.right > 1.2 * min(run.height, previous.height):
            spans.append((run.left, run.right))
        else:
            spans[-1] = (spans[-1][0], max(spans[-1][1], run.right))
        previous = run
    return spans


def _cells(row: Row) -> list[str]:
    """The text of each cell `_spans` finds, its runs joined as the page layout joins them."""
    cells: list[str] = []
    previous: _RunLike | None = None
    for run in row:
        if previous is None or run.left - previous.right > 1.2 * min(run.height, previous.height):
            cells.append(run.text)
        elif run.left - previous.right > 0.12 * run.height and not cells[-1].endswith("-"):
            cells[-1] = f"{cells[-1]} {run.text}"
        else:
            cells[-1] += run.text
        previous = run
    return cells


def _has_digit(row: Row) -> bool:
    return any(ch in "0123456789" for run in row for ch in run.text)


def _aligned(columns: list[tuple[float, float]], spans: list[tuple[float, float]]) -> bool:
    """Each cell overlaps its column and neither neighbour."""
    last = len(columns) - 1
    for k, (left, right) in enumerate(spans):
        if not (left <= columns[k][1] and columns[k][0] <= right):
            return False
        if k > 0 and left <= columns[k - 1][1]:
            return False
        if k < last and right >= columns[k + 1][0]:
            return False
    return True


def column_headers(rows: Sequence[Row]) -> dict[int, tuple[int, list[str]]]:
    """Header rows to render on the data rows' columns: first header row → (how many rows the
    header takes, one label a column, "" over a column without one)."""
    out: dict[int, tuple[int, list[str]]] = {}
    spans = [_spans(row) for row in rows]
    i = 0
    while i < len(rows):
        n = len(spans[i])
        if not 3 <= n <= _MAX_COLUMNS or not _has_digit(rows[i]):
            i += 1
            continue
        columns = list(spans[i])
        j = i + 1
        while (
            j < len(rows)
            and len(spans[j]) == n
            and _has_digit(rows[j])
            and _aligned(columns, spans[j])
        ):
            pairs = zip(columns, spans[j], strict=True)
            columns = [(min(a[0], b[0]), max(a[1], b[1])) for a, b in pairs]
            j += 1
        if j - i >= 2 and all(columns[k][1] < columns[k + 1][0] for k in range(n - 1)):
            found = _header(rows, spans, i, columns)
            if found is not None:
                out[i - found[0]] = found
        i = j
    return out


def _header(
    rows: Sequence[Row],
    spans: list[list[tuple[float, float]]],
    first: int,
    columns: list[tuple[float, float]],
) -> tuple[int, list[str]] | None:
    """The header rows right above data row `first`, joined per column; None when there is
    none, nothing to change, or a row that does not sit on the columns."""
    centres = [(a + b) / 2 for a, b in columns]
    pitches = [
        min(
            centres[j] - centres[j - 1] if j else float("inf"),
            centres[j + 1] - centres[j] if j + 1 < len(centres) else float("inf"),
        )
        for j in range(len(centres))
    ]
    low = columns[0][0] - 0.75 * pitches[0]
    high = columns[-1][1] + 1.5 * pitches[-1]  # a left-aligned label outruns its figures
    stack: list[list[tuple[int, str]]] = []
    cut = False  # a row the gap rule cut, or labels that run into each other
    below = rows[first]
    k = first - 1
    while k >= 0 and len(stack) < _MAX_HEADER_ROWS:
        row = rows[k]
        own, under = max(r.height for r in row), max(r.height for r in below)
        height = max(own, under)
        distance = row[0].middle - below[0].middle
        # the first header row may sit a cell's padding above the data; wrapped lines are tight
        # and set in the same type (a caption is further away, or larger)
        if distance > (2.5 if not stack else 1.5) * height:
            break
        if stack and not 0.85 <= own / under <= 1.18:
            break
        text = " ".join(r.text for r in row)
        if _SENTENCE.search(text) or min(r.left for r in row) < low:
            break
        if max(r.right for r in row) > high:
            break
        if k and len(spans[k]) == 1 and _continues(rows[k - 1], row, low, high, centres):
            break  # the last line of a paragraph
        if len(spans[k]) >= len(columns):
            break  # one cell a column already: a row of its own (lines of text side by side)
        found = _pieces(row, columns, centres, pitches)
        if found is None:
            break
        pieces, glued = found
        if any(piece[:1].isdigit() or _NUMBER.fullmatch(piece) for _, piece in pieces):
            break  # a value ("480 mm", "12"): a data row with a cell left empty, not a header
        cut = cut or glued or len(spans[k]) >= 2
        stack.append(pieces)
        below = row
        k -= 1
    if not stack or not cut:
        return None
    if {j for pieces in stack for j, _ in pieces} != set(range(len(columns))):
        return None  # a header labels every column; a row that leaves some bare is something else
    labels = [""] * len(columns)
    for pieces in reversed(stack):
        for j, piece in pieces:
            if not labels[j]:
                labels[j] = piece
            elif labels[j].endswith("-") and piece[:1].islower():
                labels[j] = labels[j][:-1] + piece  # "Ge-" / "wicht"
            else:
                labels[j] = f"{labels[j]} {piece}"
    if len(stack) == 1 and len(stack[0]) == len(spans[first - 1]):
        return None  # the gap rule cut it the same way (a shifted row reads no better)
    return len(stack), labels


def is_header(labels: Sequence[str]) -> bool:
    """Labels rather than a row of values side by side ("Material | cast iron EN-GJS-500-7 |
    Opening | Ø 600 mm"): at most a third of them hold a figure ("d0 (mm)", "Weight (kg)")."""
    return 3 * sum(1 for label in labels if any(ch.isdigit() for ch in label)) <= len(labels)


# What precedes a word: a blank between words, text touching text (two text objects, a
# superscript), a gap wider than a blank but narrower than the layout's cell gap (two runs of
# text), text running into text (the next character starts left of the last one's end, or a
# letter follows a closing parenthesis: two labels), a gap the layout cuts cells at.
_SPACE, _TOUCH, _WIDE, _GLUE, _GAP = 0, 1, 2, 3, 4
# A piece never holds two labels running into each other nor two cells; it is never cut at a
# word space, and at a wider blank or where text touches at a little more than a visible break.
_INSIDE = {_SPACE: 0.0, _TOUCH: 0.0, _WIDE: 0.0, _GLUE: float("inf"), _GAP: float("inf")}
_CUT = {_SPACE: float("inf"), _TOUCH: 0.05, _WIDE: 0.05, _GLUE: 0.0, _GAP: 0.0}
_MAX_WORDS = 6  # of one label on one line; more is a sentence


def _continues(above: Row, row: Row, low: float, high: float, centres: Sequence[float]) -> bool:
    """`row` is the next line of the one-cell line `above`, which runs wider than the table or
    across three of its columns: a paragraph, not a label."""
    if len(_spans(above)) != 1:
        return False
    own, under = max(r.height for r in above), max(r.height for r in row)
    if not 0.85 <= own / under <= 1.18:
        return False  # a title in larger type, not the same paragraph
    height = max(own, under)
    left, right = min(r.left for r in above), max(r.right for r in above)
    wide = left < low or right > high or sum(1 for c in centres if left < c < right) >= 3
    return wide and above[0].middle - row[0].middle <= 1.5 * height


_Token = tuple[float, float, str, str, int]  # left, right, text, joiner before, break before


def _tokens(row: Row) -> list[_Token] | None:
    """The row's words with their x extent; a word is also cut where a label runs into the
    next one (the next character starts left of the previous one's end, or a letter follows a
    closing parenthesis) or may (a capital right after a small letter)."""
    tokens: list[_Token] = []
    previous: _RunLike | None = None
    blanks = sorted(
        (run.lefts[c + 1] - run.rights[c - 1]) / run.height
        for run in row
        if len(run.lefts) == len(run.text)
        for c in range(1, len(run.text) - 1)
        if run.text[c] == " "
    )
    # a blank wider than the line's word spaces may end a label ("(mm)  Spessore")
    wide = 1.3 * min(blanks[len(blanks) // 2], 0.3) if blanks else 0.0
    for run in row:
        text = run.text
        if len(run.lefts) != len(text):
            return None
        joiner = ""
        kind = _GAP
        if previous is not None:
            gap = run.left - previous.right
            if gap <= 1.2 * min(run.height, previous.height):
                kind = _WIDE
                if gap < 0.12 * run.height:
                    kind = _GLUE if gap < -0.2 * run.height else _TOUCH
            joiner = " " if kind == _WIDE and not previous.text.endswith("-") else ""
        start = 0
        cut_kind = _GLUE
        for c in range(1, len(text) + 1):
            if c < len(text):
                ch = text[c]
                if ch != " ":
                    back = run.lefts[c] < run.rights[c - 1] - 0.2 * run.height
                    paren = text[c - 1] == ")" and ch.isalnum()
                    case = text[c - 1].islower() and ch.isupper()  # "RillenzahlWirk…"
                    if not (back or paren or case):
                        continue
                    cut_kind = _GLUE if back or paren else _TOUCH
            if c > start:
                word = text[start:c]
                left, right = min(run.lefts[start:c]), max(run.rights[start:c])
                tokens.append((left, right, word, joiner, kind))
            if c < len(text) and text[c] == " ":
                gap = (
                    (run.lefts[c + 1] - run.rights[c - 1]) / run.height if c + 1 < len(text) else 0
                )
                joiner, kind, start = " ", _WIDE if gap > wide else _SPACE, c + 1
            else:
                joiner, kind, start = "", cut_kind, c
        previous = run
    return tokens if len(tokens) <= _MAX_TOKENS else None


def _pieces(
    row: Row,
    columns: list[tuple[float, float]],
    centres: list[float],
    pitches: list[float],
) -> tuple[list[tuple[int, str]], bool] | None:
    """The row cut into pieces that each sit on one column, in column order (columns may stay
    empty), the cut that puts them closest to their columns; None when no cut fits."""
    tokens = _tokens(row)
    if not tokens:
        return None
    n, t_count = len(columns), len(tokens)
    inf = float("inf")
    # A line with neither a cell gap nor labels running together is one label or prose: it is
    # not cut at all; between the words of one run only where labels run together.
    kinds = {token[4] for token in tokens[1:]}
    cuts = dict(_CUT)
    if _GLUE not in kinds and _GAP not in kinds:
        cuts[_SPACE] = cuts[_TOUCH] = cuts[_WIDE] = inf
    # best[t][j]: cheapest cut of tokens[:t] whose last piece is on column j
    best = [[inf] * n for _ in range(t_count + 1)]
    parent: list[list[tuple[int, int]]] = [[(-1, -1)] * n for _ in range(t_count + 1)]
    # before[j]: cheapest cut of tokens[:t1] whose pieces are all left of column j, its column
    widest = 3 * max(p for p in pitches if p != inf) if n > 1 else inf
    for t1 in range(t_count):
        if t1 == 0:
            before = [(0.0, -1)] * n
        else:
            before, running = [], (inf, -1)
            for j in range(n):
                before.append(running)
                if best[t1][j] < running[0]:
                    running = (best[t1][j], j)
        if before[-1][0] == inf:
            continue
        left, right, words = inf, -inf, 0
        inside = cuts[tokens[t1][4]] if t1 else 0.0
        if inside == inf:
            continue
        for t2 in range(t1 + 1, t_count + 1):
            left = min(left, tokens[t2 - 1][0])
            right = max(right, tokens[t2 - 1][1])
            words += 1 + tokens[t2 - 1][2].count(" ")
            if right - left > widest or words > _MAX_WORDS:
                break
            if t2 - 1 > t1:
                inside += _INSIDE[tokens[t2 - 1][4]]
                if inside == inf:
                    break
            centre = (left + right) / 2
            for j in range(n):
                base, last = before[j]
                if base == inf:
                    continue
                if (j and left <= centres[j - 1]) or (j + 1 < n and right >= centres[j + 1]):
                    continue  # a label over its neighbour
                off = min(
                    abs(centre - centres[j]), abs(left - columns[j][0]), abs(right - columns[j][1])
                )
                if off > _FIT * pitches[j] and (right < columns[j][0] or left > columns[j][1]):
                    continue  # neither aligned with its column nor over its figures
                cost = base + off / pitches[j] + inside
                if cost < best[t2][j]:
                    best[t2][j] = cost
                    parent[t2][j] = (t1, last)
    end = min(range(n), key=lambda j: best[t_count][j])
    if best[t_count][end] == inf:
        return None
    pieces: list[tuple[int, str]] = []
    glued = False
    t, j = t_count, end
    while t > 0:
        t1, last = parent[t][j]
        piece = tokens[t1:t]
        text = piece[0][2] + "".join(f"{w[3]}{w[2]}" for w in piece[1:])
        glued = glued or (t1 > 0 and tokens[t1][4] == _GLUE)  # where labels run into each other
        pieces.append((j, text))
        t, j = t1, last
    pieces.reverse()
    return pieces, glued
