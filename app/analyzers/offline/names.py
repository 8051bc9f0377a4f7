"""The article name as the weight rules compare it with a row, a heading or a figure's line.

A variant table's row names its article by a designation ("DN50", "M8x40", "KH-25-3G25"), a
size ("12X20"), a number or the words of a description, and a figure may say what it includes
("with battery", "ohne Akku", "不含电池"). `Name.of` reads all of these from the article name
once; `idents`, `models`, `scope_keys` and `dimension_keys` read the same keys from a row, so
that both sides are compared token for token. The `*_conflict` readers tell a line that names
another variant than the name's: another size, article code, count or scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.analyzers.offline import others as O  # noqa: N812 - other objects, read as O.fn
from app.analyzers.offline import vocabulary as V  # noqa: N812 - the vocabulary, read as V.WORDS
from app.analyzers.offline._text import TOKEN, tokens_of

MODEL = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+){1,4}(?:\.[0-9a-z]+)?")  # "mp-al.128" too


_NOT_IDENT = re.compile(
    r"^\d+(?:x\d+)+$|^\d+(?:mm|cm|m|kg|g|v|a|w|kw|hz|khz|mhz|mah|ah|bar|psi|lb|lbs|oz|s|ms|pcs|nm|n)$"
)


_SIZE = re.compile(r"^(?:dn|nps|nw|pn|m|g|r|size|gr)(\d{1,4})$")


STOP = frozenset(
    [
        "with",
        "without",
        "and",
        "the",
        "for",
        "per",
        "incl",
        "excl",
        "approx",
        "about",
        "mit",
        "ohne",
        "und",
        "der",
        "die",
        "das",
        "avec",
        "sans",
        "con",
        "senza",
        "sin",
        "weight",
        "gewicht",
        "net",
        "gross",
    ]
)


def idents(text: str) -> set[str]:
    """Model-like tokens (letters and digits: DN50, M8, RC20, KS4430) and "#n" numbers."""
    out: set[str] = set()
    low = text.lower()
    # "MX-12", "PX-DR12": a hyphenated designation is one model, and its parts are too
    models = [
        "".join(parts)
        for m in MODEL.finditer(low)
        if not ((parts := re.split(r"[-.]", m.group()))[0].isdigit() and parts[-1].isalpha())
    ]  # but "1-stage", "3-way" are counts
    for tok in [*TOKEN.findall(low), *models]:
        digit, alpha = any(c.isdigit() for c in tok), any(c.isalpha() for c in tok)
        if digit and alpha and not _NOT_IDENT.match(tok):
            out.add(tok)
    return out


_SCOPE = re.compile(
    rf"(?P<neg>{V.WITHOUT_WORDS}|不含)|(?P<pos>{V.WITH_WORDS}|含)",
    re.IGNORECASE,
)


def models(text: str) -> set[str]:
    """Hyphenated designations of a text, compact: "KH-25-3G25" -> "kh253g25"."""
    return {
        m.group().replace("-", "").replace(".", "")
        for m in MODEL.finditer(text.lower())
        if any(c.isdigit() for c in m.group()) and any(c.isalpha() for c in m.group())
    }


def family(model: str) -> str:
    """The letters a designation starts with ("kh" of "kh253g25"), when there are two or more."""
    m = re.match(r"[a-z]{2,}", model)
    return m.group() if m else ""


def scope_keys(text: str) -> set[str]:
    """What a figure includes or leaves out: "with battery" -> +battery, "without" -> -battery."""
    out: set[str] = set()
    for m in _SCOPE.finditer(text):
        following = [
            t for t in tokens_of(text[m.end() : m.end() + 40]) if t.isalpha() and len(t) >= 3
        ]
        thing = next(
            (
                t
                for t in following
                if t not in STOP and not t.startswith("ah") and t not in O.SCOPE_FILLER
            ),
            None,
        )
        if thing:
            out.add(("-" if m["neg"] else "+") + thing)
            out |= _joined_things(text[m.end() : m.end() + 60], thing, "-" if m["neg"] else "+")
    if not text.isascii():
        for m in _CJK_SCOPE.finditer(text):
            thing = m["neg"] or m["pos"] or m["neg2"] or m["pos2"]
            sign = "-" if (m["neg"] or m["neg2"]) else "+"
            out.add(sign + (thing[-1] if _KANJI.fullmatch(thing) else thing))
    return out | O.scope_words(text, scope_thing)


def scope_thing(text: str) -> str | None:
    """The part a text after "with"/"without" starts with ("2.0 Ah battery": battery)."""
    return next(
        (
            t
            for t in tokens_of(text)
            if t.isalpha()
            and len(t) >= 3
            and t not in STOP
            and not t.startswith("ah")
            and t not in O.SCOPE_FILLER
        ),
        None,
    )


# "蓋を除く" (without the lid), "木蓋付き" (with a wooden lid), "不含电池", "含电池": a kanji
# compound is named by its last character ("木蓋" is a lid)
_KANJI = re.compile(r"[\u4e00-\u9fff]+")


_CJK_SCOPE = re.compile(
    r"(?P<neg>[\u4e00-\u9fff\u30a0-\u30ff]{1,4})を?除く"
    r"|(?P<pos>[\u4e00-\u9fff\u30a0-\u30ff]{1,4})付き?"
    r"|不含(?P<neg2>[\u4e00-\u9fff]{1,4})"
    r"|(?<!不)[含带](?P<pos2>[\u4e00-\u9fff]{1,4})"
)


_AND = frozenset(["and", "und", "et", "e", "y", "en", "och", "og", "i", "a"])


def _joined_things(text: str, first: str, sign: str) -> set[str]:
    """The things joined to the first by "and" ("avec enrouleur et accessoires": the
    accessories too), each a scope key of the same sign."""
    tokens = tokens_of(text)
    out: set[str] = set()
    if first not in tokens:
        return out
    k = tokens.index(first) + 1
    while k + 1 < len(tokens) and tokens[k] in _AND:
        thing = tokens[k + 1]
        if not thing.isalpha() or len(thing) < 3 or thing in STOP:
            break
        out.add(sign + thing)
        k += 2
    return out


def words(text: str) -> set[str]:
    return {t for t in tokens_of(text) if t.isalpha() and len(t) >= 3 and t not in STOP}


@dataclass(frozen=True, slots=True)
class Name:
    """The keys an article name is compared by, read once per document."""

    idents: frozenset[str]
    numbers: frozenset[str]
    words: frozenset[str]
    compact: str
    low: str
    models: frozenset[str] = frozenset()  # hyphenated designations, compact ("kh253g25")

    @classmethod
    def of(cls, name: str) -> Name:
        low = name.lower()
        keys = set(idents(low))
        for tok in list(keys):  # "m8x40" also names "m8"
            keys.update(p for p in re.split(r"(?<=\d)x(?=\d)", tok) if p)
        keys |= dimension_keys(low)  # "12X20" names a size row, "12X30" another
        nums = {f"#{t}" for t in tokens_of(low) if t.isdigit()}
        # sizes written as a prefix and a number name a row by its number: DN80, NPS4, M10
        nums |= {f"#{m.group(1)}" for t in keys if (m := _SIZE.match(t))}
        scope = scope_keys(low)
        if re.search(r"\bsolo\b|\bbare\b|\bbody only\b|\bnur gerät\b", low):
            scope |= {"-battery", "-akku", "-batteries"}
        return cls(
            frozenset(keys),
            frozenset(nums),
            frozenset(words(low) | scope),
            "".join(tokens_of(low)),
            low,
            frozenset(models(low)),
        )

    def matches(self, keys: Iterable[str]) -> bool:
        return self.overlap(keys) > 0

    def overlap(self, keys: Iterable[str]) -> int:
        """How many of a mention's variant keys the name names (0: none, or a scope conflict)."""
        keys = set(keys)
        scoped = {k for k in keys if k[:1] in "+-"}
        for key in scoped:  # "with battery" against a name that says "without battery"
            opposite = ("-" if key[0] == "+" else "+") + key[1:]
            if opposite in self.words:
                return 0
        count = 0
        for key in [k for k in keys if k[:1] == "!"]:
            # a row's own article code: the same code names the article; a sibling code of the
            # same family ("KH-40-…" beside the name's "KH-25-…") names another article,
            # whatever its description shares with the name
            if key[1:] in self.models:
                count += 2
            elif family(key[1:]) and any(family(m) == family(key[1:]) for m in self.models):
                return 0
        for key in keys:
            if key[:1] == "!":
                continue
            if key in self.idents or key in self.numbers or key in self.words:
                count += 1
                continue
            model = len(key) >= 4 and not key.startswith("#") and any(c.isdigit() for c in key)
            if model and key in self.compact:
                count += 1
        return count

    @property
    def designated(self) -> bool:
        """The name carries a designation (a model code, a size): variants can be told apart."""
        return bool(self.idents)


_DIMENSION_TOKEN = re.compile(r"(?<![\d.,])\d{1,4}(?:x\d{1,4}){1,2}(?!\w|[.,]\d)", re.IGNORECASE)


_DIMENSION_GAP = re.compile(r"(?<=\d)\s{0,2}[x×]\s{0,2}(?=\d)", re.IGNORECASE)


def dimension_keys(text: str) -> set[str]:
    """Sizes written as "12x20", "40 x 40 x 4" or "M12 x 50" in a name or a row description."""
    joined = _DIMENSION_GAP.sub("x", text)
    return {"=" + m.group().lower() for m in _DIMENSION_TOKEN.finditer(joined)}


# "30x30x1,5", "42,4 x 2,0": a size in a row's description, decimals too
_ROW_SIZE = re.compile(
    r"(?<![\d.,])\d{1,4}(?:[.,]\d{1,2})?(?:x\d{1,4}(?:[.,]\d{1,2})?){1,3}(?![\w.,])", re.IGNORECASE
)


def row_sizes(text: str) -> set[str]:
    """The sizes a row's description gives ("30x30x1,5 mm" as "=30x30x1.5"), as size keys."""
    joined = _DIMENSION_GAP.sub("x", text.lower())
    return {"=" + m.group().replace(",", ".") for m in _ROW_SIZE.finditer(joined)}


def sizes_conflict(text: str, name: Name) -> str:
    """A size `text` gives when the name gives sizes too and none of the text's is one of them
    (or starts one: "40x40" of a name's "40x40x2"); empty otherwise."""
    named = row_sizes(name.low) | {k for k in name.idents if k[:1] == "="}
    sizes = row_sizes(text)
    if not named or not sizes:
        return ""
    for size in sizes:
        if any(n.startswith(size) or size.startswith(n) for n in named):
            return ""
    return sorted(sizes)[0][1:]


# ------------------------------------------------------------------ another variant than the name's

_COUNTED_WORD = re.compile(r"(?<![\d.,x×])(\d{1,3})\s?-?\s?([^\W\d_]{4,})")


def count_conflict(quote: str, name: Name) -> str:
    """A count of a thing the name counts too, with another number, in what the figure's line
    names before its weight label ("4 Stufen" where the name says "6 Stufen", "8 channels"
    for "12 channels"): the line is about another variant. Empty otherwise."""
    counted: dict[str, set[str]] = {}
    for m in _COUNTED_WORD.finditer(name.low):
        counted.setdefault(m.group(2), set()).add(m.group(1))
    if not counted:
        return ""
    low = quote.lower()
    if label := V.WEIGHT_WORDS.search(low):
        low = low[: label.start()]
    for m in _COUNTED_WORD.finditer(low):
        own = counted.get(m.group(2))
        if own and m.group(1) not in own:
            return m.group()
    return ""


_SIZED = re.compile(r"(?<![0-9a-z\u00df-\u024f])([a-z]{1,3})(\d{1,4})(?![0-9a-z\u00df-\u024f])")


def designation_conflict(quote: str, name: Name) -> str:
    """A designation in the figure's line of the same kind as the name's but another value:
    "P30" or "DN40" where the name says "P35" or "DN65", an article code "KL-40" where the
    name's is "KL-45". The line is about another size or another article."""
    low = quote.lower()
    if label := V.WEIGHT_WORDS.search(low):
        low = low[: label.start()]  # what the line names before its weight label
    sized: dict[str, set[str]] = {}
    for m in _SIZED.finditer(name.low):
        sized.setdefault(m.group(1), set()).add(m.group(2))
    for m in _SIZED.finditer(low):
        own = sized.get(m.group(1))
        if own and m.group(2) not in own and not any(f"{m.group(1)}{n}" in low for n in own):
            return f"the line names {m.group()} where the name says {m.group(1)}{min(own)}"
    shapes = {_shape(m.group()): m.group() for m in MODEL.finditer(name.low)}
    for m in MODEL.finditer(low):
        code, shape = m.group(), _shape(m.group())
        if shape and shape in shapes and code not in name.low:
            return f"the line names another article code ({code}, the name's is {shapes[shape]})"
        if (sibling := _sibling_code(code, name)) and code not in name.low:
            return f"the line names another article code ({code}, the name's is {sibling})"
    return ""


def _sibling_code(code: str, name: Name) -> str:
    """The name's code of the same series as `code` ("ips-12-04-pno-2m" for "ips-12-04-pno-
    m12"): as many segments, all but the last the same. Empty for none."""
    parts = code.split("-")
    if len(parts) < 4 or not parts[0].isalpha():
        return ""
    for m in MODEL.finditer(name.low):
        own = m.group().split("-")
        if len(own) == len(parts) and own[:-1] == parts[:-1] and own[-1] != parts[-1]:
            return m.group()
    return ""


def _shape(code: str) -> str:
    """The coding scheme of a designation: "kl-40" and "mx-45" are both "aa-99", "ab-12-300"
    is "aa-99-999" (a code that starts with its letters; "4-polig" has no scheme)."""
    if not code[:1].isalpha() or not any(c.isdigit() for c in code):
        return ""
    return re.sub(r"[a-z\u00df-\u024f]", "a", re.sub(r"\d", "9", code))


def scope_conflict(keys: Iterable[str], name: Name) -> str:
    """A scope key ("-motore") whose opposite the name states ("con motore"), else empty."""
    for key in keys:
        if key[:1] in "+-" and ("-" if key[0] == "+" else "+") + key[1:] in name.words:
            return key
    return ""


def size_conflict(keys: Iterable[str], name: Name) -> str:
    """A size key of a row ("=100x20") when the name states sizes and none of the row's is
    one of them (or starts one: "40x40" of a name's "40x40x4"); empty otherwise."""
    named = [k for k in name.idents if k[:1] == "="]
    sizes = [k for k in keys if k[:1] == "="]
    if not named or not sizes:
        return ""
    for size in sizes:
        if any(n.startswith(size) or size.startswith(n) for n in named):
            return ""
    return sizes[0][1:]


def is_designation(key: str) -> bool:
    """A model or size key ("rp080pfg", "m12"), not a number, a word or a scope key."""
    return key[:1] not in "#+-" and any(c.isdigit() for c in key) and any(c.isalpha() for c in key)


# "1 1/4"" is one size, not a "1" and a "1/4"; a glued or spaced code ("HELIO 430", "DN150")
# is one token either way
_MIXED_FRACTION = re.compile(r"(?<![\d/.,])(\d{1,3})[\s-]{1,2}(\d{1,2}/\d{1,2})(?!\d)")
_VARIANT_TOKEN = re.compile(r"[^\W_]+(?:[.,/+][^\W_]+)*")
_SPACED_CODE = re.compile(
    r"(?<![^\W_])([^\W\d_]{1,6})[ -](\d{1,5}(?:[.,/]\d{1,3})?)(?![^\W_]|[.,/]\d)"
)


# "talla M", "Größe: XL", "size 2XL": a letter size after a size word; the letters alone are
# too short to name a variant, the pair names one ("size=m")
_LETTER_SIZE = re.compile(
    r"(?<![^\W\d_])(?:size|sizes|talla|tallas|taille|größe|grösse|groesse|gr\.|taglia|tamanho"
    r"|maat|rozmiar|velikost|storlek|størrelse|koko|beden|méret|mărime|μέγεθος|размер)"
    r"\s{0,2}[:=]?\s{0,2}(?P<s>[2-5]?x{0,3}[sl]|m)(?![^\W\d_])",
    re.IGNORECASE,
)


def letter_sizes(text: str) -> frozenset[str]:
    """The letter sizes a text names ("talla M" -> "size=m"), read apart from its scope words
    ("sin polvo talla M": the size is no part of what the name leaves out)."""
    return frozenset(f"size={m['s'].lower()}" for m in _LETTER_SIZE.finditer(text))


def variant_tokens(text: str, *, figure: float | None = None) -> frozenset[str]:
    """The tokens a row, record or column names its variant by, written alike in a name and a
    row: decimal commas as points, inch marks off, mixed fractions whole ("1+1/4"), a letter
    code and the number after it also joined ("helio430"), sizes as "=500x500x10". A number
    equal to the row's own figure (`figure`, in the row's unit or in grams) is not a key."""
    low = _MIXED_FRACTION.sub(r"\1+\2", text.lower())
    tokens = [t.replace(",", ".") for t in _VARIANT_TOKEN.findall(low)]
    # a word of one or two letters ("a", "de") names nothing; a code's letters do, joined
    out = {t for t in tokens if t not in STOP and not (t.isalpha() and len(t) < 3)}
    out |= {(m[1] + m[2]).replace(",", ".") for m in _SPACED_CODE.finditer(low)}
    out |= dimension_keys(low)
    out |= letter_sizes(low)
    if figure is not None:
        out = {t for t in out if not _is_figure(t, figure)}
    return frozenset(out)


# "mit Handhebel", "without brake, IP55", "con valigetta": what the name includes or leaves
# out runs to the next comma or bracket; "6 kg", "2 x 20 kg": a mass the name states
_SCOPE_CLAUSE = re.compile(
    rf"\b(?:{V.WITHOUT_WORDS}|{V.WITH_WORDS}|com|sem)\b[^,;()\[\]]{{0,60}}",
    re.IGNORECASE,
)
_MASS_IN_NAME = re.compile(r"\d+(?:[.,]\d+)?\s?(?:kg|g|lbs?|oz)\b", re.IGNORECASE)


def without_scope(name: str) -> str:
    """The name without what it says it includes or leaves out, and without a mass it
    states: neither names a row of a variant table (a row's own figure is not its key)."""
    return _MASS_IN_NAME.sub(" ", _SCOPE_CLAUSE.sub(" ", name))


def _is_figure(token: str, grams: float) -> bool:
    try:
        value = float(token)
    except ValueError:
        return False
    return any(abs(value * f - grams) < 1e-6 * max(grams, 1.0) for f in (1.0, 1000.0, 1e6))


def pick_variant(groups: list[list[frozenset[str]]], name_tokens: frozenset[str]) -> int | None:
    """Which of rival values the name names, each value read in one or more rows of one table
    (its rows, an export's records, its columns): a row counts the name's tokens that tell the
    rows apart (in this row, not in every row), a value its best row. The one value that counts
    most wins if its row holds every such token of the name (a row without the name's "25" of
    "PN 25", where other rows have it, is not the name's); else the choice stays open."""
    rows = [row for group in groups for row in group]
    if len(groups) < 2 or not all(groups):
        return None
    common = frozenset.intersection(*rows)
    telling = (frozenset.union(*rows) - common) & name_tokens
    counts = [max(len(row & telling) for row in group) for group in groups]
    top = max(counts)
    if top == 0 or counts.count(top) > 1 or top < len(telling):
        return None
    return counts.index(top)
