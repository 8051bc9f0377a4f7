"""A real figure of something that is not the article, reported as the article's: a weight a
carrier bills from the dimensions, a rating of a fixing. Each case that must abstain has a
counterpart the rules must still answer.

Every document here is written for this file.
"""

from __future__ import annotations

import json

import pytest

from tests.analyzers.offline_support import weight_of


def _record(**fields: object) -> str:
    return json.dumps({"artikel": {"bezeichnung": "Werkzeugkoffer WK-5", **fields}})


@pytest.mark.parametrize(
    ("filename", "text", "name"),
    [
        ("doc.json", _record(volumengewicht_kg=7.4), "Werkzeugkoffer WK-5"),
        (
            "doc.txt",
            "Storage bin SB-20, stackable\nDimensional weight: 5.4 kg (48 x 36 x 31 cm)\n",
            "Storage bin SB-20",
        ),
        (
            "doc.txt",
            "Armadio pensile AP-60\nPeso tassabile della spedizione: 11 kg\n",
            "Armadio pensile AP-60",
        ),
        (
            "doc.txt",
            "Wall cabinet WC-60, oak\n"
            "Fix it with the four wall plugs supplied, rated for at least 40 kg each.\n",
            "Wall cabinet WC-60",
        ),
        (
            "doc.txt",
            "Hängeschrank HS-60, Eiche\n"
            "Befestigung mit vier Dübeln, ausgelegt für 40 kg je Dübel.\n",
            "Hängeschrank HS-60",
        ),
    ],
)
def test_a_billed_weight_or_a_rating_is_no_weight(filename: str, text: str, name: str) -> None:
    assert weight_of(filename, text, name) is None


@pytest.mark.parametrize(
    ("filename", "text", "name", "grams"),
    [
        (
            "doc.json",
            _record(volumengewicht_kg=7.4, nettogewicht_kg=3.1),
            "Werkzeugkoffer WK-5",
            3100.0,
        ),
        (
            "doc.txt",
            "Storage bin SB-20, stackable\nNet weight: 2.2 kg\n"
            "Dimensional weight: 5.4 kg (48 x 36 x 31 cm)\n",
            "Storage bin SB-20",
            2200.0,
        ),
        (
            "doc.txt",
            "Wall cabinet WC-60, oak\nNet weight: 14 kg\n"
            "Fix it with the four wall plugs supplied, rated for at least 40 kg each.\n",
            "Wall cabinet WC-60",
            14000.0,
        ),
        (
            "doc.txt",
            "Hängeschrank HS-60, Eiche\nGewicht: 14 kg\n"
            "Befestigung mit vier Dübeln, ausgelegt für 40 kg je Dübel.\n",
            "Hängeschrank HS-60",
            14000.0,
        ),
    ],
)
def test_the_article_s_own_weight_still_answers(
    filename: str, text: str, name: str, grams: float
) -> None:
    assert weight_of(filename, text, name) == pytest.approx(grams)


_POT = "Nádoba na potraviny NP-2, 2 l"
_KETTLE = "전기 주전자 EK-17 (1.7L)"
_HEAD = "Thermostatic head TV-15"


def _shop_page(own: str) -> str:
    return (
        f"<html><body><h1>{_POT}</h1><table><tr><td>Objem</td><td>2 l</td></tr>"
        f"<tr><td>Hmotnost</td><td>{own}</td></tr></table><h2>Podobné produkty</h2>"
        "<ul><li>Víko náhradní VN-2 – hmotnost 90 g</li></ul></body></html>"
    )


def _kettle_page(own: str) -> str:
    return (
        f"<html><body><h1>{_KETTLE}</h1><table><tr><td>용량</td><td>1.7L</td></tr>"
        f"<tr><td>무게</td><td>{own}</td></tr></table><h3>함께 구매하면 좋은 상품</h3>"
        "<ul><li>EK-17 전용 필터 (무게 40g) 9,900원</li></ul></body></html>"
    )


def _pim(own: str | None) -> str:
    item = {"sku": "TV-15", "name": _HEAD, "netWeight": own}
    item["compatibleWith"] = [{"sku": "VB-15", "name": "Valve body VB-15", "netWeight": "0.21 kg"}]
    return json.dumps({"items": [item]})


@pytest.mark.parametrize(
    ("filename", "text", "name"),
    [
        ("doc.html", _shop_page("–"), _POT),
        ("doc.html", _kettle_page("-"), _KETTLE),
        ("doc.json", _pim(None), _HEAD),
    ],
)
def test_another_product_the_page_lists_never_answers(filename: str, text: str, name: str) -> None:
    assert weight_of(filename, text, name) is None


@pytest.mark.parametrize(
    ("filename", "text", "name", "grams"),
    [
        ("doc.html", _shop_page("480 g"), _POT, 480.0),
        ("doc.html", _kettle_page("1.1kg"), _KETTLE, 1100.0),
        ("doc.json", _pim("0.12 kg"), _HEAD, 120.0),
    ],
)
def test_the_article_beside_other_products_answers(
    filename: str, text: str, name: str, grams: float
) -> None:
    assert weight_of(filename, text, name) == pytest.approx(grams)


def _drill(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"| {a} | {b} |\n" for a, b in rows)
    return f"Cordless drill CD-18\n\n| Property | Value |\n|---|---|\n| Voltage | 18 V |\n{cells}"


def _lamp(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    return f"<html><body><h1>LEDライト LT-5</h1><table>{cells}</table></body></html>"


_DRILL = "Cordless drill CD-18, kit with 5.0 Ah battery"
_LAMP = "LEDライト LT-5(単4形乾電池3本付き)"
_POWER = ("電源", "単4形乾電池×3本(付属)")
_BORE = "Akku-boremaskine AB-18 med batteri"
_MATKAP = "Akülü matkap AM-18, akü dahil"


@pytest.mark.parametrize(
    ("filename", "text", "name", "grams"),
    [
        (
            "doc.md",
            _drill(
                [("Weight incl. 5.0 Ah battery", "3.4 kg"), ("Weight without battery", "2.7 kg")]
            ),
            _DRILL,
            3400.0,
        ),
        (
            "doc.html",
            _lamp([_POWER, ("重量", "約180g(電池含む)"), ("本体重量", "約145g(電池含まず)")]),
            _LAMP,
            180.0,
        ),
        (
            "doc.txt",
            "Akku-boremaskine AB-18\nVægt uden batteri: 1,9 kg\nVægt med batteri: 2,4 kg\n",
            _BORE,
            2400.0,
        ),
        (
            "doc.txt",
            "Akülü matkap AM-18\nAğırlık (akü hariç): 1,9 kg\nAğırlık (akü dahil): 2,4 kg\n",
            _MATKAP,
            2400.0,
        ),
    ],
)
def test_the_weight_with_the_part_the_name_includes_answers(
    filename: str, text: str, name: str, grams: float
) -> None:
    assert weight_of(filename, text, name) == pytest.approx(grams)


@pytest.mark.parametrize(
    ("filename", "text", "name"),
    [
        ("doc.md", _drill([("Weight without battery", "2.7 kg")]), _DRILL),
        (
            "doc.md",
            _drill([("Weight with 5.0 Ah battery", "3.4 kg")]),
            "Cordless drill CD-18, tool only",
        ),
        ("doc.html", _lamp([_POWER, ("本体重量", "約145g(電池含まず)")]), _LAMP),
        ("doc.txt", "Akku-boremaskine AB-18\nVægt uden batteri: 1,9 kg\n", _BORE),
        ("doc.txt", "Akülü matkap AM-18\nAğırlık (akü hariç): 1,9 kg\n", _MATKAP),
    ],
)
def test_a_weight_without_the_part_the_name_includes_abstains(
    filename: str, text: str, name: str
) -> None:
    assert weight_of(filename, text, name) is None


def _vacuum(own: str) -> str:
    return (
        f"Cordless vacuum CV-8\nRun time: 40 min\nWeight: {own}\nIn the box:\n"
        "- Wall charging dock (weight 410 g)\n- Crevice tool\n"
    )


def _aspirateur(own: str) -> str:
    return (
        f"Aspirateur sans fil AS-8\nAutonomie : 40 min\nPoids : {own}\n"
        "Contenu de la livraison :\n- Station murale de charge (poids 410 g)\n- Suceur plat\n"
    )


_SAW = (
    "Tischkreissäge TS-10\nLeistung | 1800 W\nGewicht | -\nLieferumfang\n"
    "- Sägeblatt 210 mm, 24 Z (Gewicht 0,6 kg)\n- Parallelanschlag\n"
)


def _handheld(own: str) -> str:
    return (
        "HANDHELD VACUUM HV-2\nDIMENSIONS AND WEIGHTS\n"
        "  Handheld unit ........ 350 x 90 x 220 mm\n"
        f"  Weight ............... {own}\n  Charging dock ........ 410 g\n"
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_handheld("see rating label"), "Handheld vacuum HV-2"),
        (_vacuum("n/a"), "Cordless vacuum CV-8"),
        (_aspirateur("—"), "Aspirateur sans fil AS-8"),
        (_SAW, "Tischkreissäge TS-10"),
    ],
)
def test_an_empty_own_weight_is_not_filled_by_a_listed_thing(text: str, name: str) -> None:
    assert weight_of("doc.txt", text, name) is None


@pytest.mark.parametrize(
    ("text", "name", "grams"),
    [
        (_handheld("1.3 kg"), "Handheld vacuum HV-2", 1300.0),
        (_vacuum("2.1 kg"), "Cordless vacuum CV-8", 2100.0),
        (_aspirateur("2,1 kg"), "Aspirateur sans fil AS-8", 2100.0),
    ],
)
def test_a_stated_own_weight_beside_a_listed_thing_answers(
    text: str, name: str, grams: float
) -> None:
    assert weight_of("doc.txt", text, name) == pytest.approx(grams)


def _kit(total: str) -> str:
    return (
        "# Kit de fixation KF-4 – nomenclature\n\n"
        "| Rep. | Qté | Pièce | Matière | Masse unitaire (g) | Masse totale (g) |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | 2 | Équerre renforcée 90 mm | acier zingué | 310 | 620 |\n"
        "| 2 | 4 | Cheville à expansion M8 | acier zingué | 45 | 180 |\n"
        "| 3 | 1 | Rail de montage 1 m | aluminium | 540 | 540 |\n"
        f"| | | **Total kit** | | | **{total}** |\n"
    )


def test_a_parts_list_total_grouped_by_a_space_is_the_set_s_weight() -> None:
    assert weight_of("doc.md", _kit("1 340"), "Kit de fixation KF-4 (un kit)") == 1340.0


def test_a_total_the_rows_do_not_sum_to_is_no_parts_total() -> None:
    assert weight_of("doc.md", _kit("1 400"), "Kit de fixation KF-4 (un kit)") is None


_HEIZ = (
    "Plattenheizkörper PH-6\nVerpackungseinheit: 10 Stück je Palette\n{w}"
    "Verpackung: Karton mit Kantenschutz, ca. 1,2 kg je Heizkörper\n"
)
_PANEL = (
    "Panel radiator PR-6\nPacking unit: 10 pieces per pallet\n{w}"
    "Packaging: carton and corner guards, approx. 1.2 kg per radiator\n"
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_HEIZ.format(w=""), "Plattenheizkörper PH-6, 600 x 1000 mm"),
        (_PANEL.format(w=""), "Panel radiator PR-6, 600 x 1000 mm"),
    ],
)
def test_the_packaging_s_weight_per_article_is_no_pack_to_divide(text: str, name: str) -> None:
    assert weight_of("doc.txt", text, name) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_HEIZ.format(w="Gewicht: 24,5 kg\n"), "Plattenheizkörper PH-6, 600 x 1000 mm"),
        (_PANEL.format(w="Weight: 24.5 kg\n"), "Panel radiator PR-6, 600 x 1000 mm"),
    ],
)
def test_the_article_s_weight_beside_its_packaging_s_answers(text: str, name: str) -> None:
    assert weight_of("doc.txt", text, name) == 24500.0


def _bike(battery: str) -> str:
    own = f"| Battery weight | {battery} |\n" if battery else ""
    return (
        "City e-bike CE-5\n\n| Property | Value |\n|---|---|\n| Motor | 250 W |\n"
        f"{own}\n| Size | Weight without battery | Permitted total weight |\n"
        "|---|---|---|\n| 50 cm | 21.4 kg | 150 kg |\n"
    )


_BIKE = "City e-bike CE-5, frame 50 cm (battery included)"


def test_a_permitted_total_is_a_limit_and_the_included_part_is_added() -> None:
    assert weight_of("doc.md", _bike("3.4 kg"), _BIKE) == pytest.approx(24800.0)


def test_without_the_included_part_s_weight_a_permitted_total_does_not_answer() -> None:
    assert weight_of("doc.md", _bike(""), _BIKE) is None
