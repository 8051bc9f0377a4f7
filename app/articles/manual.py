"""How corrections by people show over the analysis's values (no I/O: used by every read)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def effective_materials(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The materials in force: a person's, else the analysis's (without their evidence)."""
    if row["manual_materials"] is not None:
        return list(row["manual_materials"])
    metadata = row["extracted_metadata"] or {}
    return [
        {"index_code": m["index_code"], "name": m["name"], "mass_share": m.get("mass_share")}
        for m in metadata.get("materials", [])
    ]


def overlay(values: Mapping[str, Any]) -> dict[str, Any]:
    """The article's stored columns as the API shows them: corrections over the analysis."""
    shown = dict(values)
    shown["corrections"] = {
        "unit_weight": bool(values.get("weight_manual")),
        "materials": values.get("manual_materials") is not None,
        "cost_model": bool(values.get("cost_model_manual")),
        "process": values.get("manual_process") is not None,
    }
    metadata = values.get("extracted_metadata")
    if metadata is not None and (
        values.get("weight_manual")
        or values.get("manual_materials") is not None
        or values.get("manual_process") is not None
    ):
        metadata = dict(metadata)
        if values.get("manual_process") is not None:
            metadata["process"] = values["manual_process"]
        if values.get("manual_materials") is not None:
            metadata["materials"] = [{**m, "manual": True} for m in values["manual_materials"]]
        if values.get("weight_manual") and isinstance(metadata.get("review"), dict):
            metadata["review"] = {**metadata["review"], "weight_status": "manual"}
        shown["extracted_metadata"] = metadata
    return shown


def material_grams(
    unit_weight_kg: float | None, materials: Sequence[Mapping[str, Any]]
) -> dict[str, float]:
    """Grams of each material index in one piece, when the weight and mass shares are known."""
    if unit_weight_kg is None:
        return {}
    grams: dict[str, float] = {}
    for material in materials:
        if material.get("mass_share"):
            code = material["index_code"]
            grams[code] = round(
                grams.get(code, 0.0) + unit_weight_kg * 1000 * material["mass_share"], 3
            )
    return grams
