"""The default cost-index catalogue a fresh database starts with (inserted by the first migration).

Codes are stable identifiers the analyzers map materials onto; names are for people.

`unidentified_material` is where the material part of a cost model goes when no document names
the material: it carries no values of its own, so pricing keeps the analysis's estimate and the
price development holds its share at the base price (ratio 1, marked `missing`) until a person
names the material or gives the index values.
"""

from typing import Final

DEFAULT_INDICES: Final[tuple[tuple[str, str, str, str], ...]] = (
    # code, name, unit, category
    ("steel", "Steel (carbon / low-alloy)", "EUR/t", "metal"),
    ("stainless_steel", "Stainless steel", "EUR/t", "metal"),
    ("cast_iron", "Cast iron", "EUR/t", "metal"),
    ("aluminium", "Aluminium", "EUR/t", "metal"),
    ("copper", "Copper", "EUR/t", "metal"),
    ("brass", "Brass", "EUR/t", "metal"),
    ("bronze", "Bronze", "EUR/t", "metal"),
    ("zinc", "Zinc", "EUR/t", "metal"),
    ("nickel", "Nickel", "EUR/t", "metal"),
    ("tin", "Tin", "EUR/t", "metal"),
    ("pp", "Polypropylene (PP)", "EUR/t", "polymer"),
    ("pe_hd", "Polyethylene high density (PE-HD)", "EUR/t", "polymer"),
    ("pe_ld", "Polyethylene low density (PE-LD)", "EUR/t", "polymer"),
    ("abs", "Acrylonitrile butadiene styrene (ABS)", "EUR/t", "polymer"),
    ("pc", "Polycarbonate (PC)", "EUR/t", "polymer"),
    ("pa6", "Polyamide 6 (PA6)", "EUR/t", "polymer"),
    ("pa66", "Polyamide 66 (PA66)", "EUR/t", "polymer"),
    ("pom", "Polyoxymethylene (POM)", "EUR/t", "polymer"),
    ("pbt", "Polybutylene terephthalate (PBT)", "EUR/t", "polymer"),
    ("pet", "Polyethylene terephthalate (PET)", "EUR/t", "polymer"),
    ("pvc", "Polyvinyl chloride (PVC)", "EUR/t", "polymer"),
    ("ps", "Polystyrene (PS)", "EUR/t", "polymer"),
    ("pmma", "Polymethyl methacrylate (PMMA)", "EUR/t", "polymer"),
    ("rubber", "Rubber (NR, EPDM, NBR, silicone)", "EUR/t", "polymer"),
    ("pe_lld", "Polyethylene linear low density (PE-LLD)", "EUR/t", "polymer"),
    ("pe_x", "Cross-linked polyethylene (PE-X)", "EUR/t", "polymer"),
    ("tpe", "Thermoplastic elastomer (TPE)", "EUR/t", "polymer"),
    ("pu", "Polyurethane (PU, TPU)", "EUR/t", "polymer"),
    ("ptfe", "Polytetrafluoroethylene (PTFE)", "EUR/t", "polymer"),
    ("pvdf", "Polyvinylidene fluoride (PVDF)", "EUR/t", "polymer"),
    ("peek", "Polyether ether ketone (PEEK)", "EUR/t", "polymer"),
    ("ppsu", "Polyphenylsulfone (PPSU)", "EUR/t", "polymer"),
    ("pa12", "Polyamide 12 and 11 (PA12, PA11)", "EUR/t", "polymer"),
    ("pla", "Polylactic acid (PLA)", "EUR/t", "polymer"),
    ("petg", "Glycol-modified PET (PETG)", "EUR/t", "polymer"),
    ("epp", "Expanded polypropylene (EPP)", "EUR/t", "polymer"),
    ("glass_fibre", "Glass fibre", "EUR/t", "other"),
    ("glass", "Glass", "EUR/t", "other"),
    ("wood", "Wood", "EUR/m3", "other"),
    ("paper_cardboard", "Paper and cardboard", "EUR/t", "other"),
    ("technical_ceramics", "Technical ceramics (alumina, zirconia, SiC, Si3N4)", "EUR/t", "other"),
    ("ceramics", "Ceramics (porcelain, stoneware, earthenware)", "EUR/t", "other"),
    ("textile", "Textiles (fabric, webbing, felt, non-woven)", "EUR/t", "other"),
    ("leather", "Leather", "EUR/t", "other"),
    ("electronics", "Electronic components", "index 2020=100", "other"),
    ("unidentified_material", "Unidentified material (to be named)", "EUR/t", "other"),
    ("electricity", "Electricity (industrial)", "EUR/MWh", "energy"),
    ("natural_gas", "Natural gas", "EUR/MWh", "energy"),
    ("labour", "Labour cost (manufacturing)", "EUR/h", "labour"),
)

UNIDENTIFIED_MATERIAL: Final = "unidentified_material"
# The material families migration 0011 added to existing catalogues (their descriptions mark
# the rows it added, so that its downgrade removes only those).
CERAMIC_TEXTILE_DESCRIPTIONS: Final[dict[str, str]] = {
    "technical_ceramics": (
        "Oxide and non-oxide technical ceramics (alumina/Al2O3, zirconia/ZrO2, silicon carbide, "
        "silicon nitride, steatite, cordierite), as pressed and sintered parts."
    ),
    "ceramics": (
        "Clay-based ceramics (porcelain, stoneware, earthenware, terracotta), and a ceramic "
        "the documents do not name more precisely."
    ),
    "textile": (
        "Woven, knitted and non-woven textiles of natural or synthetic fibres (cotton, "
        "polyester, nylon webbing, wool, felt), coated fabrics (artificial leather) included."
    ),
    "leather": "Tanned hides (cow, goat, sheep), suede and nubuck; not artificial leather.",
}
# The polymer families migration 0012 added to existing catalogues (described likewise).
POLYMER_DESCRIPTIONS: Final[dict[str, str]] = {
    "pe_lld": (
        "Linear low-density polyethylene (LLDPE, PE-LLD, PEBDL): stretch and cling "
        "films, liners, rotomoulded tanks."
    ),
    "pe_x": (
        "Cross-linked polyethylene (PE-Xa, PE-Xb, PE-Xc; PEX, French PER): heating and "
        "plumbing pipes, cable insulation."
    ),
    "tpe": (
        "Thermoplastic elastomers moulded as plastics (TPE-S/SEBS, TPE-O, TPE-E, TPV): "
        "grips, mats, soft-touch parts, cable sheaths. Polyurethane elastomers are "
        "under PU."
    ),
    "pu": "Polyurethanes: thermoplastic (TPU) hoses and wheels, cast PUR, foams.",
    "ptfe": "PTFE (Teflon) and filled PTFE compounds: gaskets, seals, slide bearings, linings.",
    "pvdf": "PVDF: chemical-resistant valves, pipes and fittings, membranes.",
    "peek": "PEEK and filled PEEK compounds: high-temperature insulators, bushes, medical parts.",
    "ppsu": "PPSU: press fittings for drinking water and heating, sterilisable housings.",
    # migration 0013: families priced apart from their neighbours (PA6, PET, PP)
    "pa12": (
        "Long-chain polyamides PA12 and PA11: fuel and air-brake tubes, sintered (SLS, MJF) "
        "printed parts."
    ),
    "pla": "Polylactic acid (PLA), a bio-based polyester: 3D-printing filament, cups, films.",
    "petg": "Glycol-modified PET (PETG, PET-G): 3D-printing filament, sheets, displays.",
    "epp": "Expanded polypropylene bead foam (EPP): insulated boxes, crash pads, packaging.",
}
# Descriptions of the default indices that need one (the others' names say it all).
DEFAULT_DESCRIPTIONS: Final[dict[str, str]] = {
    **CERAMIC_TEXTILE_DESCRIPTIONS,
    **POLYMER_DESCRIPTIONS,
    UNIDENTIFIED_MATERIAL: (
        "The material part of an article whose documents name no material. It has no values: "
        "its share does not move the price development until a person names the material."
    ),
}
