"""Turn materials, weight and the implied process into cost-index shares, deterministically.

The split is: materials | labour | energy, with the proportions set by the manufacturing
process the materials (and the document's wording) imply. Within the material part each
material counts by mass share × a typical relative price per kg, because a kilogram of
stainless steel moves the article's cost more than a kilogram of carbon steel.

Only catalogue codes are used: a share whose code is missing from the catalogue is handed to
the remaining shares of its group (energy → electricity → labour, material → other
materials), never to an invented code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.analyzers.base import CatalogueIndex, CostShare, MaterialFinding, WeightFinding
from app.analyzers.offline._regex import first_start, literal_heads

__all__ = [
    "FAMILY_SHIFTS",
    "PRICE_FACTOR",
    "PROCESSES",
    "UNIDENTIFIED",
    "FamilyShift",
    "Process",
    "build_cost_model",
    "detect_process",
]

# The catalogue code of a material nobody has named yet (a share a person must resolve).
UNIDENTIFIED = "unidentified_material"

# Typical price per kg relative to carbon steel (= 1.0), rounded; good enough to weight
# shares, not to quote prices. Electronics is per kg of populated board.
PRICE_FACTOR: dict[str, float] = {
    "steel": 1.0,
    "stainless_steel": 3.2,
    "cast_iron": 0.8,
    "aluminium": 2.8,
    "copper": 9.0,
    "brass": 6.5,
    "bronze": 8.5,
    "zinc": 3.0,
    "nickel": 18.0,
    "tin": 28.0,
    "pp": 1.5,
    "pe_hd": 1.5,
    "pe_ld": 1.6,
    "abs": 2.4,
    "pc": 3.2,
    "pa6": 3.0,
    "pa66": 3.6,
    "pom": 2.8,
    "pbt": 3.0,
    "pet": 1.5,
    "pvc": 1.3,
    "ps": 1.6,
    "pmma": 2.8,
    "rubber": 3.0,
    # Typical list prices of the granulate, steel at 0.8-0.9 EUR/kg: PE-LLD as PE-LD;
    # PE-X compound 2-3 EUR/kg; TPE 2.5-4; TPU 4-6; PTFE 8-15; PVDF 15-25; PPSU 20-30;
    # PEEK 60-100.
    "pe_lld": 1.6,
    "pe_x": 2.8,
    "tpe": 3.5,
    "pu": 5.0,
    "ptfe": 12.0,
    "pvdf": 20.0,
    "ppsu": 25.0,
    "peek": 90.0,
    # PA12/PA11 granulate 8-12 EUR/kg; PLA and PETG 2-3; EPP beads 2.5-3.5
    "pa12": 10.0,
    "pla": 2.5,
    "petg": 2.6,
    "epp": 3.0,
    "glass_fibre": 1.8,
    "glass": 1.0,
    "wood": 0.8,
    "paper_cardboard": 0.9,
    # Typical published price ranges, steel at 0.8-0.9 EUR/kg: ready-to-press alumina
    # granulate 3-8 EUR/kg (most of the technical-ceramics market; zirconia 25-60, SiC and
    # Si3N4 powders 10-50); a prepared porcelain or stoneware body 0.3-0.8 EUR/kg; woven and
    # knitted fabric and webbing 3-10 EUR/kg (non-wovens 1.5-3); finished cattle leather
    # 15-40 EUR/m2 at about 1.2 kg/m2.
    "technical_ceramics": 8.0,
    "ceramics": 0.6,
    "textile": 5.0,
    "leather": 20.0,
    "electronics": 40.0,
    UNIDENTIFIED: 1.0,
}


@dataclass(frozen=True, slots=True)
class Process:
    """How cost divides between material, labour and energy for one kind of manufacturing."""

    name: str
    material: float
    labour: float
    electricity: float
    natural_gas: float = 0.0


PROCESSES: dict[str, Process] = {
    "die_casting": Process("die casting", 0.55, 0.20, 0.15, 0.10),
    "casting": Process("casting", 0.45, 0.25, 0.10, 0.20),
    "forging": Process("forging", 0.50, 0.20, 0.10, 0.20),
    "injection_moulding": Process("injection moulding", 0.55, 0.20, 0.25),
    "machining": Process("machining", 0.45, 0.40, 0.15),
    "sheet_metal": Process("sheet-metal forming", 0.60, 0.25, 0.15),
    "extrusion": Process("extrusion", 0.65, 0.15, 0.20),
    "electronics_assembly": Process("electronics assembly", 0.65, 0.27, 0.08),
    "generic": Process("generic manufacturing", 0.60, 0.28, 0.12),
}

_PROCESS_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "electronics_assembly",
        re.compile(r"\bpcba?\b|leiterplatte|bestück|\bsmd\b|reflow|löt|solder"),
    ),
    (
        "die_casting",
        re.compile(r"druckguss|die[\s-]?cast|zamak|\bgd-|druckgegossen|pressure\s+die"),
    ),
    (
        "injection_moulding",
        re.compile(r"spritzguss|spritzgegossen|injection[\s-]?mou?ld|spritzgieß"),
    ),
    (
        "casting",
        re.compile(
            r"sandguss|sand[\s-]cast|\bguss\b|gusseisen|cast\s+iron|feinguss|investment\s+cast"
        ),
    ),
    ("forging", re.compile(r"geschmiedet|schmiede|forg(?:ed|ing)")),
    ("extrusion", re.compile(r"strangpress|extru(?:ded|sion)|profil\b|profile\b")),
    (
        "sheet_metal",
        re.compile(
            r"stanz|stamp(?:ed|ing)|punch|tiefgezogen|deep[\s-]drawn|biege|bent\b|blech|sheet\s+metal|laser[\s-]?cut|lasergeschnitten"
        ),
    ),
    (
        "machining",
        re.compile(
            r"gedreht|gefräst|drehteil|frästeil|\bcnc\b|machin(?:ed|ing)|turned|milled|zerspan|geschliffen|ground\b"
        ),
    ),
)
# Every process word in one pattern (the text is lower case): one pass finds which are named,
# the order of _PROCESS_WORDS then decides.
_ANY_PROCESS = re.compile("|".join(f"(?P<{key}>{p.pattern})" for key, p in _PROCESS_WORDS))
# The literal text each process word starts with: where none occurs no scan is needed, and the
# scan starts at the first that does (most data sheets name no process).
_HEADS_PER_WORD = [literal_heads(p.pattern) for _, p in _PROCESS_WORDS]
_PROCESS_HEADS = (
    None
    if any(heads is None for heads in _HEADS_PER_WORD)
    else tuple(h for heads in _HEADS_PER_WORD for h in heads or ())
)
_POLYMERS = {
    "pp",
    "pe_hd",
    "pe_ld",
    "abs",
    "pc",
    "pa6",
    "pa66",
    "pom",
    "pbt",
    "pet",
    "pvc",
    "ps",
    "pmma",
    "rubber",
    "pe_lld",
    "pe_x",
    "tpe",
    "pu",
    "ptfe",
    "pvdf",
    "peek",
    "ppsu",
    "pa12",
    "pla",
    "petg",
    "epp",
}


@dataclass(frozen=True, slots=True)
class FamilyShift:
    """What a material family moves between the parts whatever the process: a ceramic is fired
    in a kiln, a textile or a leather is cut and sewn. Added to the process's split when the
    family is the main material (the first, as the material rules order them)."""

    why: str
    material: float
    labour: float
    electricity: float
    natural_gas: float = 0.0


# Energy is 15-30 % of the production cost of fired ceramics (gas kilns at 1,200-1,400 °C for
# clay bodies; technical ceramics sinter at 1,500-1,800 °C, often electrically); making up a
# textile or leather article is mostly labour (cutting, sewing: 30-40 %) and little energy.
FAMILY_SHIFTS: dict[str, FamilyShift] = {
    "ceramics": FamilyShift("the kiln firing of a ceramic", -0.10, 0.0, 0.0, 0.10),
    "technical_ceramics": FamilyShift("the sintering of a ceramic", -0.10, 0.0, 0.05, 0.05),
    "textile": FamilyShift("cutting and sewing a textile", -0.05, 0.10, -0.05),
    "leather": FamilyShift("cutting and sewing leather", -0.05, 0.10, -0.05),
}


def detect_process(materials: Sequence[MaterialFinding], text: str = "") -> Process:
    """The process the document names, else the one the main material usually implies."""
    return _detect_process(tuple(materials), text)


@functools.lru_cache(maxsize=8)
def _detect_process(materials: tuple[MaterialFinding, ...], text: str) -> Process:
    low = text[:200_000].lower()
    start = first_start(low, _PROCESS_HEADS)
    # one scan of the text, from where a process word can first start
    named = {m.lastgroup for m in _ANY_PROCESS.finditer(low, start)} if start >= 0 else set()
    for key, _ in _PROCESS_WORDS:
        if key in named:
            return PROCESSES[key]
    codes = [m.index_code for m in materials]
    main = codes[0] if codes else None
    if "electronics" in codes:
        return PROCESSES["electronics_assembly"]
    if main == "zinc" or any(re.match(r"(?i)al\s?si|en\s?ac|gd", m.name) for m in materials[:1]):
        return PROCESSES["die_casting"]
    if main == "cast_iron":
        return PROCESSES["casting"]
    if main in _POLYMERS:
        return PROCESSES["injection_moulding"]
    if main in {"brass", "bronze", "stainless_steel"}:
        return PROCESSES["machining"]
    return PROCESSES["generic"]


def _to_parts(raw: dict[str, float]) -> list[tuple[str, int]]:
    """Round to units of 1/10000 that sum to exactly 10000; the largest share absorbs rounding."""
    total = sum(raw.values())
    units = {code: round(value / total * 10000) for code, value in raw.items()}
    units = {code: u for code, u in units.items() if u > 0}
    largest = max(units, key=lambda c: (units[c], c))
    units[largest] += 10000 - sum(units.values())
    return sorted(units.items(), key=lambda cu: (-cu[1], cu[0]))


def build_cost_model(
    materials: Sequence[MaterialFinding],
    weight: WeightFinding | None,
    catalogue: Sequence[CatalogueIndex],
    *,
    text: str = "",
) -> list[CostShare]:
    """Cost shares over catalogue codes, each in (0, 1] with 4 decimals, summing to 1.

    Small parts (< 10 g) shift 5 points from material to labour (handling dominates), heavy
    ones (> 5 kg) 5 points the other way; a ceramic, textile or leather main material shifts
    its family's points (`FAMILY_SHIFTS`). With no material at all nothing is assumed: the
    material part goes to the catalogue's `unidentified_material` index when it has one, and
    is left out (labour and energy only) when it has not.
    """
    codes = {index.code for index in catalogue}
    if not codes:
        return []
    process = detect_process(materials, text)
    mat_part, labour, elec, gas = (
        process.material,
        process.labour,
        process.electricity,
        process.natural_gas,
    )
    if weight is not None and weight.grams < 10:
        mat_part, labour = mat_part - 0.05, labour + 0.05
    elif weight is not None and weight.grams > 5000:
        mat_part, labour = mat_part + 0.05, labour - 0.05
    shift = FAMILY_SHIFTS.get(materials[0].index_code) if materials else None
    if shift is not None:
        mat_part, labour, elec, gas = (
            max(0.05, mat_part + shift.material),
            max(0.0, labour + shift.labour),
            max(0.0, elec + shift.electricity),
            max(0.0, gas + shift.natural_gas),
        )
    made = f"{process.name} and {shift.why}" if shift is not None else process.name
    assumed = False
    weighted: dict[str, float] = {}
    for m in materials:
        if m.index_code in codes and m.index_code in PRICE_FACTOR:
            share = m.mass_share if m.mass_share is not None else 1.0 / len(materials)
            weighted[m.index_code] = (
                weighted.get(m.index_code, 0.0) + share * PRICE_FACTOR[m.index_code]
            )
    if not weighted:
        assumed = True
        if UNIDENTIFIED in codes:
            weighted[UNIDENTIFIED] = 1.0
    raw: dict[str, float] = {}
    total_w = sum(weighted.values())
    for code, w in weighted.items():
        raw[code] = mat_part * w / total_w
    if "natural_gas" not in codes:
        elec, gas = elec + gas, 0.0
    if "electricity" not in codes:
        labour, elec = labour + elec, 0.0
    if "labour" not in codes:
        if raw:
            scale = (sum(raw.values()) + labour) / sum(raw.values())
            raw = {c: v * scale for c, v in raw.items()}
        else:
            elec += labour
        labour = 0.0
    for code, value in (("labour", labour), ("electricity", elec), ("natural_gas", gas)):
        if value > 0 and code in codes:
            raw[code] = raw.get(code, 0.0) + value
    if not raw:
        return []
    parts = _to_parts(raw)
    out: list[CostShare] = []
    for code, units in parts:
        if code == "labour":
            why = f"labour for {made}"
        elif code in ("electricity", "natural_gas"):
            why = f"energy for {made}"
        elif assumed:
            why = "no material identified: an unidentified material, to be named by a person"
        else:
            names = ", ".join(m.name for m in materials if m.index_code == code)
            why = f"material {names}: mass share × relative price {PRICE_FACTOR[code]:g}"
        out.append(CostShare(code, units / 10000, why))
    return out
