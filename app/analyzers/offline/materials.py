"""Find the article's materials by keyword and designation, and estimate their mass shares.

Rules are ordered most specific first and each match masks its text, so "Edelstahl" is never
also "Stahl", "CuZn39Pb3" never also copper and "Plexiglas" never also glass. Short codes
that are ordinary words elsewhere ("PC" = piece, "PS" = horsepower, "PE" = protective earth,
"C15" = a capacitor) only count next to a material label, a percentage, a glass-fibre suffix,
a blend partner ("PC/ABS") or alone in a table cell. A rule's `unless` words near a match make
it something else: "Keramikbeschichtung" a coating, a "ceramic capacitor" a board's part, an
"epoxy-polyester" powder a paint.

Which material leads: a stated one (a label, a component row, a "label | value" cell, a
table's material column) before one merely named; the body's before a seal's, a lining's or an
accessory's ("mit Aluminium-Ösen" in the name); in a list of articles, the row the name's
article code picks, the other rows' materials dropped; a zinc layer only steel gets
("zincada") names steel when nothing else is named.

Mass shares, in order of preference:
1. a component table (one material and one mass per row, at least two rows; a parts list's
   mass column; where materials are stated, only stated masses) → by grams;
2. an explicit composition ("70 % steel, 30 % PA6") whose percentages sum to ~100 %;
3. an estimate: the main material (first one named under a "Material:" label, else the most
   often named) gets 70 % and the others share 30 %; a single material gets 100 %.
A glass-filled polymer ("PA66 GF30") is split into the polymer and `glass_fibre` (30 %).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from app.analyzers.base import Evidence, MaterialFinding
from app.analyzers.offline._regex import top_level_alternatives
from app.analyzers.offline._text import Line, iter_lines, trim_quote
from app.analyzers.offline.material_words import (
    ACCESSORY,
    CABLE_TYPES,
    CJK_LABELS,
    CJK_UNLESS,
    CJK_WORDS,
    FIBRE_POLYMERS,
    FINISH_METALS,
    FINISH_WORDS,
    FOR_A_COUNTERPART,
    LOOK_AFTER,
    OTHER_VARIANT_AFTER,
    OTHER_VARIANT_BEFORE,
    RULES,
    SEAL_WORDS,
    STEEL_COATINGS,
    STEEL_FORMS,
    TEXTILE_GENERIC,
    Rule,
)
from app.analyzers.offline.vocabulary import Vocabulary
from app.analyzers.quantities import decimal_comma, find_quantities
from app.extraction.document import Section

__all__ = ["find_materials", "find_materials_with_note"]


_LEADING_ZERO_WIDTH = re.compile(r"^(?:\\b|\(\?<?[!=](?:[^()\\]|\\.|\([^()]*\))*\))+")


def _first_chars(alternative: str, ignore_case: bool) -> set[str] | None:
    """Characters a match of `alternative` can start with; None when unsure (any char)."""
    body = _LEADING_ZERO_WIDTH.sub("", alternative)
    if len(body) < 2 or body[1] in "?*{":
        return None
    head = body[0]
    out: set[str] = set()
    if head == "\\" and body[1] == "d":
        return set("0123456789")
    if head == "[" and "]" in body:
        chars = body[1 : body.index("]")]
        if chars.startswith("^") or "\\" in chars:
            return None
        i = 0
        while i < len(chars):
            if i + 2 < len(chars) and chars[i + 1] == "-":
                out.update(chr(c) for c in range(ord(chars[i]), ord(chars[i + 2]) + 1))
                i += 3
            else:
                out.add(chars[i])
                i += 1
    elif head.isalnum():
        out = {head}
    else:
        return None
    return {c for ch in out for c in (ch, ch.lower(), ch.upper())} if ignore_case else out


def _dispatch(
    rules: tuple[Rule, ...],
) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str], dict[str, str]]:
    """One combined regex per first character of a word, alternatives in rule order.

    Trying ~60 rules with ~400 keywords at every word start is what made long documents
    slow; keyed by the word's first character only a handful of alternatives remain. At a
    position the earliest rule that matches wins and consumes its text, which is what keeps
    "Edelstahl" from also being "Stahl".

    Each regex comes with a gate (its source, keyed like the regexes, "" for the wildcard):
    the same alternatives without their groups and without a leading `\\b` (always true at a
    word start). Most word starts match no rule, and the gate says so about twice as fast;
    only where it matches is the grouped regex run.
    """
    entries: list[tuple[set[str] | None, str, str]] = []
    for i, rule in enumerate(rules):
        ignore_case = bool(rule.pattern.flags & re.IGNORECASE)
        flag = "i" if ignore_case else "-i"
        for j, alt in enumerate(top_level_alternatives(rule.pattern.pattern)):
            body = alt.replace("(?P<gf>", f"(?P<gf{i}_{j}>")
            gate = alt.replace("(?P<gf>", "(?:").removeprefix("\\b")
            entries.append(
                (
                    _first_chars(alt, ignore_case),
                    f"(?P<r{i}_{j}>(?{flag}:{body}))",
                    f"(?{flag}:{gate})",
                )
            )
    chars: set[str] = set()
    for first, _, _ in entries:
        chars |= first or set()
    table, gates = {}, {}
    for ch in chars:
        wanted = [(p, g) for first, p, g in entries if first is None or ch in first]
        table[ch] = re.compile("|".join(p for p, _ in wanted))
        gates[ch] = "|".join(g for _, g in wanted)
    wildcard = [(p, g) for first, p, g in entries if first is None]
    gates[""] = "|".join(g for _, g in wildcard)
    return table, re.compile("|".join(p for p, _ in wildcard)), gates


_BY_FIRST_CHAR, _WILDCARD, _GATE_SOURCES = _dispatch(RULES)
_WORD_START = re.compile(r"(?<!\w)\w")


@functools.cache
def _gate(key: str) -> re.Pattern[str]:
    """A gate, compiled on first use (a document meets a few dozen first characters)."""
    return re.compile(_GATE_SOURCES[key])


def _word_matches(text: str) -> Iterator[re.Match[str]]:
    """Rule matches tried at word starts only (every rule begins a word)."""
    pos = 0
    for start in _WORD_START.finditer(text):
        at = start.start()
        if at < pos:
            continue
        key = text[at] if text[at] in _BY_FIRST_CHAR else ""
        if _gate(key).match(text, at) is None:
            continue
        m = _BY_FIRST_CHAR.get(key, _WILDCARD).match(text, at)
        if m is not None and m.end() > m.start():
            pos = m.end()
            yield m


# '"material": "', "Werkstoff=", "matériau : ": right before a key's value ('…, wood, pack of 5 |
# {"material": "HCS"}': the keyed value is the article's, the name's word its use)
_MATERIAL_KEY_BEFORE = re.compile(
    r"(?i)\b(?:material|werkstoff|matériau|matière|matiere|materiale|materiaal|materiał|material"
    r"|malzeme|anyag|materiaali|materiál|материал|υλικό)"
    r"[\"']?\s{0,2}[:=]\s{0,2}[\"']?$"
)
_MATERIAL_LABEL = re.compile(
    r"(?i)\b(?:material\w*|werkstoff\w*|matériau\w*|matière|materiale|materiali|materiaal"
    r"|materiał\w*|rohstoff\w*|raw\s+material|composition|zusammensetzung|composizione"
    r"|composición|samenstelling|skład|grundwerkstoff|base\s+material|made\s+(?:of|from)"
    r"|manufactured\s+from|gefertigt\s+aus|hergestellt\s+aus|aus"
    # "Kunststoff: PA6" labels; "… handle with plastic grip" does not
    r"|(?:kunststoff|plastic|polymer)(?=\s*[:|=(]|$)|^\W*(?:kunststoff|plastic|polymer)"
    r"|qualität|(?<!food[\s-])grade|güte|werkstoffnummer|werkstoff-?nr|materiál\w*|malzeme\w*|alloy"
    r"|legierung|alliage|lega|aleación|liga|materiaali|anyag\w*|материал\w*|υλικό)\b"
)
# "Housing: PA66", "Seal | EPDM": a component row names the component's material.
_COMPONENT_LABEL = re.compile(
    r"(?i)^\W*(?:\d+\s*[|.)]?\s*)?(?:[A-Za-zÄÖÜäöü]+\s+)?(?:gehäuse|housing|casing|deckel|cover|lid|dichtung|seal"
    r"|gasket|schraube|screw|bolt|mutter|nut|welle|shaft|axle|achse|griff|handle|body|körper"
    r"|einsatz|insert|feder|spring|kontakt|contact|lager|bearing|rad|wheel|rolle|roller|blade"
    r"|klinge|diffuser|lens|linse|kabel|cable|mantel|sheath|leiter|conductor|boden|base|rahmen"
    r"|frame|platte|plate|halter|bracket|hebel|lever|stift|pin|hülse|sleeve|scheibe|washer"
    r"|membran|membrane|ventil|valve|sitz|seat|kugel|ball|corps|corpo|cuerpo)\w*"
    r"(?:\s+\w+)?\s*[:|;]"
)
_MATERIAL_HEADING = re.compile(
    r"(?i)construction|aufbau|konstruktion|komponenten|components|stückliste|bill\s+of\s+material"
)
_NEGATION = re.compile(
    r"(?i)(?:\bnot?\b|nicht|\bkein\w*|free\s+of|frei\s+von|\bohne\b|without|\bsans\b|\bsenza\b"
    r"|\bsin\b|zonder|\bbez\b|instead\s+of|\bstatt\b|anstelle|compatible|kompatibel"
    r"|suitable\s+for|geeignet\s+für|for\s+use\s+(?:with|on|in)|for\s+(?:cutting|drilling"
    r"|machining|mounting|fixing)|zum\s+\w+\s+(?:von|in|auf)|mating|gegenstück|gegenwerkstoff"
    r"|counterpart|alternativ\w*|optional|wahlweise|auf\s+anfrage|on\s+request|avoid"
    r"|vermeiden|contact\s+with|kontakt\s+mit|für\s+(?:\w+\s+)?(?:aus|in|auf)\b|like|wie\b"
    r"|instead|replaces|ersetzt|previously|bisher|früher|for\s+\w+\s+made\s+of"
    r"|\baspe(?:ct|tto|cto)\b|\blook\b|\beffe(?:ct|t|tto)\b|\befecto\b|\bimitation\b)"
)
_CLAUSE_END = re.compile(r"[.;|](?!\d)")
_FREE_AFTER = re.compile(r"(?i)^-?\s?(?:frei|free)")
_COATING = re.compile(
    r"(?i)plat(?:ed|ing)|coat(?:ed|ing)|beschicht|verzink|vernickel|verkupfer|verzinn|galvani"
    r"|oberfläche|surface|finish|lamellen|flake|passiv|überzug|schicht|layer"
    # "copper-bonded earth rod", "copper-clad aluminium": a bonded or clad skin on the core
    r"|[\s-]bonded|bonding|[\s-]clad\b|cladding|plattiert|plaqué"
)
_PACKAGING = re.compile(
    r"(?i)verpack|packag|packing|packed|\bbox\b|\bbag\b|beutel|palett|pallet|shipping|versand"
    r"|emballage|imballo|embalaje|verpakking|opakow|\bfolie\b|film\b|\bctn\b"
    r"|cartons?\s+(?:of|qty|quantity|content)|karton\s+(?:à|mit|zu|inhalt)"
    r"|\b(?:im|in|je|pro|per|par|por|v|w|ve|na)\s+(?:karton|carton|cart[oó]n|cartone|doos|scatola"
    r"|caja)\w*|\bbalen[íi]\b|confezion\w*|embalagem|förpackning|strapp(?:ed|ing)|umreif\w*"
    r"|feuillard|reggiat\w*|fleje|\bbundles?\s+of\b|\bper\s+bundle|\bin\s+bundles\b|gebündelt"
    r"|conditionnement|condizionament\w*|acondicionamiento|\bcolli\b|\bkolli\b|emballasje"
    r"|pakkau\w*|ambalaj\w*|csomagol\w*|упаков\w*|συσκευασ\w*|embalag\w*|opakování"
    r"|\bbolsas?\b|\bsacchett[oi]\b|\bsachets?\b|\bsac\b|\bzakje\b|\btorebk\w*|\bsáčk?\w*"
)
# "Embalaje (no incluido en la masa): caja de cartón y bolsa de PE", "Packaging | PE bag":
# the line is about the packaging, whatever else it names
_PACKAGING_LABEL = re.compile(
    r"(?i)^\W*(?:verpackung|packaging|packing|emballage|imballo|imballaggio|embalaje|embalagem"
    r"|verpakking|opakowanie|förpackning|confezione|conditionnement)\b[^:|=]{0,40}[:|=]"
)
# "Ein Karton SLA 12/25 mit 20 Stück", "a carton with 50 pcs": a pack that holds pieces
_HOLDS_PIECES = re.compile(
    r"(?i)[^.;|]{0,30}?\b(?:mit|with|avec|con|met|de|di|da|z)\s+\d+\s*"
    r"(?:stück|stk|st\b|pcs|pieces|pz|pezzi|pièces|uds|unidades|szt)"
)
# "Carton gross 1.05 kg", "Karton brutto", "carton (gross)": a pack weighed with its contents
# is the shipping pack, whatever the article is
_GROSS_AFTER = re.compile(
    r"(?i)[\s(:-]*(?:weight\s+)?(?:gross|brutto|brut|lordo|bruto|tare|tara)\b"
)
# "latón, acabado PVD acero inoxidable", "finish: brushed stainless": the look of the surface,
# not what the body is made of
_FINISH_BEFORE = re.compile(
    r"(?i)\b(?:acabado|finish|finition|finitura|afwerking|wykończenie)\s*[:=]?\s*"
    r"(?:(?:PVD|effetto|efecto|effect|look|aspect|aspecto|tipo|type|style|estilo)\s+)?$"
)
_FINISH_METALS = frozenset({"stainless_steel", "steel", "brass", "copper", "aluminium", "bronze"})
# "76230 Bois-Guillaume", "D-42103 Wuppertal": a town after its postcode, in an address
_POSTCODE_BEFORE = re.compile(
    r"(?<!ISO)(?<!DIN)(?<!EN)(?<!ASTM)(?<!NF)(?<!UNI)(?<!UNE)(?:^|[\s|,(])(?:[A-Z]{1,2}-)?\d{4,5}\s$"
)
_SUBSTANCES = re.compile(
    r"(?i)rohs|reach|svhc|\bpbb\b|pbde|cadmium|quecksilber|mercury|\bblei\b|\blead\b|hexavalent"
    r"|cr\s*\(?vi|substances?\b|\bstoffe\b|restricted|kandidatenliste|candidate\s+list"
    r"|conflict\s+minerals|konfliktmineral|declarable|deklarationspflichtig|prop\s*65"
)
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|wt\.?-?%|Gew\.?-?%|M\.-?%)")
_GF_AFTER = re.compile(
    r"(?i)^[\s),]*(?:\+|with|mit|,|\(|-)?\s*(\d{1,2})\s*%?\s*(?:GF|GV|glass|glas|verre|vetro|vidrio)"
)
_TOTAL = re.compile(
    r"(?i)total|gesamt|summe|\bsum\b|netto|\bnet\b|brutto|gross|article|artikel|produkt|product"
)
_CELL_SPLIT = re.compile(r"[|;\t]")
_HAS_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")  # kana, CJK, Hangul
_CJK_VOCABULARY = tuple((code, Vocabulary(words)) for code, words in CJK_WORDS)
_CJK_NEGATION = re.compile(r"(?:不含|无|無|非|不是|除)$")
_CJK_PACKAGING = re.compile(r"包装|包裝|梱包|外箱")
_PACKAGING_CODES = frozenset(rule.code for rule in RULES if rule.packaging)


@dataclass(slots=True)
class _Mention:
    code: str
    name: str
    strong: bool
    order: int
    evidence: Evidence
    gf: int | None = None
    percent: float | None = None
    grams: float | None = None
    pos: int = 0  # where on its line: the first of a line's materials leads
    seal: bool = False  # named as a seal, lining, insert or seat
    keyed: bool = False  # the value of a material key on its line ('"material": "HCS"')


@dataclass(slots=True)
class _Material:
    code: str
    name: str
    strong: bool
    order: int
    count: int  # lines naming it
    evidence: Evidence
    gf: int | None = None
    percent: float | None = None
    grams: float | None = None
    names: list[str] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    pos: int = 0
    seal: bool = True  # every mention of it (its stated ones, when it has any) is a seal's
    keyed: bool = False  # the value of a material key: it leads its line's other materials


_PART_BEFORE = re.compile(
    r"(?i)\b(?:gehäuse|housing|casing|abdeckung|cover|deckel|lid|body|körper|boîtier|corps"
    r"|corpo|cuerpo|behuizing|obudowa|rahmen|frame|diffusor|diffuser|lens|linse|sockel)\s+$"
)


# A polymer's class word right before a short code: "Thermoplastic PC", "thermoplastique PA",
# "tecnopolimero POM", "Kunststoff PP". The code is then the polymer, not a piece or a unit.
_POLYMER_CLASS_BEFORE = re.compile(
    r"(?i)\b(?:thermoplast\w*|termoplast\w*|duroplast\w*|thermoset\w*|thermodur\w*"
    r"|tecnopolimer\w*|engineering\s+plastic|technischer?\s+kunststoff|kunststoff|plastique"
    r"|plastica|plástico|plastic|plastik|kunststof|tworzyw\w*\s+sztuczn\w*|tworzyw\w*"
    r"|muovi|műanyag|plast)\s*[:(-]?\s*$"
)


def _needs_context_ok(
    line: Line, start: int, end: int, text: str, has_gf: bool, cells: Sequence[tuple[int, int]]
) -> bool:
    """An ambiguous short code counts only where a reader would take it as a material."""
    if any(a <= start < b for a, b in cells):
        return True  # in a table's material column
    if re.search(r"\d\s*[|;,\t]?\s*$", text[:start]):
        return False  # "2 PC", "Qty | 2 | PC", "5,5 PS": a count or a unit
    if has_gf or "%" in text or _MATERIAL_LABEL.search(text[:start]):
        return True
    if line.previous and _MATERIAL_LABEL.search(line.previous):
        return True
    if _PART_BEFORE.search(text, max(0, start - 20), start):
        return True  # "Gehäuse PC, Abdeckung PC opal": the part's material
    if _POLYMER_CLASS_BEFORE.search(text, max(0, start - 24), start):
        return True  # "Thermoplastic PC", "Kunststoff PA": the class word names a polymer
    if _MATERIAL_LABEL.search(line.heading):
        return True
    around = text[max(0, start - 1) : end + 1]
    if re.search(r"^[/+]|[/+]$", around.strip()) and re.search(
        r"[/+]\s?[A-Z]{2,}|[A-Z]{2,}\s?[/+]", text[max(0, start - 6) : end + 6]
    ):
        return True
    token = text[start:end].strip()
    parts = [c.strip() for c in _CELL_SPLIT.split(text)]
    if len(parts) > 1 and token in parts:
        return True
    # a grade with digits as one item of a comma list: "Kettenräder …, C45, gehärtet"
    items = [c.strip() for c in re.split(r"[,;|]", text)]
    return bool(re.search(r"\d", token)) and len(items) > 2 and token in items[1:]


def _own_packaging_words(article_name: str) -> frozenset[str]:
    """The packaging words of the article's own name ("Hand stretch film", "Mailer box"): the
    article is that film or box, so the word beside a material names the article."""
    return frozenset(m.group().lower() for m in _PACKAGING.finditer(article_name))


def _packaging_near(window: str, own: frozenset[str]) -> bool:
    """A packaging word near a material, other than one the article's name is made of."""
    return any(m.group().lower() not in own for m in _PACKAGING.finditer(window))


def _line_mentions(
    line: Line,
    location: str,
    *,
    packaging_rules: bool = True,
    comma: bool = False,
    strong: bool = False,
    cells: Sequence[tuple[int, int]] = (),
    own: frozenset[str] = frozenset(),
) -> list[_Mention]:
    text = line.text
    strong_line = strong or _is_strong(line)
    if not packaging_rules and not strong_line and not cells:
        return []  # second pass: only "Material: corrugated board" style lines
    found = _scan(
        line,
        location,
        strong_line,
        packaging_rules=packaging_rules,
        comma=comma,
        cells=cells,
        own=own,
    )
    if found and not strong_line and _SUBSTANCES.search(text):
        return []  # a RoHS / REACH substance list, not the article's materials
    return found


def _is_strong(line: Line) -> bool:
    """A line that states a material: a material label, a component row, a material heading."""
    text = line.text
    return (
        _labelled(text)
        or bool(_COMPONENT_LABEL.match(text))
        or bool(line.previous and _labelled(line.previous))
        or _heading_names_materials(line.heading)
    )


@functools.lru_cache(maxsize=4096)
def _labelled(text: str) -> bool:
    return bool(_MATERIAL_LABEL.search(text)) or any(label in text for label in CJK_LABELS)


@functools.lru_cache(maxsize=256)
def _heading_names_materials(heading: str) -> bool:
    """Headings repeat for every line under them: decided once."""
    return bool(heading) and (_labelled(heading) or bool(_MATERIAL_HEADING.search(heading)))


def _scan(
    line: Line,
    location: str,
    strong_line: bool,
    *,
    packaging_rules: bool,
    comma: bool,
    cells: Sequence[tuple[int, int]] = (),
    own: frozenset[str] = frozenset(),
) -> list[_Mention]:
    text = line.text
    found: list[tuple[int, int, _Mention]] = []
    skip_until = 0
    values: frozenset[int] | None = None if not strong_line else frozenset()
    seal_label: tuple[int | None] | None = None  # both read once, at the line's first match
    for m in _word_matches(text):
        group = m.lastgroup
        if group is None or not m.group(0).strip() or m.start() < skip_until:
            continue
        index, alt = group[1:].split("_")
        rule = RULES[int(index)]
        start, end = m.span()
        clause = _CLAUSE_END.split(text[max(0, start - 60) : start])[-1][-40:]
        word_end = re.match(r"[\w-]*", text[end:])
        tail = text[end : end + (word_end.end() if word_end else 0) + 6]
        matched = m.group(0)
        if re.search(r"(?i)frei|free", matched) or _FREE_AFTER.match(tail):
            continue
        if LOOK_AFTER.match(text[end : end + 8]):
            continue  # "Edelstahl-Optik": a look
        if rule.code in _FINISH_METALS and _FINISH_BEFORE.search(clause):
            continue  # a finish
        if (
            matched[:1].isupper()
            and matched.replace("-", "").isalpha()
            and _POSTCODE_BEFORE.search(text[max(0, start - 16) : start])
        ):
            continue  # a town's name in an address
        if _NEGATION.search(clause):
            continue
        if _not_the_article(text, clause, start, end):
            continue
        gf_group = f"gf{index}_{alt}"
        gf_text = m.group(gf_group) if gf_group in m.re.groupindex else None
        gf = int(gf_text) if gf_text else None
        if gf is None and rule.code in {"pa6", "pa66", "pbt", "pp", "pc", "pom", "pet", "abs"}:
            extra = _GF_AFTER.match(text[end : end + 30])
            if extra:
                gf = int(extra.group(1))
                end += extra.end()
                skip_until = end
        if rule.needs_context and not _needs_context_ok(
            line, start, end, text, gf is not None, cells
        ):
            continue
        window = text[max(0, start - 25) : end + 25]
        if rule.coating and _COATING.search(window):
            continue
        if rule.coating and FINISH_METALS.match(matched.strip()) and FINISH_WORDS.search(window):
            continue  # "satin nickel", "nickel brossé": a finish
        if rule.unless is not None and rule.unless.search(window):
            continue
        if (
            packaging_rules
            and rule.packaging
            and (
                line.packaging
                or _packaging_near(text[max(0, start - 40) : end + 12], own)
                or _PACKAGING_LABEL.match(text)
                or _HOLDS_PIECES.match(text, end, end + 50)
                or _GROSS_AFTER.match(text, end, end + 24)
            )
        ):
            continue
        if (
            packaging_rules
            and line.packaging
            and rule.code not in {"steel", "stainless_steel", "aluminium"}
        ):
            continue
        name = matched.strip(" ,;:()-")
        if values is None:
            values = _value_starts(text)
        if seal_label is None:
            seal_label = (_seal_label_end(text),)
        stated = strong_line or start in values
        evidence = Evidence(trim_quote(text), location, 0.9 if stated else 0.6)
        mention = _Mention(rule.code, name, stated, line.order, evidence, gf, pos=start)
        mention.seal = rule.follows or _is_seal(text, start, end, seal_label[0])
        mention.keyed = bool(_MATERIAL_KEY_BEFORE.search(text, max(0, start - 40), start))
        found.append((start, end, mention))
    if _HAS_CJK.search(text):
        found.extend(_cjk_mentions(line, location, strong_line, found, packaging_rules))
    found.sort(key=lambda f: f[0])
    gfs = {f[2].gf for f in found if f[2].gf}
    if gfs:  # "PBT GF30 (glasfaserverstärkt 30 %)": the glass words name the same filler
        found = [f for f in found if f[2].code != "glass_fibre"]
    codes = {f[2].code for f in found}
    if "glass_fibre" in codes and codes & _FILLED_POLYMERS:
        for start, end, mention in found:
            # "glass-fibre reinforced nylon": the fibre fills the polymer, which leads
            if mention.code == "glass_fibre" and _REINFORCED.search(
                text, max(0, start - 20), min(len(text), end + 20)
            ):
                mention.seal = True
    for general, precise in _SAME_LINE_REFINES.items():
        if general in codes and precise in codes:
            found = [f for f in found if f[2].code != general]  # "ceramic (alumina)": one
    if "pa66" in codes:  # "尼龙 PA66", "nylon (PA 6.6)": the word is the code's family
        found = [f for f in found if f[2].code != "pa6" or re.search(r"\d", f[2].name)]
    if "%" in text:
        pcts = [
            (p.start(), p.end(), float(p.group(1).replace(",", ".")))
            for p in _PERCENT.finditer(text)
        ]
        for i, (start, end, mention) in enumerate(found):
            if mention.code == "glass_fibre" and any(f[2].gf for f in found):
                continue
            lo = found[i - 1][1] if i > 0 else 0
            hi = found[i + 1][0] if i + 1 < len(found) else len(text)
            best: tuple[int, float] | None = None
            for ps, pe, value in pcts:
                if lo <= ps and pe <= hi and not (start <= ps < end):
                    gap = ps - end if ps >= end else start - pe
                    if gap <= 20 and (best is None or gap < best[0]):
                        best = (gap, value)
            if best is not None and 0 < best[1] <= 100 and best[1] not in gfs:
                mention.percent = best[1]
        _row_share(text, found, pcts, gfs)
    primaries = [f for f in found if f[2].code != "glass_fibre" or not any(g[2].gf for g in found)]
    if (
        len({p[2].code for p in primaries}) == 1
        and re.search(r"\d", text)
        and not _TOTAL.search(text)
    ):
        grams = [q.grams for q in find_quantities(text, comma_decimal=comma)]
        if len(grams) == 1:
            primaries[0][2].grams = grams[0]
    return [f[2] for f in found]


# The name goes on describing the article after "for <material>" ("Tornillo para madera
# avellanado 6 x 80", "vis pour bois tête fraisée"): a size, a head, a drive is the article's.
_DESCRIBES_THE_ARTICLE = re.compile(
    r"(?i)\s+(?:\d|M\d|Ø|avellanad\w*|fraisée?s?|svasat\w*|Senkkopf\w*|countersunk|cabeza"
    r"|tête|testa|Kopf|head|Torx|TX\s?\d|PZ\s?\d|PH\s?\d|Kreuzschlitz\w*|zincad\w*"
    r"|zingat\w*|zingué\w*|verzinkt|zinc[\s-]plated|galvani[sz]ed)"
)
# "für gefälzte Holztüren", "for framed glass-doors": one or two words after "for", then a
# compound whose tail is the counterpart
_FOR_NEAR = re.compile(
    r"(?i)\b(?:for|für|pour|per|para|voor|för|til|dla|pro)\s+(?:[\w-]+\s+){0,2}$"
)
_ENDS_IN_COUNTERPART = re.compile(
    r"(?i)\w[\w-]*?(?:türen|tür|türe|deuren|dörrar|døre|doors?|scheiben|platten|rohre?|fenster"
    r"|windows?)$"
)
# The material ends its phrase ("für Holz, …", "for wood and metal"): what the article is for.
_CLAUSE_CLOSES = re.compile(
    r"\s*(?:[,;:)|/]|$|(?:und|and|et|e|y|o|or|oder|en|och|og|i|a|und/oder)\s)"
)


_FILLED_POLYMERS = frozenset({"pa6", "pa66", "pbt", "pp", "pc", "pom", "pet", "abs"})
_REINFORCED = re.compile(
    r"(?i)reinforc|verstärkt|renforc|rinforzat|reforzad|versterkt|wzmocnion|vyztužen|förstärkt"
)


def _not_the_article(text: str, clause: str, start: int, end: int) -> bool:
    """A counterpart's material ("for glass doors") or a variant's the article is not
    ("stainless version on request", "other finishes (inox A2)")."""
    counterpart_first, bare_for, counterpart_after = FOR_A_COUNTERPART
    before = text[max(0, start - 40) : start]
    if counterpart_first.search(before):
        return True
    if bare_for.search(before) and (
        counterpart_after.match(text[end : end + 20])
        or _CLAUSE_CLOSES.match(text, end)
        or _DESCRIBES_THE_ARTICLE.match(text, end)
    ):
        return True  # "for glass doors"; "Gewindeeinsatz für Holz, Zink-Druckguss"
    word = text[start : end + len(re.match(r"[\w-]*", text[end:]).group())]  # type: ignore[union-attr]
    if _FOR_NEAR.search(before) and _ENDS_IN_COUNTERPART.search(word):
        return True  # "für gefälzte Holztüren": the compound names the counterpart
    return bool(OTHER_VARIANT_AFTER.match(text[end : end + 60])) or bool(
        OTHER_VARIANT_BEFORE.search(clause)
    )


def _row_share(
    text: str,
    found: list[tuple[int, int, _Mention]],
    pcts: list[tuple[int, int, float]],
    gfs: set[int],
) -> None:
    """A composition table's row ("Copper (conductors) | 74 | 50.0 %"): its one material
    has the row's one share, however far the cells put them apart."""
    if "|" not in text or len(pcts) != 1 or len({f[2].code for f in found}) != 1:
        return
    start, _, value = pcts[0]
    if (
        all(f[2].percent is None and f[1] <= start and f[2].gf is None for f in found)
        and 0 < value <= 100
        and value not in gfs
        and text[found[0][0] : start].count("|") >= 1
    ):
        found[0][2].percent = value


# "Barrel | Aluminium alloy", "Zylinderrohr: E355+SR": a label and a value that begins with a
# material state that material, whatever the label (a colour, a finish, a use do not).
_KEY_VALUE = re.compile(r"(?:^|\|)\s*([^\W\d][^\d:|=]{0,40}?)\s*:\s+(?=\S)")
_NOT_A_MATERIAL_KEY = re.compile(
    r"(?i)colou?r|farbe|couleur|colore|finish|oberfl|surface|coat|beschicht|anwend|applica"
    r"|\buse\b|einsatz|suitable|geeignet|\bfür\b|\bfor\b|compatib|medi(?:um|en|a)\b|fluid"
    r"|verpack|packag|packing|liefer|deliver|zubehör|accessor|ersatz|spare|brand|marke|title"
    r"|descr|bezeichnung|benennung|name|\bref|code|\bcod|sku|ean|gtin|\bid\b|model|\btyp|part\b"
    r"|\bteil\b|item|bestell|order|artikel|article|produ[ck]t|\bart\b|\bnr\b|\bno\b|n[uú]mero"
    r"|serie|werkstück|workpiece|\bcuts?\b|cutting|schneid|bohr|drill|mount|montage|install"
    r"|untergrund|substrate"
)


def _value_starts(text: str) -> frozenset[int]:
    """Where the value of a "label | value" row or a "label: value" cell begins."""
    out: set[int] = set()
    for m in _KEY_VALUE.finditer(text):
        if not _NOT_A_MATERIAL_KEY.search(m.group(1)):
            out.add(m.end())
    cells = [c for c in re.finditer(r"[^|]+", text) if c.group().strip()]
    if len(cells) == 2:
        label, value = cells[0].group().strip(), cells[1]
        if (
            re.search(r"[^\W\d_]{3,}", label)
            and len(label.split()) <= 6
            and not re.search(r"\d", label)
            and not _NOT_A_MATERIAL_KEY.search(label)
        ):
            out.add(value.start() + len(value.group()) - len(value.group().lstrip()))
    return frozenset(out)


def _seal_label_end(text: str) -> int | None:
    """Where a row's label ends when the label is a seal's ("Dichtung | 2RS NBR")."""
    label = re.match(r"\s*\|?[^|:]{0,80}[|:]", text)
    return label.end() if label is not None and SEAL_WORDS.search(label.group()) else None


def _is_seal(text: str, start: int, end: int, seal_label_end: int | None) -> bool:
    """A material named in the clause of a seal, lining, insert or seat word."""
    before = re.split(r"[.;,|]|\band\b|\bund\b", text[max(0, start - 30) : start])[-1]
    after = re.match(r"[\s-]*[\w-]*(?:\s+[\w-]+)?", text[end : end + 30])  # "NBR contact seals"
    return bool(
        SEAL_WORDS.search(before)
        or SEAL_WORDS.search(text[start:end] + (after.group() if after else ""))
        or (seal_label_end is not None and seal_label_end <= start)
    )


def _cell_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each " | " cell of a table row, a Markdown row's empty edges left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "|":
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    if spans and not text[spans[0][0] : spans[0][1]].strip():
        spans = spans[1:]
    if spans and not text[spans[-1][0] : spans[-1][1]].strip():
        spans = spans[:-1]
    return spans


_WEIGHT_HEADER = re.compile(
    r"(?i)gewicht|weight|\bmass\b|\bmasse\b|\bmasa\b|\bmassa\b|\bpeso\b|poids|hmotnost|\bwaga\b"
    r"|\bvikt\b|重量|质量"
    r"|vægt|\bvekt\b|paino|tömeg|ağırlık|\bвес\b|\bмасса\b|무게|중량"
)
_NOT_NET_HEADER = re.compile(r"(?i)gross|brutto|lordo|bruto|brut\b|pack|/|\bper\b|\bpro\b|\bje\b")
_HEADER_UNIT = re.compile(r"(?i)(?<![^\W\d_])(kg|g)(?![^\W\d_])")
# A composition column's header: its cells are mass percentages without the sign
_PCT_HEADER = re.compile(
    r"(?i)%|\bpercent\w*|\bporcentaje\b|\bpercentu\w*|\bpourcentage\b|\bprozent\w*|\banteil\b"
    r"|\bmass\s+(?:share|fraction)\b|\bwt\b"
)
# A parts list, not a list of articles: its masses are the article's components.
_PARTS_LIST = re.compile(
    r"(?i)\bpos\b|component|komponent|stückliste|bill\s+of\s+materials?|\bbom\b|parts?\s+list"
    r"|teileliste|bauteil|composant|componente|składnik|součást"
)
_TOTAL_ROW = re.compile(
    r"(?i)summe|\btotal|gesamt\b|insgesamt|complete|komplett|assembly|baugruppe|合计|总计|合計"
)


@dataclass(frozen=True, slots=True)
class _Columns:
    """A table header with a material column ("Pos | Benennung | Werkstoff | Gewicht kg")."""

    width: int
    material: int
    weight: int | None  # a net mass column of a parts list
    unit: str | None
    quantity: int | None = None  # the weight column is per unit: times this column's count
    percent: int | None = None  # a composition column ("% en masa", "Anteil %")

    @classmethod
    def of(cls, line: Line, spans: list[tuple[int, int]]) -> _Columns | None:
        columns = cls._of(line, spans)
        if columns is None:
            return None
        cells = [line.text[a:b] for a, b in spans]
        material = columns.material
        percent = [i for i, c in enumerate(cells) if i != material and _PCT_HEADER.search(c)]
        return dataclasses.replace(columns, percent=percent[0]) if len(percent) == 1 else columns

    @classmethod
    def _of(cls, line: Line, spans: list[tuple[int, int]]) -> _Columns | None:
        if len(spans) < 3:
            return None
        cells = [line.text[a:b].strip() for a, b in spans]
        if any(re.search(r"\d", c) or len(c.split()) > 5 for c in cells):
            return None
        material = next(
            (i for i, c in enumerate(cells) if c and len(c.split()) <= 3 and _labelled(c)), None
        )
        if material is None:
            return None
        weight: int | None = None
        unit: str | None = None
        if _PARTS_LIST.search(line.text) or _PARTS_LIST.search(line.heading):
            for i, c in enumerate(cells):
                if _WEIGHT_HEADER.search(c) and not _NOT_NET_HEADER.search(c):
                    weight, found = i, _HEADER_UNIT.search(c)
                    unit = found.group(1).lower() if found else None
            if weight is None:
                return _per_unit_columns(cells, material) or cls(len(spans), material, None, None)
        return cls(len(spans), material, weight, unit)

    def fits(self, spans: list[tuple[int, int]]) -> bool:
        """A row of this table: as many cells, or one or two less (a count and its unit
        merged into one cell, an empty cell dropped by the export)."""
        return self.width - 2 <= len(spans) <= self.width

    def cells(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Where a row's material cell may be: counted from the left, or from the right, or
        one to the left of its header (a merged cell before it)."""
        out: list[tuple[int, int]] = []
        for i in (self.material, self.material + len(spans) - self.width, self.material - 1):
            if 0 <= i < len(spans) and spans[i] not in out:
                out.append(spans[i])
        return out

    def row(
        self, found: list[_Mention], text: str, spans: list[tuple[int, int]], comma: bool
    ) -> list[_Mention]:
        """A row's materials in the material column are stated; in a parts list the mass
        column weighs the row's (first) material, and nothing else on the row."""
        shift = len(spans) - self.width
        stated: list[_Mention] = []
        for start, end in self.cells(spans):
            stated = [m for m in found if start <= m.pos < end]
            if stated:
                break
        for m in stated:
            m.strong = True
            m.evidence = Evidence(m.evidence.quote, m.evidence.location, 0.9)
        if self.percent is not None and stated and stated[0].percent is None:
            column = self.percent + shift
            if 0 <= column < len(spans):
                a, b = spans[column]
                cell = re.fullmatch(r"\s*(\d{1,3}(?:[.,]\d+)?)\s*%?\s*", text[a:b])
                value = float(cell.group(1).replace(",", ".")) if cell else 0.0
                if 0 < value <= 100:
                    stated[0].percent = value
        if self.weight is not None:
            for m in found:
                m.grams = None
            column = self.weight + shift  # the mass columns close the row: counted from the right
            if stated and not _TOTAL_ROW.search(text) and 0 <= column < len(spans):
                a, b = spans[column]
                stated[0].grams = _cell_grams(text[a:b], self.unit, comma)
                if self.quantity is not None and stated[0].grams is not None:
                    stated[0].grams = _times_count(text, spans, self.quantity, stated[0].grams)
        return found


# "Gewicht je Einheit (kg)" beside "Menge": a parts list's mass per unit and its count
_PER_UNIT_HEADER = re.compile(
    r"(?i)\bje\s+(?:einheit|st(?:ü|ue)ck|stk)|\bper\s+(?:unit|piece|pc|part)|\beach\b"
    r"|/\s*(?:stk|pcs?|unit|einheit)\b|\bpro\s+(?:einheit|st(?:ü|ue)ck)|\bpar\s+(?:unité|pièce)"
    r"|\bper\s+unità|\bpor\s+unidad|\bper\s+stuk|\bna\s+(?:sztukę|jednostkę)|\bper\s+enhet"
)
_QUANTITY_HEADER = re.compile(
    r"(?i)^(?:menge|qty|quantity|anzahl|stückzahl|quantité|qté|quantità|q\.tà|cantidad|cant\."
    r"|aantal|ilość|množství|antal|määrä|mennyiség|adet)\b"
)


def _per_unit_columns(cells: list[str], material: int) -> _Columns | None:
    """A parts list whose mass column is per unit and which has one count column."""
    weights = [
        i
        for i, c in enumerate(cells)
        if _WEIGHT_HEADER.search(c)
        and _PER_UNIT_HEADER.search(c)
        and not re.search(r"(?i)gross|brutto|lordo|bruto|brut\b|pack", c)
    ]
    counts = [i for i, c in enumerate(cells) if _QUANTITY_HEADER.match(c)]
    if len(weights) != 1 or len(counts) != 1 or counts[0] > material:
        return None
    found = _HEADER_UNIT.search(cells[weights[0]])
    unit = found.group(1).lower() if found else None
    return _Columns(len(cells), material, weights[0], unit, counts[0])


def _times_count(
    text: str, spans: list[tuple[int, int]], column: int, grams: float
) -> float | None:
    """The row's mass: per unit times the count its count column (left of the material) states."""
    if column >= len(spans):
        return None
    a, b = spans[column]
    count = re.match(r"\s*(\d+(?:[.,]\d+)?)\s*[^\W\d_]*\s*$", text[a:b])
    if count is None:
        return None
    value = float(count.group(1).replace(",", "."))
    return grams * value if value > 0 else None


def _cell_grams(cell: str, unit: str | None, comma: bool) -> float | None:
    """The mass in a table cell: "0,028" under "Gewicht kg", "420 g" under "Weight"."""
    m = re.fullmatch(r"\s*(\d{1,6}(?:[.,]\d{1,4})?)\s*(kg|g)?\s*", cell, re.IGNORECASE)
    if m is None:
        return None
    number = m.group(1)
    number = number.replace(",", ".") if comma else number.replace(",", "")
    written = (m.group(2) or unit or "").lower()
    if written not in {"kg", "g"}:
        return None
    value = float(number) * (1000.0 if written == "kg" else 1.0)
    return value if value > 0 else None


# An article that is the whole of a bill of materials, not one of its rows
_WHOLE = re.compile(
    r"(?i)\bassembl\w*|\bkits?\b|\bsets?\b|baugruppe|bausatz|\bensemble\b|\bkit\b|\bgruppo\b"
    r"|\bconjunto\b|\bzestaw\w*|\bsada\b|\bsats\b"
)
_KV_CELL = re.compile(r"\s*(?:\d+:\s*)?([^=|:]{1,40}?)\s*=\s*")
_ROW_TOTAL_KEY = re.compile(r"(?i)total|extended|gesamt|summe|totale|\bext\b")


def _key_value_parts_row(found: list[_Mention], text: str, comma: bool) -> bool:
    """A bill of materials exported as key=value rows ("Qty=2 | Part=O-ring | Material=FKM |
    Mass each g=0.8 | Mass total g=1.6"): the row's mass weighs its material cell's material.
    True when the row is such a parts row."""
    cells: list[tuple[str, int, int]] = []  # key, value start, value end
    pos = 0
    for piece in text.split("|"):
        cell = _KV_CELL.match(piece)
        if cell is not None:
            cells.append((cell.group(1), pos + cell.end(), pos + len(piece)))
        pos += len(piece) + 1
    qty = [text[a:b] for k, a, b in cells if _QUANTITY_HEADER.match(k)]
    weights = [(k, text[a:b]) for k, a, b in cells if _WEIGHT_HEADER.search(k) and not _labelled(k)]
    material = [(a, b) for k, a, b in cells if _labelled(k) and not _WEIGHT_HEADER.search(k)]
    if len(qty) != 1 or not weights or len(material) != 1:
        return False
    totals = [w for w in weights if _ROW_TOTAL_KEY.search(w[0])]
    key, value = (totals or weights)[0]
    unit = _HEADER_UNIT.search(key)
    grams = _cell_grams(value, unit.group(1).lower() if unit else None, comma)
    count = re.match(r"\s*(\d{1,4})(?!\d|[.,]\d)", qty[0])
    if grams is not None and not totals and count is not None:
        grams *= int(count.group(1))
    a, b = material[0]
    stated = [f for f in found if a <= f.pos < b]
    if grams is None or not stated:
        return False
    for f in found:
        f.grams = None
    stated[0].grams = grams
    return True


def _cjk_mentions(
    line: Line,
    location: str,
    strong_line: bool,
    taken: list[tuple[int, int, _Mention]],
    packaging_rules: bool,
) -> list[tuple[int, int, _Mention]]:
    """Chinese and Japanese family words, found inside runs of text (no word starts there)."""
    text = line.text
    spans = [(start, end) for start, end, _ in taken]
    out: list[tuple[int, int, _Mention]] = []
    for code, vocabulary in _CJK_VOCABULARY:
        for m in vocabulary.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in spans):
                continue
            if _CJK_NEGATION.search(text[max(0, start - 2) : start]):
                continue
            window = text[max(0, start - 12) : end + 12]
            unless = CJK_UNLESS.get(code)
            if unless is not None and unless.search(window):
                continue
            if (
                packaging_rules
                and code in _PACKAGING_CODES
                and (line.packaging or _CJK_PACKAGING.search(window))
            ):
                continue
            spans.append((start, end))
            evidence = Evidence(trim_quote(text), location, 0.9 if strong_line else 0.6)
            mention = _Mention(code, m.group(), strong_line, line.order, evidence, pos=start)
            out.append((start, end, mention))
    return out


_ARTICLE_WORD = (
    r"(?:article|artikel\w*|product|produkt\w*|part|item|teil\w*|produit|pi[eè]ce|articolo"
    r"|prodotto|pezzo|art[ií]culo|producto|pieza|onderdeel|wyr[oó]b\w*|produto|pe[çc]a|vara"
    r"|tuote\w*|výrob\w*|ürün\w*|termék\w*|produs\w*|издели\w*|προϊόν\w*)"
)
# "Material of article | PP", "Artikelwerkstoff: PA6", "Matière du produit : PE": the article's
# own material, stated even in a packaging specification.
_ARTICLE_MATERIAL_LABEL = re.compile(
    r"(?i)^\W*(?:(?:material\w*|werkstoff\w*|mat[ée]riau\w*|mati[èe]re|materiale|materiaal"
    r"|materia[łl]\w*|materiaali|anyag\w*|malzeme\w*|материал\w*|υλικό)\s+(?:of\s+(?:the\s+)?"
    r"|des\s+|der\s+|de\s+l[a'’]?\s*|du\s+|dell[oa'’]?\s*|del\s+|van\s+(?:het\s+)?|do\s+|da\s+"
    r"|d[eo]s?\s+)?" + _ARTICLE_WORD + r"|" + _ARTICLE_WORD + r"[\s-]?(?:material\w*|werkstoff\w*"
    r"|materiaal))\b[^:|=]{0,20}[:|=]"
)


def _own_material_line(line: Line) -> Line:
    """A packaging block's line that states the article's own material is not packaging."""
    if line.packaging and _ARTICLE_MATERIAL_LABEL.match(line.text):
        return dataclasses.replace(line, packaging=False)
    return line


def _refined_in_the_document(mentions: list[_Mention]) -> list[_Mention]:
    """A general word the document names more precisely elsewhere is that material: "尼龙"
    beside "尼龙66 (PA66)" is PA66, "Rundstahl" beside "Werkstoff: 1.4305" the stainless bar."""
    codes = {m.code for m in mentions}
    drop: set[str] = set()
    pa6 = [m for m in mentions if m.code == "pa6"]
    # "poliamid PA12", "ナイロン製 … 材料: PA12": the general polyamide word is the grade named
    if codes & {"pa66", "pa12"} and pa6 and not any(re.search(r"\d", m.name) for m in pa6):
        drop.add("pa6")
    steel = [m for m in mentions if m.code == "steel"]
    stainless = any(m.code == "stainless_steel" and m.strong for m in mentions)
    if stainless and steel and all(STEEL_FORMS.fullmatch(m.name) for m in steel):
        drop.add("steel")
    # "Tubi in polietilene" beside "Materiale: PE-BD (LDPE)": the low-density grade (or
    # PE-LLD, PE-X); the generic word alone reads as PE-HD
    if any(m.code in _PE_GRADES for m in mentions) and all(
        _GENERIC_PE.fullmatch(m.name) for m in mentions if m.code == "pe_hd"
    ):
        drop.add("pe_hd")
    return [m for m in mentions if m.code not in drop] if drop else mentions


_PE_GRADES = frozenset({"pe_ld", "pe_lld", "pe_x"})
_GENERIC_PE = re.compile(
    r"(?i)PE|Polyethylen\w*|polyethylene|pol[iy](?:[eé]th?[iy]l|eth?)(?:[eè]|ee)n\w*"
)


def _beside_the_key(keyed: _Material, materials: list[_Material], named: frozenset[str]) -> bool:
    """The name's materials are named only on the line of a material key's value, and not as
    one ("Jigsaw blades, wood, pack of 5 | {"material": "HCS"}"): a use or a variant word
    beside the article's keyed material, not a second statement of it."""
    own = [m for m in materials if m.code in named]
    return bool(own) and all(not m.keyed and m.lines == {keyed.order} for m in own)


def _aggregate(mentions: list[_Mention]) -> list[_Material]:
    by_code: dict[str, _Material] = {}
    for m in mentions:
        mat = by_code.get(m.code)
        if mat is None:
            mat = by_code[m.code] = _Material(
                m.code, m.name, m.strong, m.order, 0, m.evidence, m.gf, names=[], pos=m.pos
            )
            mat.seal, mat.keyed = m.seal, m.keyed
        elif m.strong and not mat.strong:
            mat.strong, mat.name, mat.evidence, mat.order = True, m.name, m.evidence, m.order
            mat.pos, mat.seal, mat.keyed = m.pos, m.seal, m.keyed
            mat.gf = m.gf if m.gf is not None else mat.gf
        elif m.strong == mat.strong:
            mat.seal = mat.seal and m.seal
        if m.order not in mat.lines:
            mat.lines.add(m.order)
            mat.count += 1
        mat.names.append(m.name)
        if mat.gf is None and m.gf is not None:
            mat.gf = m.gf
        if m.percent is not None and mat.percent is None:
            mat.percent = m.percent
        if m.grams is not None:
            mat.grams = (mat.grams or 0.0) + m.grams
    return list(by_code.values())


def _moved(m: _Mention, order: int) -> _Mention:
    """A copy of a mention on another line (cheaper than dataclasses.replace)."""
    out = copy.copy(m)
    out.order = order
    return out


def find_materials_with_note(
    sections: Sequence[Section],
    *,
    source: str,
    comma: bool | None = None,
    names_the_article: bool = False,
    article_name: str = "",
    coatings: bool = True,
) -> tuple[list[MaterialFinding], str]:
    """Materials with mass shares, and a sentence saying how the shares were obtained.

    `comma` is the document's decimal decision (`quantities.decimal_comma`), shared with the
    weight rules; decided here from the text when not given. `names_the_article`: the text is
    the article's name ("Corrugated cardboard box"), so every material in it is the article's,
    packaging words included.
    """
    lines = [_own_material_line(line) for line in iter_lines(sections)]
    if comma is None:
        comma = decimal_comma("\n".join(line.text for line in lines))
    mentions: list[_Mention] = []
    # Packaging materials are skipped at first; if nothing else is named, the article itself
    # is probably packaging (a carton, a bag), so look again without that rule.
    parts_list = False  # a bill of materials: its rows are the article's parts
    kv_parts = False  # key=value rows of a bill of materials: whose parts, the name says
    name_packaging = _own_packaging_words(article_name)
    for packaging_rules in (True, False):
        # a line met again with the same context (a page footer, a repeated row) names what
        # it named the first time: scanned once
        seen: dict[tuple[str, str | None, str, bool, str], list[_Mention]] = {}
        columns: _Columns | None = None
        for line in lines:
            location = (
                f"{source}, {line.location}"
                if source and line.location
                else (source or line.location)
            )
            spans = _cell_spans(line.text) if "|" in line.text else []
            header = _Columns.of(line, spans)
            # a table runs until a row of another shape (lines without cells, such as the
            # "Lid: Material: PP" lines a document converter adds after each row, do not end it)
            if header is not None or (columns is not None and spans and not columns.fits(spans)):
                columns = header
                parts_list = parts_list or (header is not None and header.weight is not None)
            header_line = header is not None or not spans
            key = (line.text, line.previous, line.heading, line.packaging, location)
            found = seen.get(key)
            if found is None:
                in_table = columns is not None and not header_line
                found = _line_mentions(
                    line,
                    location,
                    packaging_rules=packaging_rules and not names_the_article,
                    comma=comma,
                    strong=names_the_article,
                    cells=columns.cells(spans) if columns is not None and in_table else (),
                    own=name_packaging,
                )
                if columns is not None and in_table:
                    found = columns.row(found, line.text, spans, comma)
                elif "=" in line.text and found:
                    kv_parts = _key_value_parts_row(found, line.text, comma) or kv_parts
                seen[key] = found
                mentions.extend(found)
            else:
                mentions.extend(_moved(m, line.order) for m in found)
        if mentions:
            break
    other_rows: frozenset[int] = frozenset()
    if names_the_article:  # "Gewebeplane … mit Aluminium-Ösen": the eyelets' material
        extras = {
            line.order: [(a.start(), a.end()) for a in ACCESSORY.finditer(line.text)]
            for line in lines
        }
        for m in mentions:
            m.seal = m.seal or any(a <= m.pos < b for a, b in extras.get(m.order, ()))
    elif article_name and not parts_list and not (kv_parts and _WHOLE.search(article_name)):
        other_rows = _other_articles_rows(lines, mentions, article_name)
        mentions = [m for m in mentions if m.order not in other_rows]
        _mark_name_accessories(lines, mentions, article_name)
    if any(m.code in FIBRE_POLYMERS for m in mentions):
        # "Fabric | 100 % polyester": the fabric is the polymer's, not a second material
        mentions = [
            m for m in mentions if m.code != "textile" or not TEXTILE_GENERIC.fullmatch(m.name)
        ]
    mentions = _refined_in_the_document(mentions)
    if not mentions and coatings:
        mentions = _coated_steel(lines, other_rows, source, strong=names_the_article)
    materials = _aggregate(mentions)
    if not materials and not names_the_article:
        materials = _stated_copper(lines, article_name, comma, source)
    if not materials:
        return [], ""
    # one material beside one mass ("padlock, brass – 0,18 kg", "carton 18,3 kg") is an
    # accessory's or the packaging's row; masses decide only as a component table (two rows),
    # and where the document states materials, only the stated ones' masses do
    stated = any(m.strong for m in materials)
    weighed = sum(1 for m in materials if m.grams and (m.strong or not stated)) >= 2
    strong = [m for m in materials if m.strong or m.percent is not None or (weighed and m.grams)]
    pool = strong or materials
    with_grams = [m for m in pool if m.grams and (m.strong or not stated)]
    with_pct = [m for m in pool if m.percent is not None]
    shares: dict[str, float]
    cable = _cable_shares(lines, materials, article_name, comma)
    if cable is not None:
        pool, shares = cable
        note = "material mass shares from the cable's copper content per length and its weight"
    elif len(with_grams) >= 2:
        total = sum(m.grams or 0.0 for m in with_grams)
        pool, shares = with_grams, {m.code: (m.grams or 0.0) / total for m in with_grams}
        note = "material mass shares from the component weights stated in the document"
    elif with_pct and 90 <= sum(m.percent or 0.0 for m in with_pct) <= 110:
        total = sum(m.percent or 0.0 for m in with_pct)
        pool, shares = with_pct, {m.code: (m.percent or 0.0) / total for m in with_pct}
        note = "material mass shares from the composition stated in the document"
    else:
        # a seal's, a lining's or an accessory's material follows the body's, unless the
        # article is itself a seal
        demote = not _is_a_seal(article_name)
        if strong:
            pool = sorted(
                pool, key=lambda m: (demote and m.seal, not m.strong, m.order, not m.keyed, m.pos)
            )
        else:
            pool = sorted(pool, key=lambda m: (demote and m.seal, -m.count, m.order, m.pos))
        named = _named_codes(article_name)
        codes = {m.code for m in materials}
        if any(codes & _REFINED.get(code, frozenset()) for code in named):
            named = frozenset()  # "brushed steel" in the name, "304 stainless" in the text
        if pool and pool[0].keyed and _beside_the_key(pool[0], materials, named):
            named = frozenset()  # '"material": "HCS"' keyed: the name's "…, wood" is its use
        if named and not any(m.code in named for m in pool[:1]):
            # the article name states its material ("Coupling …, ductile iron"): where the
            # document names it too, it is the main one, whatever parts the text lists first
            own = [m for m in materials if m.code in named] or _name_materials(article_name)
            if own:
                pool = [own[0], *[m for m in pool if m.code != own[0].code]]
        pool = pool[:5]
        if len(pool) == 1:
            shares = {pool[0].code: 1.0}
            note = f"single material {pool[0].name}: mass share 100 %"
        else:
            rest = 0.3 / (len(pool) - 1)
            shares = {m.code: (0.7 if i == 0 else rest) for i, m in enumerate(pool)}
            note = (
                f"material mass shares estimated: main material {pool[0].name} 70 %, "
                f"{len(pool) - 1} other material(s) share 30 %"
            )
    findings: list[tuple[float, int, MaterialFinding]] = []
    glass: float = 0.0
    glass_mat: _Material | None = None
    # "PA6 GF30" beside "Polyamid 6: 68 %, Glasfaser: 30 %": the stated shares already split
    # the compound, so its grade's fibre content is not taken out of the polymer again
    split = any(m.code == "glass_fibre" for m in pool) and not note.startswith("single")
    for i, mat in enumerate(pool):
        share = shares[mat.code]
        if mat.gf and mat.code != "glass_fibre" and 0 < mat.gf < 80 and not split:
            glass += share * mat.gf / 100
            glass_mat = glass_mat or mat
            share *= 1 - mat.gf / 100
        if mat.code == "glass_fibre":
            glass += share
            glass_mat = glass_mat or mat
            continue
        findings.append(
            (share, i, MaterialFinding(mat.code, mat.name, round(share, 4), mat.evidence))
        )
    if glass > 0 and glass_mat is not None:
        name = (
            f"glass fibre ({glass_mat.name})" if glass_mat.code != "glass_fibre" else glass_mat.name
        )
        findings.append(
            (
                glass,
                len(pool),
                MaterialFinding("glass_fibre", name, round(glass, 4), glass_mat.evidence),
            )
        )
    findings.sort(key=lambda f: (-round(f[0], 6), f[1]))
    return [f[2] for f in findings], note


# A cable's copper content per length ("Cu-Zahl 101 kg/km", "copper weight", "indice cuivre")
# beside its weight per length: the conductor's mass share, the rest its insulation and sheath.
_COPPER_WORD = re.compile(
    r"(?i)\bcu\b|cu-?zahl|copper|kupfer|cuivre|miedzi|miedź|\brame\b|cobre|\bkoper|koppar|kobber"
)
_LINEAR_WEIGHT_WORD = re.compile(
    _WEIGHT_HEADER.pattern + r"|\bmasa\b|hmotnost|lin[ée]ique|lineic", _WEIGHT_HEADER.flags
)
_NOT_CABLE_WEIGHT = re.compile(r"(?i)gross|brutto|brut\b|pack|drum|trommel|touret|bobin|reel")
_PER_LENGTH = re.compile(r"(?i)(?<![\w/])(kg|g)\s*/\s*(km|m)\b|\b(kg|g)_(km|m)\b")
_PER_LENGTH_VALUE = re.compile(r"(?i)(\d+(?:[.,]\d+)?)\s*(kg|g)\s*/\s*(km|m)\b")
_KV_LABEL = re.compile(r"^\W*([^:|=]{2,60}?)\s*[:|=]\s*(.*)$")
# "7G1,5", "5 x 2.5 RE", "3x2,5 mm²": a cable's cores and cross-section
_CABLE_SIZE = re.compile(r"(?<![\d.,])(\d{1,2})\s*[xX×G]\s*(\d{1,3}(?:[.,]\d{1,2})?)(?![\d.,]*\d)")


_LENGTH_CELL = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(?:\(?(?:kg|g)\s*/\s*k?m\)?)?\s*")
_GROUPED = re.compile(r"\d+[.,]\d{3}")


def _cable_size(text: str) -> set[tuple[int, float]]:
    return {
        (int(m.group(1)), float(m.group(2).replace(",", "."))) for m in _CABLE_SIZE.finditer(text)
    }


def _number(text: str, comma: bool) -> float | None:
    m = _LENGTH_CELL.fullmatch(text)
    if m is None:
        return None
    digits = m.group(1)
    if _GROUPED.fullmatch(digits):  # "1.250" or "1,250": the document decides
        thousands = "." if comma else ","
        digits = digits.replace(thousands, "")
    return float(digits.replace(",", "."))


def _per_km(value: float, unit: str, length: str) -> float:
    """A mass per length in kg/km (g/m is kg/km)."""
    grams = value * (1000.0 if unit.lower() == "kg" else 1.0)
    return grams / 1000.0 if length.lower() == "km" else grams


def _cable_copper(
    lines: Sequence[Line], article_name: str, comma: bool
) -> tuple[float, Line] | None:
    """The copper mass share of a cable whose copper content and weight per length are stated,
    as "label: value" lines or in the article's row of a size table."""
    copper: dict[float, Line] = {}
    weight: set[float] = set()
    for line in lines:
        kv = _KV_LABEL.match(line.text)
        text = kv.group(2).strip().strip("|").strip() if kv is not None else "|"
        if kv is None or "|" in text or _NOT_CABLE_WEIGHT.search(kv.group(1)):
            continue
        value = _PER_LENGTH_VALUE.fullmatch(text)
        if value is None:
            continue
        number = _number(value.group(1), comma)
        if number is None:
            continue
        kg_km = _per_km(number, value.group(2), value.group(3))
        if _COPPER_WORD.search(kv.group(1)):
            copper.setdefault(kg_km, line)
        elif _LINEAR_WEIGHT_WORD.search(kv.group(1)):
            weight.add(kg_km)
    if len(copper) == 1 and len(weight) == 1:
        (cu, line), total = next(iter(copper.items())), weight.pop()
        share = _share(cu, total)
        return (share, line) if share is not None else None
    if copper or weight:
        return None
    return _table_copper(lines, article_name, comma)


def _share(copper: float, weight: float) -> float | None:
    return copper / weight if 0 < copper < weight else None


def _table_copper(
    lines: Sequence[Line], article_name: str, comma: bool
) -> tuple[float, Line] | None:
    """A size table with a copper column and a weight column per length: the row of the
    name's size ("7G1,5") gives both (the copper one is the smaller)."""
    size = _cable_size(article_name)
    if not size:
        return None
    columns: tuple[int, list[int]] | None = None  # the row width they are counted for
    pairs: dict[tuple[float, float], Line] = {}
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.text.split("|")]
        if columns is None:
            if _COPPER_WORD.search(line.text) and _LINEAR_WEIGHT_WORD.search(line.text):
                for unit_line in (line, lines[i + 1] if i + 1 < len(lines) else None):
                    if unit_line is None:
                        continue
                    unit_cells = [c.strip() for c in unit_line.text.split("|")]
                    at = [j for j, c in enumerate(unit_cells) if _PER_LENGTH.search(c)]
                    if len(at) == 2:
                        columns = (len(unit_cells), at)
                        break
            continue
        if len(cells) < 3 or not (_cable_size(cells[0]) | _cable_size(" ".join(cells[:2]))) & size:
            continue
        width, at = columns
        values = [
            _number(cells[j - width + len(cells)], comma)
            if len(cells) != width
            else _number(cells[j], comma)
            for j in at
        ]
        if None not in values:
            a, b = (v or 0.0 for v in values)
            pairs.setdefault((min(a, b), max(a, b)), line)
    if len(pairs) != 1:
        return None
    (cu, total), row = next(iter(pairs.items()))
    share = _share(cu, total)
    return (share, row) if share is not None else None


def _stated_copper(
    lines: Sequence[Line], article_name: str, comma: bool, source: str
) -> list[_Material]:
    """Copper from a cable's copper content that is most of its weight, when no material
    word names it ("copper_number_kg_km: 480" beside "weight_per_km: 590")."""
    found = _cable_copper(lines, article_name, comma)
    if found is None or found[0] < 0.5:
        return []
    line = found[1]
    location = f"{source}, {line.location}" if source and line.location else source
    evidence = Evidence(trim_quote(line.text), location or line.location, 0.8)
    return [_Material("copper", "copper", True, line.order, 1, evidence)]


def _cable_shares(
    lines: Sequence[Line], materials: Sequence[_Material], article_name: str, comma: bool
) -> tuple[list[_Material], dict[str, float]] | None:
    """Copper and the one insulation material a cable document names, by the copper share."""
    copper = [m for m in materials if m.code == "copper"]
    others = [m for m in materials if m.code not in {"copper", "glass_fibre"}]
    others = [m for m in others if m.strong] or others  # not the wooden drum's
    if not copper or len({m.code for m in others}) != 1:
        return None
    found = _cable_copper(lines, article_name, comma)
    if found is None:
        return None
    share = found[0]
    pool = sorted([copper[0], others[0]], key=lambda m: m.code != "copper")
    return pool, {"copper": share, others[0].code: 1.0 - share}


_BODY_WORD = re.compile(
    r"(?i)hous|gehäus|body|körper|corp[osu]|cuerpo|casing|frame|rahmen|base|shell|carcas|boîtier"
    r"|telaio|chassis|structur"
)
_WORD = re.compile(r"[^\W\d_][\w-]*")


def _mark_name_accessories(
    lines: Sequence[Line], mentions: Sequence[_Mention], article_name: str
) -> None:
    """A material beside a noun the name says comes with the article ("… with 20 ft strap",
    "… con arandela EPDM") is that accessory's: it follows the body's, as a seal's does."""
    nouns = {
        w.lower()[:5]
        for a in ACCESSORY.finditer(article_name)
        for w in _WORD.findall(a.group())
        if len(w) >= 4
        and w.lower() not in _NAME_STOP
        and not _BODY_WORD.match(w)
        and not any(True for _ in _word_matches(w))
    }
    if not nouns:
        return
    texts = {line.order: line.text for line in lines}
    for m in mentions:
        text = texts.get(m.order, "")
        start = m.pos
        end = start + len(m.name)
        before = re.split(r"[|;,:()]", text[max(0, start - 25) : start])[-1]
        after = re.split(r"[|;,:()]", text[end : end + 25])[0]
        near = [*_WORD.findall(before)[-2:], *_WORD.findall(m.name), *_WORD.findall(after)[:2]]
        if any(w.lower()[:5] in nouns for w in near) and not any(_BODY_WORD.match(w) for w in near):
            m.seal = True


_NAME_HEAD_END = re.compile(r"[,;(（]")


def _is_a_seal(article_name: str) -> bool:
    """The article is itself a seal ("O-Ring 20x2, NBR"), not a tap that names its cartridge
    after a comma ("Mixer tap, 35 mm cartridge")."""
    return bool(SEAL_WORDS.search(_NAME_HEAD_END.split(_own_name(article_name), 1)[0]))


def _own_name(article_name: str) -> str:
    """The article name without what comes with the article ("… mit Aluminium-Ösen")."""
    return ACCESSORY.sub(" ", article_name)


_NAME_TOKEN = re.compile(r"[0-9a-z\u00df-\u024f]+")
_NAME_STOP = frozenset(
    {"with", "without", "and", "the", "for", "per", "mit", "ohne", "und", "der", "die", "das"}
    | {"avec", "sans", "con", "senza", "sin", "pour", "para", "mm", "cm", "kg", "pcs", "stk"}
)
_CODE = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[a-z])[a-z0-9]+(?:[-.][a-z0-9]+)+(?![\w-])")


def _other_articles_rows(
    lines: Sequence[Line], mentions: Sequence[_Mention], article_name: str
) -> frozenset[int]:
    """Table rows of other articles, when one row of a list names the article.

    A price list, an ERP export or a catalogue table has one row per article, each with its
    own material ("… A2-70" beside "… 8 verzinkt"). The row that carries the name's article
    code, or nearly all of the name's words, is the article's; the others' materials are not.
    """
    named = {m.order for m in mentions}
    rows = {
        line.order: line.text.lower()
        for line in lines
        if len([c for c in line.text.split("|") if c.strip()]) >= 3
    }
    coated = {o for o, text in rows.items() if STEEL_COATINGS.search(text)}
    # a list whose other rows name materials, and whose zinc-plated rows name none of theirs
    if len(named & rows.keys()) < (1 if coated - named else 2):
        return frozenset()
    low = _own_name(article_name).lower()
    codes = {c for c in _CODE.findall(low) if not re.fullmatch(r"m?\d+(?:[.,]\d+)?(?:x\d+)+", c)}
    words = {t for t in _NAME_TOKEN.findall(low) if t not in _NAME_STOP}
    if not words:
        return frozenset()

    def score(text: str) -> float:
        if any(re.match(rf"\W*{re.escape(c)}(?![\w-])", text) for c in codes):
            return 3.0  # the row's own key ("BR-2040-Z: …"), not a kit row that lists it
        if any(re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text) for c in codes):
            return 2.0
        return len(words & set(_NAME_TOKEN.findall(text))) / len(words)

    scores = {order: score(text) for order, text in rows.items()}
    best = max(scores.values())
    top = {order for order, value in scores.items() if value == best}
    if best < 0.75 or len({rows[o] for o in top}) > 1:
        return frozenset()
    if not (top & named or any(STEEL_COATINGS.search(rows[o]) for o in top)):
        return frozenset()  # a bill of materials' assembly row: its parts' rows are the article
    return frozenset(rows.keys() - top)


# "Oberfläche: verzinkt" says what the surface is, not what is under it; "Tuerca M12 zincada"
# describes the part. A negation ("nicht verzinkt") names nothing.
_SURFACE_ONLY = re.compile(
    r"(?i)oberfl|surface|finish|finitura|acabado|finition|afwerking|wykończ|povrch|behandlung"
    r"|treatment|trattament|tratamiento|coating|beschicht|revêtement|rivestiment|\bnot?\b"
    r"|nicht|\bkein|\bohne\b|without|\bsans\b|\bsenza\b|\bsin\b"
)


def _coated_steel(
    lines: Sequence[Line], skip: frozenset[int], source: str, *, strong: bool
) -> list[_Mention]:
    """Steel from a zinc layer only steel gets ("Tuerca M12 zincada"), when nothing else is
    named: galvanising is the steel's finish, not an assumption from the kind of article."""
    out: list[_Mention] = []
    for line in lines:
        if line.order in skip or line.packaging:
            continue
        m = next(
            (
                m
                for m in STEEL_COATINGS.finditer(line.text)
                if not _SURFACE_ONLY.search(line.text[max(0, m.start() - 40) : m.start()])
            ),
            None,
        )
        if m is None:
            continue
        location = f"{source}, {line.location}" if source and line.location else source
        stated = strong or _is_strong(line)
        evidence = Evidence(
            trim_quote(line.text), location or line.location, 0.8 if stated else 0.5
        )
        word = m.group().strip()
        out.append(
            _Mention("steel", f"steel ({word})", stated, line.order, evidence, pos=m.start())
        )
    return out


def _name_materials(article_name: str) -> list[_Material]:
    """The name's own material as a document material, quoted from the name."""
    found, _ = find_materials_with_note(
        [Section("", _own_name(article_name))],
        source="article name",
        names_the_article=True,
        coatings=False,
    )
    return [
        _Material(
            f.index_code,
            f.name,
            True,
            -1,
            1,
            f.evidence or Evidence(article_name, "article name", 0.6),
        )
        for f in found
        if f.index_code not in _NOT_A_BASE
        and not FINISH_METALS.match(f.name)
        and not CABLE_TYPES.fullmatch(f.name)
    ][:1]


# A family a line may name again more precisely: "ceramic diaphragm (alumina)" is one material.
_SAME_LINE_REFINES = {"ceramics": "technical_ceramics"}
# A family the document may name more precisely than the name does.
_REFINED = {
    "steel": frozenset({"stainless_steel", "cast_iron"}),  # "鉄器" in the name, "鋳鉄" inside
    "ceramics": frozenset({"technical_ceramics"}),  # "Ceramic ring", "Material: Al2O3"
    "pa6": frozenset({"pa66", "pa12"}),  # "尼龙扎带" in the name, "尼龙66 (PA66)" inside
}
_NOT_A_BASE = frozenset({"glass_fibre", "zinc"})  # a filler, a coating ("verzinkt")
_NOT_A_BASE_NAMED = frozenset({"glass_fibre"})


@functools.lru_cache(maxsize=64)
def _named_codes(article_name: str) -> frozenset[str]:
    """The base materials an article name names (none for an empty name)."""
    if not article_name:
        return frozenset()
    found, _ = find_materials_with_note(
        [Section("", _own_name(article_name))], source="", names_the_article=True, coatings=False
    )
    # a die-cast zinc ("Zamak 3") is the body; a bare plating word ("satin nickel") a finish
    return frozenset(
        m.index_code
        for m in found
        if m.index_code not in _NOT_A_BASE_NAMED
        and not FINISH_METALS.match(m.name)
        and not CABLE_TYPES.fullmatch(m.name)
    )


def find_materials(sections: Sequence[Section], *, source: str) -> list[MaterialFinding]:
    """Materials named in the sections, main material first, with mass shares filled."""
    return find_materials_with_note(sections, source=source)[0]
