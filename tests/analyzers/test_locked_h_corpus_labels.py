"""Integrity of the locked-h batch (tests/fixtures/corpus/locked-h), not its accuracy.

locked-h is written by an eighth independent author, who read neither the rules, the development
documents nor the documents and labels of the other locked splits. It leans on what buyers in
building services (plumbing, heating, ventilation), furniture fittings and hardware, the
automotive aftermarket and laboratory and medical consumables receive: fittings and valves in
DN tables, radiators and pumps with and without their water fill, hinges and slides sold in
pairs or sets, car parts with OE cross-reference tables listing other parts, consumables sold
in cases or sleeves of N with a case weight, catalogue tables whose row or column the article
name picks, weights per 100 or 1000 pieces, per metre with a cut length and per m² with a panel
size, bilingual data sheets and REACH/RoHS self-disclosures with a total product mass. The
shared checks hold its labels to LABELLING.md and its binaries to build.py; the split is
committed before the next rule change and scored once on it, and nothing here reads an analyzer.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.analyzers.locked_split_checks import (  # noqa: F401 - collected here, for this split
    Entry,
    Split,
    test_committed_binaries_read_as_what_build_py_writes,
    test_every_document_opens_with_the_service_extraction,
    test_every_entry_has_exactly_the_labelling_fields,
    test_every_evidence_string_is_in_the_document_text,
    test_main_material_is_an_allowed_family,
    test_material_shares_are_mass_fractions,
    test_tolerance_follows_the_formula,
    test_truth_and_corpus_list_the_same_files,
)

LANGUAGES = frozenset(
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr", "da"}
)
SIZE = 131
FORMAT_MINIMUM = {
    "pdf": 40,
    "html": 18,
    "csv": 11,
    "xlsx": 11,
    "json": 11,
    "docx": 11,
    "markdown": 11,
    "text": 18,
}
LANGUAGE_MINIMUM = {
    "en": 38,
    "de": 30,
    "fr": 12,
    "it": 12,
    "es": 12,
    "zh": 3,
    "ja": 3,
    "nl": 4,
    "pl": 5,
    "pt": 3,
    "cs": 3,
    "sv": 2,
    "tr": 2,
    "da": 2,
}
DERIVED_MINIMUM = 40
NULL_SHARE = (0.12, 0.20)
# Every document's name carries its number, language and a slug: hNNN_<language>_<slug>.<ext>.
NAME = r"^corpus/h\d{3}_[a-z]{2}_[a-z0-9-]+\.(pdf|html|csv|xlsx|json|docx|md|txt)$"
# The kinds of document the buyers of this split receive, each on several documents.
DOCUMENT_KINDS = (
    "datasheet",
    "catalogue_table",
    "specification",
    "webshop",
    "erp_export",
    "api_json",
    "bom",
    "quotation",
    "email",
    "material_declaration",
    "test_report",
)
# The trades of this split and the situations and distractors their documents carry, each on
# several documents.
SITUATIONS = (
    "plumbing",
    "heating",
    "valve",
    "fitting",
    "radiator",
    "pump",
    "ventilation",
    "hvac",
    "furniture_fitting",
    "hardware",
    "fastener",
    "automotive",
    "lab_consumable",
    "oe_cross_reference",
    "with_water",
    "table_row",
    "table_column",
    "unit_in_header",
    "unit_column",
    "two_column",
    "multi_page",
    "per_pair",
    "per_pack",
    "per_case",
    "per_100",
    "per_1000",
    "per_metre",
    "length_per_piece",
    "component_masses",
    "assembly_component",
    "related_products",
    "accessories",
    "review",
    "imperial",
    "decimal_comma",
    "weight_row_empty",
    "packed_only",
    "gross_only",
    "second_sheet",
    "casting",
    "ordinary",
    "distractor:gross",
    "distractor:packed",
    "distractor:pack",
    "distractor:pallet",
    "distractor:shipping",
    "distractor:total_weight",
    "distractor:water_content",
    "distractor:filled_weight",
    "distractor:max_load",
    "distractor:load_rating",
    "distractor:torque",
    "distractor:machine_force",
    "distractor:electrical_ratings",
    "distractor:acceleration_g",
)
# Rarer situations, each at least twice so that no single document decides them.
RARE_SITUATIONS = (
    "manual",
    "bilingual",
    "set_article",
    "per_element",
    "per_area",
    "assembly_sum",
    "assembly_without_part",
    "raw_vs_finished",
    "moulded_part",
    "drawing_title_block",
    "packaging_spec",
    "source:script_data",
    "email_correction",
    "ocr_text",
    "medical",
    "upper_bound_only",
    "tolerance",
    "approx",
    "kg_and_lb",
    "unit:oz",
    "distractor:refrigerant_charge",
    "distractor:battery_capacity",
    "distractor:counterweight",
    "distractor:grammage",
    "distractor:weight_class",
    "distractor:shot_weight",
    "distractor:inertia",
    "distractor:kgf",
    "distractor:density",
)
FAMILY_MINIMUM = 2  # every main-material family on at least this many documents
FAMILIES = (
    "aluminium",
    "steel",
    "stainless steel",
    "cast iron",
    "copper",
    "brass",
    "zinc",
    "paper",
    "rubber",
    "plastic",
)


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-h",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_h_build",
    )


def test_the_split_is_big_and_varied_enough(truth: list[Entry]) -> None:
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= SIZE
    assert all(formats[fmt] >= count for fmt, count in FORMAT_MINIMUM.items()), formats
    assert all(languages[lang] >= count for lang, count in LANGUAGE_MINIMUM.items()), languages
    assert NULL_SHARE[0] <= nulls / len(truth) <= NULL_SHARE[1], nulls
    assert sum(entry["derived"] for entry in truth) >= DERIVED_MINIMUM


def test_every_file_name_carries_number_language_and_slug(truth: list[Entry]) -> None:
    """The name is how a reader finds a document's batch and language without opening it."""
    for entry in truth:
        assert re.match(NAME, entry["file"]), entry["file"]
        assert entry["file"].split("_")[1] == entry["language"], entry["file"]


def test_document_kinds_and_situations_are_each_present_several_times(
    truth: list[Entry],
) -> None:
    """Each kind of document and each distractor on more than one document, so that one lucky
    or unlucky document does not decide the figure for its class."""
    tags = Counter(tag for entry in truth for tag in set(entry["tags"]))
    for tag in DOCUMENT_KINDS + SITUATIONS:
        assert tags[tag] >= 3, (tag, tags[tag])
    for tag in RARE_SITUATIONS:
        assert tags[tag] >= 2, (tag, tags[tag])


def test_every_material_family_is_labelled_on_several_documents(truth: list[Entry]) -> None:
    families = Counter(
        "plastic" if main.startswith("plastic:") else main
        for main in (entry["main_material"] for entry in truth)
        if main is not None
    )
    for family in FAMILIES:
        assert families[family] >= FAMILY_MINIMUM, (family, families[family])
