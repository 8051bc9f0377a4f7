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

import pytest

from tests.analyzers.locked_split_checks import (  # noqa: F401 - collected here, for this split
    Entry,
    Mix,
    Split,
    test_committed_binaries_read_as_what_build_py_writes,
    test_each_situation_is_present_several_times,
    test_every_document_opens_with_the_service_extraction,
    test_every_entry_has_exactly_the_labelling_fields,
    test_every_evidence_string_is_in_the_document_text,
    test_every_material_family_is_labelled_on_several_documents,
    test_main_material_is_an_allowed_family,
    test_material_shares_are_mass_fractions,
    test_the_split_is_big_and_varied_enough,
    test_tolerance_follows_the_formula,
    test_truth_and_corpus_list_the_same_files,
)

LANGUAGES = frozenset(
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr", "da"}
)
# Every document's name carries its number, language and a slug: hNNN_<language>_<slug>.<ext>.
NAME = r"^corpus/h\d{3}_[a-z]{2}_[a-z0-9-]+\.(pdf|html|csv|xlsx|json|docx|md|txt)$"

MIX = Mix(
    size=131,
    formats={
        "pdf": 40, "html": 18, "csv": 11, "xlsx": 11, "json": 11, "docx": 11, "markdown": 11,
        "text": 18,
    },
    languages={
        "en": 38, "de": 30, "fr": 12, "it": 12, "es": 12, "zh": 3, "ja": 3, "nl": 4, "pl": 5, "pt":
        3, "cs": 3, "sv": 2, "tr": 2, "da": 2,
    },
    nulls=(0.12, 0.20),
    derived=40,
    tags=(
        # The kinds of document the buyers of this split receive, each on several documents.
        "datasheet", "catalogue_table", "specification", "webshop", "erp_export", "api_json",
        "bom", "quotation", "email", "material_declaration", "test_report",
        # The trades of this split and the situations and distractors their documents carry, each on
        # several documents.
        "plumbing", "heating", "valve", "fitting", "radiator", "pump", "ventilation", "hvac",
        "furniture_fitting", "hardware", "fastener", "automotive", "lab_consumable",
        "oe_cross_reference", "with_water", "table_row", "table_column", "unit_in_header",
        "unit_column", "two_column", "multi_page", "per_pair", "per_pack", "per_case", "per_100",
        "per_1000", "per_metre", "length_per_piece", "component_masses", "assembly_component",
        "related_products", "accessories", "review", "imperial", "decimal_comma",
        "weight_row_empty", "packed_only", "gross_only", "second_sheet", "casting", "ordinary",
        "distractor:gross", "distractor:packed", "distractor:pack", "distractor:pallet",
        "distractor:shipping", "distractor:total_weight", "distractor:water_content",
        "distractor:filled_weight", "distractor:max_load", "distractor:load_rating",
        "distractor:torque", "distractor:machine_force", "distractor:electrical_ratings",
        "distractor:acceleration_g",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "manual", "bilingual", "set_article", "per_element", "per_area", "assembly_sum",
        "assembly_without_part", "raw_vs_finished", "moulded_part", "drawing_title_block",
        "packaging_spec", "source:script_data", "email_correction", "ocr_text", "medical",
        "upper_bound_only", "tolerance", "approx", "kg_and_lb", "unit:oz",
        "distractor:refrigerant_charge", "distractor:battery_capacity", "distractor:counterweight",
        "distractor:grammage", "distractor:weight_class", "distractor:shot_weight",
        "distractor:inertia", "distractor:kgf", "distractor:density",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-h", LANGUAGES, MIX)


def test_every_file_name_carries_number_language_and_slug(truth: list[Entry]) -> None:
    """The name is how a reader finds a document's batch and language without opening it."""
    for entry in truth:
        assert re.match(NAME, entry["file"]), entry["file"]
        assert entry["file"].split("_")[1] == entry["language"], entry["file"]
