"""Material keyword rules: designations, languages, false positives and mass shares."""

from __future__ import annotations

import pytest

from app.analyzers.base import AnalysisRequest, AnalysisResult, CatalogueIndex
from app.analyzers.offline import analyze_sync
from app.analyzers.offline.materials import find_materials
from app.extraction.document import ExtractedDocument, Section
from app.indices.seed import DEFAULT_INDICES

CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)


def materials(text: str) -> list[tuple[str, float | None]]:
    found = find_materials([Section("page 1", text)], source="specification")
    return [(m.index_code, m.mass_share) for m in found]


def main_code(text: str) -> str | None:
    found = materials(text)
    return found[0][0] if found else None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Material: C45", "steel"),
        ("Werkstoff: S235JR", "steel"),
        ("Material: S355J2+N", "steel"),
        ("Werkstoff: 42CrMo4+QT", "steel"),
        ("Werkstoff: 16MnCr5", "steel"),
        ("Material: DC01", "steel"),
        ("Automatenstahl 11SMnPb30", "steel"),
        ("Werkstoff: 1.4301", "stainless_steel"),
        ("Material: 1.4404", "stainless_steel"),
        ("Werkstoff 1.4571", "stainless_steel"),
        ("Material: AISI 316", "stainless_steel"),
        ("Edelstahl V2A", "stainless_steel"),
        ("aus V4A", "stainless_steel"),
        ("stainless steel housing", "stainless_steel"),
        ("Werkstoff: GG25", "cast_iron"),
        ("Material: EN-GJL-250", "cast_iron"),
        ("Werkstoff: EN-GJS-400-15", "cast_iron"),
        ("Material: AlSi10Mg", "aluminium"),
        ("Material: EN AW-6082", "aluminium"),
        ("Aluminum 6061-T6", "aluminium"),
        ("Werkstoff: AlMgSi0,5", "aluminium"),
        ("Gehäuse aus Alu", "aluminium"),
        ("Leiter: Cu-ETP", "copper"),
        ("Leiter aus Kupfer", "copper"),
        ("Werkstoff: CuZn39Pb3", "brass"),
        ("Messing MS58", "brass"),
        ("Buchse aus Bronze", "bronze"),
        ("Werkstoff: ZAMAK 5", "zinc"),
        ("Gehäuse Zn-Druckguss", "zinc"),
        ("Werkstoff: GD-ZnAl4Cu1", "zinc"),
        ("Material: Inconel 625", "nickel"),
        ("Material: PA66 GF30", "pa66"),
        ("Werkstoff: PA6", "pa6"),
        ("Material: ABS", "abs"),
        ("Material: PP", "pp"),
        ("Werkstoff: PE-HD", "pe_hd"),
        ("Material: LDPE", "pe_ld"),
        ("Material: PC", "pc"),
        ("Material: POM", "pom"),
        ("Werkstoff: PBT-GF20", "pbt"),
        ("Material: PET", "pet"),
        ("Material: PVC", "pvc"),
        ("Material: PS", "ps"),
        ("Scheibe aus PMMA", "pmma"),
        ("Dichtung: EPDM", "rubber"),
        ("O-Ring NBR 70", "rubber"),
        ("Seal: silicone", "rubber"),
        ("FKM O-ring", "rubber"),
        ("Griff aus Holz (Buche)", "wood"),
        ("Material: Wellpappe, 2-wellig", "paper_cardboard"),
        ("Sichtscheibe: Borosilikatglas", "glass"),
        ("Leiterplatte FR4, bestückt", "electronics"),
        ("Populated PCB with electronic components", "electronics"),
        ("Poignée en acier", "steel"),
        ("Corpo: ottone", "brass"),
        ("Material: acero inoxidable", "stainless_steel"),
        ("Materiaal: RVS 316", "stainless_steel"),
        ("Materiał: aluminium", "aluminium"),
    ],
)
def test_main_material(text: str, code: str) -> None:
    assert main_code(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Lieferung: 2 PC pro Beutel",
        "Qty | 2 | PC",
        "Motor 5,5 PS",
        "Protective earth: PE conductor 2.5 mm²",
        "Aluminiumfreie Rezeptur",
        "aluminium-free",
        "Appendix pp. 12-14",
        "Capacitor C15 next to U3",
        "RoHS: Blei < 0,1 %, Cadmium < 0,01 %",
        "Not suitable for aluminium",
        "Oberfläche: verzinkt",
        "Surface: nickel plated",
        "Verpackung: Karton",
        "Pagamento com cartão de crédito",
        "Träning och träffar i Stockholm",
        "Sklon 5°",
        "PRICE PER UNIT: 2.40 EUR",
        "Preiseinheit PU 100",
        "TPS report attached",
    ],
)
def test_no_false_positive(text: str) -> None:
    assert materials(text) == []


def test_a_polymer_with_its_own_index_is_not_read_as_another() -> None:
    # PEEK is neither PE nor unknown: it has its own index since migration 0012
    assert materials("Material: PEEK (polyetheretherketone)") == [("peek", 1.0)]


def test_zinc_plated_steel_is_steel_only() -> None:
    assert materials("Material: steel, zinc plated") == [("steel", 1.0)]
    assert materials("材料：镀锌钢板") == [("steel", 1.0)]


def test_edelstahl_is_not_also_steel() -> None:
    assert [c for c, _ in materials("Werkstoff: Edelstahl")] == ["stainless_steel"]


def test_glass_filled_polymer_splits_off_glass_fibre() -> None:
    assert materials("Material: PA66 GF30") == [("pa66", 0.7), ("glass_fibre", 0.3)]
    assert materials("Material: PA66 + 30 % glass fibre") == [("pa66", 0.7), ("glass_fibre", 0.3)]


def test_explicit_composition_gives_shares() -> None:
    found = dict(materials("Zusammensetzung: 70 % Stahl, 25 % PA6, 5 % EPDM"))
    assert found == {"steel": 0.7, "pa6": 0.25, "rubber": 0.05}


def test_component_weight_table_gives_shares() -> None:
    text = "Housing | PA6 | 150 g\nShaft | 42CrMo4 | 50 g\nTotal net weight | 200 g"
    found = dict(materials(text))
    assert found == {"pa6": 0.75, "steel": 0.25}


def test_estimated_shares_main_material_dominates() -> None:
    text = "Material: aluminium\nDichtung: EPDM\nSchrauben: Edelstahl A2-70"
    found = materials(text)
    assert found[0] == ("aluminium", 0.7)
    assert sum(share or 0 for _, share in found) == pytest.approx(1.0)


def test_labelled_material_beats_incidental_mention() -> None:
    text = "Montage auf Aluminiumprofilen\nWerkstoff: S235JR"
    assert main_code(text) == "steel"


def test_packaging_material_not_counted_when_article_material_exists() -> None:
    text = "Material: POM\nVerpackung: Karton, PE-Beutel"
    assert [c for c, _ in materials(text)] == ["pom"]


def test_evidence_points_at_source_line() -> None:
    found = find_materials([Section("sheet Specs", "Material | PA66 GF30")], source="specification")
    assert found[0].evidence is not None
    assert found[0].evidence.quote == "Material | PA66 GF30"
    assert found[0].evidence.location == "specification, sheet Specs"
    assert found[0].name == "PA66 GF30"


# ------------------------------------------------------------------ families across languages


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Material: corrugated board, 3-ply", "paper_cardboard"),
        ("Werkstoff: Wellpappe 2-wellig", "paper_cardboard"),
        ("Material: Graukarton 1,5 mm", "paper_cardboard"),
        ("Matériau : carton ondulé", "paper_cardboard"),
        ("Materiale: cartone ondulato", "paper_cardboard"),
        ("Material: cartón corrugado", "paper_cardboard"),
        ("Material: Kraft paper 80 g/m²", "paper_cardboard"),
        ("材料：瓦楞纸板", "paper_cardboard"),
        ("材質：段ボール", "paper_cardboard"),
        ("Material: EPDM 70 Shore A", "rubber"),
        ("Dichtung: NBR", "rubber"),
        ("Material: FKM (Viton)", "rubber"),
        ("Material: silicone, food grade", "rubber"),
        ("材料：硅胶", "rubber"),
        ("Material: EN-GJS-400-15", "cast_iron"),
        ("Werkstoff: Grauguss GJL-250", "cast_iron"),
        ("材料：球墨铸铁", "cast_iron"),
        ("Material: zinc die cast ZAMAK 5", "zinc"),
        ("Werkstoff: Zink-Druckguss", "zinc"),
        ("Material: A2-70", "stainless_steel"),
        ("Material: SUS304", "stainless_steel"),
        ("Material: AISI 316L", "stainless_steel"),
        ("材料：不锈钢 304", "stainless_steel"),
        ("材質：ステンレス", "stainless_steel"),
        ("外壳材质：铝合金", "aluminium"),
        ("Material: PA66 GF30", "pa66"),
        ("Material: POM-C", "pom"),
        ("Material: PBT GF20", "pbt"),
        ("材料：聚碳酸酯", "pc"),
        ("Material: papelão ondulado", "paper_cardboard"),
        ("Material: cartão canelado", "paper_cardboard"),
        ("Material: wellpapp", "paper_cardboard"),
        ("Materiál: vlnitá lepenka", "paper_cardboard"),
        ("Materiál: papír", "paper_cardboard"),
        ("Materiał: tektura falista", "paper_cardboard"),
        ("Materiaal: golfkarton", "paper_cardboard"),
        ("Matériau : contreplaqué", "wood"),
        ("Material: contrachapado de abedul", "wood"),
        ("Materiał: sklejka", "wood"),
        ("Material: madeira de pinho", "wood"),
        ("Material: trä", "wood"),
        ("Materiál: překližka", "wood"),
        ("Materiál: dřevo", "wood"),
        ("材料：胶合板", "wood"),
        ("Material: vidro temperado", "glass"),
        ("Materiál: sklo", "glass"),
        ("材料：钢化玻璃", "glass"),
        ("Material: goma EPDM", "rubber"),
        ("Material: silicona", "rubber"),
        ("Materiaal: siliconen", "rubber"),
        ("Material: borracha nitrílica", "rubber"),
        ("Materiál: pryž", "rubber"),
        ("Material: ZAMAC 5", "zinc"),
        ("Materiál: zinek", "zinc"),
        ("材料：锌压铸", "zinc"),
        ("Materiale: acciaio inossidabile", "stainless_steel"),
        ("Materiaal: roestvast staal", "stainless_steel"),
        ("Matériau : polyéthylène", "pe_hd"),
        ("Materiale: polietilene", "pe_hd"),
        ("Material: polietileno", "pe_hd"),
        ("Materiaal: polyetheen", "pe_hd"),
        ("Materiał: polietylen", "pe_hd"),
        ("Material: polyeten", "pe_hd"),
        ("材料：聚乙烯", "pe_hd"),
        ("材質：ポリエチレン", "pe_hd"),
        ("材料：低密度聚乙烯", "pe_ld"),
        ("Matériau : polypropylène", "pp"),
        ("Materiale: polipropilene", "pp"),
        ("Material: polipropileno", "pp"),
        ("Materiaal: polypropeen", "pp"),
        ("Materiał: polipropylen", "pp"),
        ("Materiál: polypropylen", "pp"),
        ("Materiale: poliammide", "pa6"),
        ("Material: poliamida 66", "pa66"),
        ("材料：聚酰胺", "pa6"),
        ("材質：ポリアミド", "pa6"),
        ("Matériau : polyoxyméthylène", "pom"),
        ("Materiale: resina acetalica", "pom"),
        ("Material: poliacetal", "pom"),
        ("Materiaal: polyacetaal", "pom"),
        ("Materiał: polioksymetylen", "pom"),
        ("Material: acrylonitrile butadiene styrene", "abs"),
        ("Werkstoff: Acrylnitril-Butadien-Styrol", "abs"),
        ("Materiale: policarbonato", "pc"),
        ("Materiaal: polycarbonaat", "pc"),
        ("Materiał: poliwęglan", "pc"),
        ("Material: polykarbonat", "pc"),
        ("Matériau : polychlorure de vinyle", "pvc"),
        ("Material: policloruro de vinilo", "pvc"),
        ("Materiaal: polyvinylchloride", "pvc"),
        ("Materiał: polichlorek winylu", "pvc"),
        ("Material: polyvinylklorid", "pvc"),
        ("材料：聚氯乙烯", "pvc"),
        ("材質：ポリ塩化ビニル", "pvc"),
        ("材質：塩ビ", "pvc"),
        ("Material: polyethylene terephthalate", "pet"),
        ("材質：ポリエチレンテレフタレート", "pet"),
        ("材料：玻璃钢", "glass_fibre"),
    ],
)
def test_material_families_in_every_language(text: str, code: str) -> None:
    assert main_code(text) == code


def test_chinese_negation_is_not_a_material() -> None:
    assert "paper_cardboard" not in {
        c for c, _ in materials("净重：30 g（不含纸盒）\n材料：ABS树脂")
    }


# ------------------------------------------------------------------ never assume a material


def _analyze(text: str, name: str = "Article") -> AnalysisResult:
    doc = ExtractedDocument(
        "specification", "text", "text/plain", [Section("page 1", text)], language="en"
    )
    return analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))


def test_unknown_material_is_reported_as_unknown_never_steel() -> None:
    result = _analyze("Order code 4711\nWeight: 120 g\nColour: blue", "Widget")
    assert result.materials == []
    assert "steel" not in {s.index_code for s in result.cost_shares}
    assert "no material identified" in result.review_reasons
    assert any("unidentified material" in n for n in result.notes)
    assert result.needs_review


def test_unknown_material_gets_the_unidentified_share_when_the_catalogue_has_one() -> None:
    catalogue = (
        *CATALOGUE,
        CatalogueIndex(99, "unidentified_material", "Unidentified", "EUR/t", "other"),
    )
    doc = ExtractedDocument(
        "specification", "text", "text/plain", [Section("page 1", "Weight: 5 g")]
    )
    result = analyze_sync(AnalysisRequest("Widget", None, doc, None, catalogue))
    codes = {s.index_code for s in result.cost_shares}
    assert "unidentified_material" in codes and "steel" not in codes
    assert abs(sum(s.part for s in result.cost_shares) - 1) < 1e-9


def test_a_paper_product_named_by_its_article_name_is_paper() -> None:
    result = _analyze(
        "Order code 4711\nSize: 400 x 300 x 200 mm", "Corrugated cardboard box, 3-ply"
    )
    assert result.materials and result.materials[0].index_code == "paper_cardboard"
    assert "paper_cardboard" in {s.index_code for s in result.cost_shares}
    assert "no material identified" not in result.review_reasons


def test_a_known_material_needs_no_material_review() -> None:
    result = _analyze("Material: S235JR\nWeight: 245 g", "Bracket")
    assert result.materials[0].index_code == "steel"
    assert result.review_reasons == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Material: rostfritt stål", "stainless_steel"),
        ("Materiál: nerezová ocel", "stainless_steel"),
        ("Material: aço inoxidável AISI 304", "stainless_steel"),
        ("Material: mässing, förkromad", "brass"),
        ("Material: latão cromado", "brass"),
        ("Materiál: mosaz", "brass"),
        ("Werkstoff: SCM435, brüniert", "steel"),
        ("Material: SS400", "steel"),
        ("Material: aço carbono", "steel"),
        ("Material: koppar", "copper"),
        ("Materiál: hliník", "aluminium"),
        ("Material: alumínio anodizado", "aluminium"),
        ("Material: ferro fundido", "cast_iron"),
        ("Material: gjutjärn", "cast_iron"),
    ],
)
def test_material_families_in_sv_pt_cs_and_jis_grades(text: str, code: str) -> None:
    assert main_code(text) == code


def _main_material(text: str, name: str) -> str | None:
    doc = ExtractedDocument("specification", "text", "text/plain", [Section("text", text)])
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return result.materials[0].index_code if result.materials else None


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        # the name states the article's material; the text lists a gasket and bolts first
        (
            "DESCRIPTION: STYLE 77R EPDM GASKET, 2 BOLTS CARBON STEEL\nNET WT: 1.42 LB",
            "Coupling, rigid, grooved, ductile iron (GC-7)",
            "cast_iron",
        ),
        (
            "Dichtung: EPDM\nSchrauben: Stahl verzinkt\nGewicht: 2,1 kg",
            "Rohrkupplung RK-50, Aluminium",
            "aluminium",
        ),
        # a finish in the name ("brushed steel") does not overrule the text's stainless
        (
            "Body and spout: solid 304 stainless steel\nWeight: 2.1 kg",
            "Kitchen tap KT-4, brushed steel",
            "stainless_steel",
        ),
    ],
)
def test_the_material_the_name_states_is_the_main_one(text: str, name: str, code: str) -> None:
    assert _main_material(text, name) == code


# ------------------------------------------------------- ceramics, textiles and leather


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # technical ceramics: designations, then words in every language
        ("Material: Al2O3 99.7 %", "technical_ceramics"),
        ("Material: Al₂O₃ 96 %", "technical_ceramics"),
        ("Ball: Si3N4", "technical_ceramics"),
        ("Seal face: SSiC", "technical_ceramics"),
        ("Material: zirconia (3Y-TZP)", "technical_ceramics"),
        ("Werkstoff: Steatit C 221", "technical_ceramics"),
        ("Material: C 799", "technical_ceramics"),
        ("Material: alumina ceramic", "technical_ceramics"),
        ("Werkstoff: Aluminiumoxid", "technical_ceramics"),
        ("Isolator aus Aluminiumoxidkeramik", "technical_ceramics"),
        ("Werkstoff: Siliziumnitrid", "technical_ceramics"),
        ("Matériau : zircone", "technical_ceramics"),
        ("Matériau : carbure de silicium", "technical_ceramics"),
        ("Materiale: allumina 96%", "technical_ceramics"),
        ("Material: carburo de silicio", "technical_ceramics"),
        ("Material: óxido de alumínio", "technical_ceramics"),
        ("Materiaal: zirkoonoxide", "technical_ceramics"),
        ("Materiał: tlenek cyrkonu", "technical_ceramics"),
        ("Material: kiselkarbid", "technical_ceramics"),
        ("Materiál: oxid hlinitý", "technical_ceramics"),
        ("材料：氧化铝陶瓷", "technical_ceramics"),
        ("材料：碳化硅", "technical_ceramics"),
        ("材質：アルミナ", "technical_ceramics"),
        ("材質：窒化ケイ素", "technical_ceramics"),
        # clay-based ceramics, and a ceramic not named more precisely
        ("Material: porcelain", "ceramics"),
        ("Insulator body: C 120 porcelain", "ceramics"),
        ("Werkstoff: Porzellan", "ceramics"),
        ("Werkstoff: Steinzeug, glasiert", "ceramics"),
        ("Werkstoff: Keramik", "ceramics"),
        ("Matériau : grès", "ceramics"),
        ("Matériau : faïence", "ceramics"),
        ("Materiale: gres porcellanato", "ceramics"),
        ("Materiale: ceramica", "ceramics"),
        ("Material: loza", "ceramics"),
        ("Material: cerámica", "ceramics"),
        ("Materiaal: aardewerk", "ceramics"),
        ("Materiał: kamionka", "ceramics"),
        ("Material: cerâmica", "ceramics"),
        ("Material: stengods", "ceramics"),
        ("Materiál: porcelán", "ceramics"),
        ("Material: stoneware mug", "ceramics"),
        ("Material: terracotta", "ceramics"),
        ("材料：陶瓷", "ceramics"),
        ("材質：磁器", "ceramics"),
        ("材質：セラミック", "ceramics"),
        # textiles (a synthetic fibre's fabric is its polymer)
        ("Material: polyester webbing", "pet"),
        ("Material: nylon webbing, 25 mm", "pa6"),
        ("Material: 100 % cotton", "textile"),
        ("Cotton swab, Material: cotton", "textile"),
        ("Material: wool felt", "textile"),
        ("Material: non-woven", "textile"),
        ("Gurt: Polyestergurtband 25 mm", "pet"),
        ("Bezug: Polyestergewebe", "pet"),
        ("Werkstoff: Baumwolle", "textile"),
        ("Werkstoff: Filz", "textile"),
        ("Matériau : tissu polyester", "pet"),
        ("Matière : coton", "textile"),
        ("Materiale: tessuto in poliestere", "pet"),
        ("Materiale: feltro", "textile"),
        ("Material: tejido de poliéster", "pet"),
        ("Material: algodón", "textile"),
        ("Materiaal: katoen", "textile"),
        ("Materiaal: vilt", "textile"),
        ("Materiał: tkanina poliestrowa", "textile"),
        ("Materiał: włóknina", "textile"),
        ("Material: tecido de poliéster", "pet"),
        ("Material: algodão", "textile"),
        ("Material: bomull", "textile"),
        ("Material: polyestertyg", "pet"),
        ("Materiál: bavlna", "textile"),
        ("Materiál: plsť", "textile"),
        ("材料：涤纶织带", "textile"),
        ("材质：尼龙织带", "textile"),
        ("材料：无纺布", "textile"),
        ("材質：綿100%", "textile"),
        ("材質：フェルト", "textile"),
        # artificial leather is a coated fabric, not leather
        ("Material: PU leather", "textile"),
        ("Bezug: Kunstleder", "textile"),
        ("Matériau : simili cuir", "textile"),
        ("材料：人造革", "textile"),
        ("材質：合成皮革", "textile"),
        # leather
        ("Material: genuine leather", "leather"),
        ("Werkstoff: Rindleder", "leather"),
        ("Matériau : cuir", "leather"),
        ("Materiale: vera pelle", "leather"),
        ("Material: cuero", "leather"),
        ("Materiaal: leder", "leather"),
        ("Materiał: skóra naturalna", "leather"),
        ("Material: couro", "leather"),
        ("Material: läder", "leather"),
        ("Materiál: pravá kůže", "leather"),
        ("材料：真皮", "leather"),
        ("材質：本革", "leather"),
    ],
)
def test_ceramic_textile_and_leather_families_in_every_language(text: str, code: str) -> None:
    assert main_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a layer on another material, not the article's material
        ("Material: steel S235JR, Keramikbeschichtung", "steel"),
        ("Material: 1.4301, ceramic coated", "stainless_steel"),
        ("Material: steel, plasma-sprayed Al2O3 coating", "steel"),
        ("Housing: steel, porcelain enamel finish", "steel"),
        ("Powder coating: polyester, Material: steel S235", "steel"),
        ("Armoire en tôle d'acier, peinture poudre époxy-polyester RAL 7035", "steel"),
        ("Radiador de aluminio, lacado epoxi-poliéster RAL 9010", "aluminium"),
        # a component of a board
        ("Board: FR4, ceramic capacitors 0603", "electronics"),
        # the target of a tool
        ("Diamantbohrer für Fliesen und Keramik, Material: steel", "steel"),
        # looks, not materials
        ("Material: PP, leather look", "pp"),
        ("Oberfläche: Lederoptik, Material: PP", "pp"),
        # "felt" as a verb, steel wool
        ("We felt that the design was robust. Material: steel", "steel"),
        ("Material: steel wool", "steel"),
        # nylon alone is the polymer, "aluminium oxidised" is aluminium
        ("Material: nylon", "pa6"),
        ("Material: aluminium oxidised", "aluminium"),
        ("Material: polyester resin, glass fibre reinforced", "glass_fibre"),
        ("材料：羊皮纸", "paper_cardboard"),
        ("Substrate: AlN, Cu DBC", "technical_ceramics"),
    ],
)
def test_ceramic_and_textile_false_friends_leave_the_real_material(text: str, code: str) -> None:
    assert [c for c, _ in materials(text)] == [code]


@pytest.mark.parametrize(
    "text",
    [
        "Bestückung: 100 nF Keramikkondensator",
        "Condensateur céramique 10 µF",
        "基板：陶瓷电容",
        "Position C 799",
        "Dämmung: Glaswolle",
        "Material: lana di roccia",
        "Material: ceramic tile adhesive",
        "I felt it was fine",
        "材質：ポリエステル樹脂",
        "SiC MOSFET, 1200 V",
        "AlN-LED",
    ],
)
def test_ceramic_and_textile_words_that_name_no_article_material(text: str) -> None:
    assert materials(text) == []


def test_a_ceramic_named_again_as_alumina_on_its_line_is_one_material() -> None:
    assert materials("Sensor: ceramic diaphragm (alumina)") == [("technical_ceramics", 1.0)]


def test_the_document_refines_a_ceramic_the_name_names() -> None:
    assert _main_material("Material: Al2O3 99.5 %\nWeight: 12 g", "Ceramic ring") == (
        "technical_ceramics"
    )


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        ("Ceramic insulator", "Weight: 85 g\nMaterial: porcelain C 120", "ceramics"),
        ("Lashing strap", "Webbing: polyester, 25 mm\nWeight: 180 g", "pet"),
        ("Grip", "Material: genuine leather\nWeight: 40 g", "leather"),
    ],
)
def test_a_ceramic_or_textile_article_is_no_longer_an_unidentified_material(
    name: str, text: str, code: str
) -> None:
    result = _analyze(text, name)

    assert [m.index_code for m in result.materials][:1] == [code]
    assert "no material identified" not in result.review_reasons
    shares = {s.index_code: s.part for s in result.cost_shares}
    assert code in shares and "unidentified_material" not in shares
    assert sum(shares.values()) == pytest.approx(1.0)
