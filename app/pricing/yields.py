"""Yield (scrap) factors per process family: how much material is bought per kilogram that
ends up in the part.

    material cost = weight × mass share × index value per kg × yield factor

The factor is the gross input mass over the net part mass (1 / material utilisation): the
chips of a part turned from bar, the skeleton of a stamped strip, the flash of a forging.
The defaults below are typical figures for series production, rounded; they are starting
points that a cost engineer may contest, so every computed part shows the factor, the family
and where the family came from.

| family | factor | why |
|---|---|---|
| machining_from_bar | 1.60 | turned or milled from bar or plate: much of the stock becomes chips |
| sheet_metal_stamping | 1.30 | stamped, bent or laser-cut from sheet or strip: the skeleton |
| forging | 1.25 | closed-die forged: flash, scale and the bar's cut-off |
| sand_casting | 1.15 | sand or investment cast: melt loss and rejects (runners remelted) |
| die_casting | 1.10 | pressure die cast: melt loss and rejects (overflows remelted) |
| extrusion | 1.10 | extruded profile: the billet's butt end and the cut-offs |
| injection_moulding | 1.03 | injection moulded: start-up scrap, rejects (cold runners reground) |
| electronics_assembly | 1.02 | placed parts and boards: attrition only |

The family is the process the analysis named (its `process`: the offline rules say which
one their cost model is for, and the model path takes theirs); else the one the main material
usually implies (the offline rules: zinc or an AlSi alloy is die cast, cast iron sand cast, a
polymer moulded, brass, bronze and stainless steel machined). When neither gives one (or a
generic one), the material's category decides, as before: metal 1.15, polymer 1.05, other
materials 1.10. A family applies to the materials it shapes (a die-cast part's metal, a moulded
part's polymer); another material of the same article (a metal insert in a moulded part) takes
its category's factor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.analyzers.base import MaterialFinding
from app.analyzers.offline.cost_model import PROCESSES, detect_process


@dataclass(frozen=True, slots=True)
class Family:
    factor: float
    shapes: frozenset[str]  # the index categories the process shapes


METAL = frozenset({"metal"})
POLYMER = frozenset({"polymer"})
FAMILIES: dict[str, Family] = {
    "machining_from_bar": Family(1.60, METAL | POLYMER),
    "sheet_metal_stamping": Family(1.30, METAL),
    "forging": Family(1.25, METAL),
    "sand_casting": Family(1.15, METAL),
    "die_casting": Family(1.10, METAL),
    "extrusion": Family(1.10, METAL | POLYMER),
    "injection_moulding": Family(1.03, POLYMER),
    "electronics_assembly": Family(1.02, frozenset({"metal", "polymer", "other"})),
}
BY_CATEGORY = {"metal": 1.15, "polymer": 1.05, "other": 1.10}
# The analysis's process (the offline analyzer's names) → its family; `generic` has none.
FAMILY_OF_PROCESS = {
    "machining": "machining_from_bar",
    "sheet_metal": "sheet_metal_stamping",
    "forging": "forging",
    "casting": "sand_casting",
    "die_casting": "die_casting",
    "extrusion": "extrusion",
    "injection_moulding": "injection_moulding",
    "electronics_assembly": "electronics_assembly",
}
_FAMILY_OF_NAME = {PROCESSES[key].name: family for key, family in FAMILY_OF_PROCESS.items()}
_NOTE = re.compile(r"^cost model for (.+)$")


@dataclass(frozen=True, slots=True)
class YieldChoice:
    factor: float
    family: str | None  # None: the material's category decided
    rule: str  # where the factor came from, for the part's basis


def process_family(
    metadata: Mapping[str, Any] | None,
    materials: Sequence[Mapping[str, Any]] = (),
    *,
    chosen: str | None = None,
) -> str | None:
    """The family of the process a person `chosen`, else of the one the analysis named (its
    `process`; an analysis stored before that field says it in the note "cost model for …"),
    else of the one the main material implies (`materials`: the materials in force, main
    first)."""
    process = chosen or (metadata or {}).get("process")
    if isinstance(process, str) and process:
        return FAMILY_OF_PROCESS.get(process)  # a generic process: no family
    for note in (metadata or {}).get("notes") or []:
        match = _NOTE.match(str(note))
        if match:
            return _FAMILY_OF_NAME.get(match[1])  # a generic process: no family
    findings = [
        MaterialFinding(str(m["index_code"]), str(m.get("name") or ""), m.get("mass_share"), None)
        for m in materials
        if m.get("index_code")
    ]
    return _FAMILY_OF_NAME.get(detect_process(findings).name) if findings else None


def yield_factor(family: str | None, category: str) -> YieldChoice:
    """The factor for one material of an article made by `family`."""
    chosen = FAMILIES.get(family or "")
    if chosen is not None and category in chosen.shapes:
        return YieldChoice(chosen.factor, family, f"process family {family}")
    fallback = BY_CATEGORY.get(category, 1.0)
    if chosen is not None:
        return YieldChoice(fallback, None, f"{category} default ({family} does not shape it)")
    return YieldChoice(fallback, None, f"{category} default (no process named)")
