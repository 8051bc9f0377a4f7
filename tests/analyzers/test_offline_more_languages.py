"""Weights and materials in the languages suppliers write beyond the first seven, a unit that a
record declares once, and the decimal mark that a leading zero gives away.

Every document here is written for this file. Each answered case has a counterpart that must
stay unanswered (a gross or packed weight only, two units that disagree, no area to multiply).
"""

from __future__ import annotations

import json

import pytest

from app.analyzers.offline.materials import find_materials_with_note
from app.analyzers.quantities import decimal_comma, find_quantities
from app.extraction.document import Section
from tests.analyzers.offline_support import weight_of


def main_material(text: str, name: str) -> str | None:
    hits, _ = find_materials_with_note(
        [Section("page 1", text)], source="specification", article_name=name
    )
    return hits[0].index_code if hits else None


# (language, document, article name, net grams, material code)
SHEETS = [
    (
        "tr",
        "Ürün Bilgi Formu\nÜrün kodu: AT-220\nMalzeme: paslanmaz çelik\n"
        "Net ağırlık: 2,4 kg\nBrüt ağırlık: 2,9 kg\nKoli içi adet: 4\n",
        "Tencere 22 cm AT-220",
        2400.0,
        "stainless_steel",
    ),
    (
        "da",
        "Produktdatablad\nVarenummer: BK-40\nMateriale: rustfrit stål\n"
        "Nettovægt: 850 g\nBruttovægt: 1,1 kg\nFarve: børstet\n",
        "Beslag BK-40",
        850.0,
        "stainless_steel",
    ),
    (
        "fi",
        "Tuotetiedot\nTuotenumero: LP-12\nMateriaali: alumiini\n"
        "Nettopaino: 1,25 kg\nBruttopaino: 1,6 kg\nPituus: 1200 mm\n",
        "Lattiapalkki LP-12",
        1250.0,
        "aluminium",
    ),
    (
        "ru",
        "Технический паспорт\nАртикул: КР-50\nМатериал: сталь\n"
        "Вес нетто: 3,2 кг\nВес брутто: 3,8 кг\nДиаметр: 50 мм\n",
        "Кронштейн КР-50",
        3200.0,
        "steel",
    ),
    (
        "hu",
        "Termékadatlap\nCikkszám: SZ-15\nAnyag: sárgaréz\n"
        'Nettó tömeg: 0,45 kg\nBruttó tömeg: 0,6 kg\nCsatlakozás: 1/2"\n',
        "Szelep SZ-15",
        450.0,
        "brass",
    ),
    (
        "ro",
        "Fișă tehnică\nCod produs: SUP-80\nMaterial: oțel inoxidabil\n"
        "Greutate netă: 12,5 kg\nGreutate brută: 14 kg\nDimensiuni: 800 x 400 x 60 mm\n",
        "Suport SUP-80",
        12500.0,
        "stainless_steel",
    ),
    (
        "ko",
        "제품 사양서\n모델: HB-7\n재질: 알루미늄\n순중량: 320 g\n총중량: 410 g\n",
        "방열판 HB-7",
        320.0,
        "aluminium",
    ),
]


@pytest.mark.parametrize(("language", "text", "name", "grams", "material"), SHEETS)
def test_net_weight_and_material_in_more_languages(
    language: str, text: str, name: str, grams: float, material: str
) -> None:
    assert weight_of(f"{language}.txt", text, name) == pytest.approx(grams)
    assert main_material(text, name) == material


@pytest.mark.parametrize(("language", "text", "name", "grams", "material"), SHEETS)
def test_a_gross_weight_alone_is_not_the_article_s(
    language: str, text: str, name: str, grams: float, material: str
) -> None:
    """The same sheets without their net line: the gross weight is never taken."""
    gross_only = "\n".join(
        line
        for line in text.splitlines()
        if not any(w in line.lower() for w in ("net", "нетто", "순중량"))
    )
    assert weight_of(f"{language}.txt", gross_only, name) is None


def test_turkish_plain_weight_beside_a_carton_weight() -> None:
    text = (
        "Teknik Özellikler\n- Malzeme: alüminyum\n- Ağırlık: 640 g\n"
        "- Koli içi adet: 12\n- Koli ağırlığı: 8,2 kg\n"
    )
    assert weight_of("tr.md", text, "Tava 28 cm") == pytest.approx(640.0)


def _record(weight: float, unit_keys: dict[str, str]) -> str:
    return json.dumps(
        {
            "data": {
                "sku": "HK-200",
                "name": "Haken HK-200, verzinkt",
                "weight": weight,
                "width": 40.0,
                "related": [{"sku": "HK-150", "weight": 0.21}],
            },
            "meta": unit_keys,
        }
    )


def test_a_record_s_declared_weight_unit_applies_to_its_bare_weights() -> None:
    text = _record(0.35, {"weightUnit": "kg", "dimensionUnit": "mm"})
    assert weight_of("record.json", text, "Haken HK-200, verzinkt") == pytest.approx(350.0)


def test_a_declared_unit_in_grams_and_a_sap_style_field() -> None:
    assert weight_of(
        "record.json", _record(350, {"GEWEI": "G"}), "Haken HK-200, verzinkt"
    ) == pytest.approx(350.0)


def test_two_declared_units_that_disagree_give_no_unit() -> None:
    text = _record(0.35, {"weightUnit": "kg", "massUnit": "g"})
    assert weight_of("record.json", text, "Haken HK-200, verzinkt") is None


def test_a_bare_weight_without_any_declared_unit_is_not_read() -> None:
    text = _record(0.35, {"dimensionUnit": "mm"})
    assert weight_of("record.json", text, "Haken HK-200, verzinkt") is None


def test_a_leading_zero_tells_the_decimal_mark() -> None:
    """No thousands group starts with 0: '0,064' is a decimal comma, '0.064' a decimal point."""
    assert decimal_comma("NTGEW=16,100 | VOLUM=0,900 | BRGEW=0,064") is True
    assert decimal_comma("NTGEW=16,100 | VOLUM=0.900 | BRGEW=0.064") is False
    # without such a number the three-digit group is still undecided and the language decides
    assert decimal_comma("NTGEW=16,100 | BRGEW=17,200") is False
    assert decimal_comma("NTGEW=16,100 | BRGEW=17,200", "tr") is True


def test_cyrillic_and_hangul_mass_units() -> None:
    grams = [
        q.grams
        for q in find_quantities("масса 350 г, вес 1,2 кг, 무게 2 킬로그램", comma_decimal=True)
    ]
    assert grams == pytest.approx([350.0, 1200.0, 2000.0])


def test_a_weight_per_square_metre_times_the_named_area() -> None:
    text = "Technische Daten\nFormat | 60 x 60 cm\nGewicht pro m² | 22,5 kg\n"
    assert weight_of("tile.md", text, "Bodenfliese grau 60 x 60 cm") == pytest.approx(8100.0)


def test_a_weight_per_square_metre_without_an_area_is_not_the_piece_weight() -> None:
    text = "Technische Daten\nStärke | 10 mm\nGewicht pro m² | 22,5 kg\n"
    assert weight_of("tile.md", text, "Bodenfliese grau") is None


def test_the_tare_of_a_container_is_its_own_weight() -> None:
    text = (
        "Technische Daten\nNennvolumen | 60 l\nTara | 4,2 kg\n"
        "Zulässige Bruttomasse | 95 kg\nWerkstoff | Stahlblech, lackiert\n"
    )
    assert weight_of("drum.md", text, "Spundfass 60 l, Stahl") == pytest.approx(4200.0)


def test_the_tare_of_the_packaging_is_not_the_article_s() -> None:
    text = "Versanddaten\nNettoinhalt | 25 Stück\nTara | 0,4 kg\nWerkstoff | Messing\n"
    assert weight_of("fitting.md", text, "Winkelverschraubung 1/2 Zoll, Messing") is None
