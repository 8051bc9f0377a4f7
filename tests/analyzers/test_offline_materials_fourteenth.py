"""The main material of invented documents, fourteenth pass, each case with its counterpart.

A passivated zinc plating's colour ("Zinc Clear", "yellow zinc") is a fastener's finish, so
the part is steel; the value of a material key ('"material": "HCS"') leads the words on its
line, and beats a word of the name that is only the blade's use ("…, wood"); an OCR scan drops
the accent of "fundición"; Korean names rubber, cast iron, copper and steel in words.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.test_offline_materials_tenth import main_material


@pytest.mark.parametrize(
    ("filename", "text", "name", "code"),
    [
        # a zinc plating's colour is a finish of steel
        (
            "doc.txt",
            "Hex bolts, Grade 8, Zinc Clear\nSAE J429 Grade 8, alloy steel, quenched and tempered.\nWt/100: 4.4 lb\n",
            "Hex bolt 3/8-16 x 1, Grade 8, zinc",
            "steel",
        ),
        (
            "doc.txt",
            "PART: HEX NUT 1/2-13 GR 5 YELLOW ZINC\nQTY 500\n",
            "Hex nut 1/2-13, yellow zinc",
            "steel",
        ),
        # counterpart: a zinc alloy body is zinc
        (
            "doc.txt",
            "Door handle DH-2\nMaterial: zinc alloy (Zamak 5), clear lacquer\n",
            "Door handle DH-2",
            "zinc",
        ),
        # a material key's value leads its line; the name's word beside it is the use
        (
            "export.csv",
            'sku,name,attributes\nSB-10,"Saw blades S10, wood, pack of 2","{""material"": ""HCS"", ""pack_qty"": 2}"\n',
            "Saw blade S10, wood",
            "steel",
        ),
        (
            "export.csv",
            'sku,name,attributes\nSB-20,"Saw blades S20, metal, pack of 2","{""material"": ""HSS"", ""pack_qty"": 2}"\n',
            "Saw blade S20, metal",
            "steel",
        ),
        # counterpart: the name's material stated on a line of its own still leads
        (
            "doc.txt",
            "Cutting board CB-3, wood\nMaterial: beech wood\nFeet: rubber\n",
            "Cutting board CB-3, wood",
            "wood",
        ),
        # an accent dropped by OCR
        (
            "label.txt",
            "ETIQUETA\nTAMBOR DE FRENO TF-20\nMATERIAL: FUNDICION GRIS\nPESO NETO: 4,1 KG\n",
            "Tambor de freno TF-20",
            "cast_iron",
        ),
        (
            "ficha.txt",
            "Tambor de freno TF-20\nMaterial: fundición gris\n",
            "Tambor de freno TF-20",
            "cast_iron",
        ),
        # Korean material words
        (
            "doc.txt",
            "자전거 튜브 26 x 2.0\n재질: 부틸 고무\n무게 180g\n",
            "자전거 튜브 26 x 2.0",
            "rubber",
        ),
        ("doc.txt", "맨홀 뚜껑 600\n재질: 주철\n", "맨홀 뚜껑 600", "cast_iron"),
        ("doc.txt", "접지선 10 m\n재질: 구리\n", "접지선 10 m", "copper"),
        # counterpart: stainless steel stays stainless in Korean
        ("doc.txt", "싱크대 800\n재질: 스테인리스 강철\n", "싱크대 800", "stainless_steel"),
    ],
)
def test_the_fourteenth_pass_material_rule_holds(
    filename: str, text: str, name: str, code: str
) -> None:
    assert main_material(text, name, filename) == code
