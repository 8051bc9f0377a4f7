"""The main material of invented documents, fifteenth pass: the long-chain polyamides, PLA,
PETG and EPP as families of their own, tissue and filter papers, words for the counterpart
and for a bonded or cast skin, and the scorer's comparison of plastic codes.

Each cause has a counterpart case where the rule must not fire.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from app.indices.seed import DEFAULT_INDICES
from tests.analyzers.offline_support import assert_weight
from tests.analyzers.test_offline_materials_tenth import main_material


def _scorer():  # type: ignore[no-untyped-def]
    """bench/offline_accuracy.py by path, as test_offline_corpus loads it."""
    if "offline_accuracy" in sys.modules:
        return sys.modules["offline_accuracy"]
    path = Path(__file__).resolve().parents[2] / "bench" / "offline_accuracy.py"
    spec = importlib.util.spec_from_file_location("offline_accuracy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_BENCH = _scorer()
FAMILY, material_matches, plastic_code = (
    _BENCH.FAMILY,
    _BENCH.material_matches,
    _BENCH.plastic_code,
)

NEW_POLYMERS = ("pa12", "pla", "petg", "epp")


def test_every_new_family_is_a_polymer_index_of_the_default_catalogue() -> None:
    categories = {code: category for code, _, _, category in DEFAULT_INDICES}
    assert {code: categories.get(code) for code in NEW_POLYMERS} == dict.fromkeys(
        NEW_POLYMERS, "polymer"
    )
    assert all(code in FAMILY for code in NEW_POLYMERS)


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        # long-chain polyamides: the grade, in words, beside a general polyamide word
        ("Air brake tube 12 x 9\nMaterial: PA12, black\n", "Air brake tube 12 x 9", "pa12"),
        ("Kraftstoffleitung 8 x 1\nWerkstoff: Polyamid 12\n", "Kraftstoffleitung 8 x 1", "pa12"),
        ("Tuyau pneumatique\nMatière : polyamide PA11\n", "Tuyau pneumatique", "pa12"),
        ("Tubo aria 6 x 4\nMateriale: poliammide PA12\n", "Tubo aria 6 x 4", "pa12"),
        ("Soporte impreso\nMaterial: poliamida 12 (SLS)\n", "Soporte impreso", "pa12"),
        # counterparts: PA6 and PA66 stay themselves
        ("Cable tie 200 mm\nMaterial: PA66\n", "Cable tie 200 mm", "pa66"),
        ("Dübel 8 mm\nWerkstoff: Polyamid PA6\n", "Dübel 8 mm", "pa6"),
        ("Clip\nMaterial: polyamide\n", "Clip", "pa6"),
        # PLA and PETG filaments, not the paper spool nor PET
        (
            "Filament 1,75 mm, 1 kg\nMaterial: PLA\nSpule: Karton\n",
            "Filament 1,75 mm, 1 kg",
            "pla",
        ),
        ("Bobine 1 kg\nMatière : acide polylactique\n", "Bobine 1 kg", "pla"),
        ("Filament 2.85 mm\nMaterial: PETG, transparent\n", "Filament 2.85 mm", "petg"),
        ("Platte 2 mm\nWerkstoff: PET-G\n", "Platte 2 mm", "petg"),
        ("Bottle 500 ml\nMaterial: PET\n", "Bottle 500 ml", "pet"),
        # EPP bead foam before PP
        ("Thermobox 40 l\nMaterial: EPP, 60 g/l\n", "Thermobox 40 l", "epp"),
        ("Caja isotérmica\nMaterial: polipropileno expandido\n", "Caja isotérmica", "epp"),
        ("Storage box 20 l\nMaterial: PP\n", "Storage box 20 l", "pp"),
        # tissue and filter papers named by their pulp or as cellulose
        (
            "Toilet roll T-3, 3-ply\nFibre: recycled pulp\n",
            "Toilet roll T-3, 3-ply",
            "paper_cardboard",
        ),
        (
            "Filterscheibe 110 mm\nReine Cellulose, aschearm\n",
            "Filterscheibe 110 mm",
            "paper_cardboard",
        ),
        ("Filtro 90 mm\nMateriale: cellulosa pura\n", "Filtro 90 mm", "paper_cardboard"),
        ("Veckat filter 125 mm\nsilkespapper, vitt\n", "Veckat filter 125 mm", "paper_cardboard"),
        ("Scatola 40x30x30\nonda doppia BC\n", "Scatola 40x30x30", "paper_cardboard"),
        # counterparts: a cellulose plastic, a cellulose sponge, a cellulose chemical
        ("Brillengestell\nWerkstoff: Celluloseacetat\n", "Brillengestell", None),
        ("Sponge cloth\nMaterial: cellulose sponge, cotton\n", "Sponge cloth", "textile"),
        ("Verdickungsmittel\nMethylcellulose, Pulver\n", "Verdickungsmittel", None),
        # what the article is for: "para madera" before its head, "für … Holztüren"
        (
            "Tornillo para madera 5 x 60, cabeza avellanada\nMaterial: acero\n",
            "Tornillo para madera 5 x 60",
            "steel",
        ),
        (
            "Scharnier für gefälzte Holztüren, Stahl verzinkt\nGewicht: 120 g\n",
            "Scharnier für gefälzte Holztüren",
            "steel",
        ),
        ("Schneidbrett 30 x 20\nMaterial: Holz, Buche\n", "Schneidbrett 30 x 20", "wood"),
        # a bonded or clad skin on a core; a cast zinc in Swedish and Danish; "vz" after a size
        (
            "Copper-bonded ground rod 1.5 m\nCore | carbon steel\nCopper bonding | 254 µm\n",
            "Copper-bonded ground rod 1.5 m",
            "steel",
        ),
        ("Busbar 20 x 5\nMaterial: copper, tinned\n", "Busbar 20 x 5", "copper"),
        ("Handtag H-4\nMaterial: zinkgjutgods, förkromat\n", "Handtag H-4", "zinc"),
        ("Greb G-2\nMateriale: zinktrykstøbt\n", "Greb G-2", "zinc"),
        ("Pos 1  Sechskantschraube M8 x 40 vz  100 Stk\n", "Sechskantschraube M8 x 40", "steel"),
        ("Pos 1  Hülse VZ-Typ  100 Stk\n", "Hülse VZ-Typ", None),
        # the article is the film or the box its name says: that word names no packaging
        (
            "Stretch film 500 mm\nFilm: LLDPE, cast\nRoll weight: 2 kg (incl. cardboard core)\n",
            "Stretch film 500 mm",
            "pe_lld",
        ),
        (
            "Shipping box S-2\nDescription=Shipping box | Board=C flute\n",
            "Shipping box S-2",
            "paper_cardboard",
        ),
        ("Bracket B-1\nDescription=Bracket | Packed in box, C flute\n", "Bracket B-1", None),
    ],
)
def test_main_material(text: str, name: str, code: str | None) -> None:
    assert main_material(text, name) == code


CASES = [
    # the new families do not change which weight is the article's
    (
        "filament.txt",
        "Filament PLA 1,75 mm\nNettogewicht: 1 kg\nBruttogewicht: 1,3 kg\n",
        "Filament PLA 1,75 mm",
        1000,
    ),
    ("box.txt", "Thermobox EPP 40 l\nWeight: 620 g\n", "Thermobox EPP 40 l", 620),
    (
        "tissue.txt",
        "Kitchen roll K-2, 2-ply\nFibre: virgin pulp\nRoll weight: 160 g\n",
        "Kitchen roll K-2",
        160,
    ),
    (
        "rod.txt",
        "Copper-bonded earth rod\nCopper bonding | 250 µm\n",
        "Copper-bonded earth rod",
        None,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_weight(filename: str, text: str, name: str, grams: float | None) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("truth", "got", "ok"),
    [
        ("plastic:LLDPE", "plastic:PE-LLD", True),
        ("plastic:HDPE", "plastic:PE-HD", True),
        ("plastic:LDPE", "plastic:PE-LD", True),
        ("plastic:PEX", "plastic:PE-X", True),
        ("plastic:PE", "plastic:PE-HD", True),  # a generic label, any grade of it
        ("plastic:PA", "plastic:PA6", True),
        ("plastic:PES", "plastic:PET", True),  # polyester fibre
        ("plastic:PA11", "plastic:PA12", True),  # one long-chain polyamide index
        ("plastic:PE-HD", "plastic:PE", False),  # a grade label is not met by the generic
        ("plastic:PE-HD", "plastic:PE-LD", False),
        ("plastic:PA6", "plastic:PA66", False),
        ("plastic:PP", "plastic:PPSU", False),
        ("plastic:PE", "plastic:PET", False),
        ("paper", "paper", True),
        ("steel", None, False),
        ("plastic:PE", "steel", False),
    ],
)
def test_the_scorer_compares_plastic_codes_whatever_their_spelling(
    truth: str, got: str | None, ok: bool
) -> None:
    assert material_matches(truth, got) is ok


def test_one_spelling_per_plastic_code() -> None:
    assert plastic_code("plastic:lldpe") == plastic_code("plastic:PE-LLD") == "plastic:PE-LLD"
    assert plastic_code("steel") == "steel"
