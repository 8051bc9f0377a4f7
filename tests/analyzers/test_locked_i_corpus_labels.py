"""Integrity of the locked-i batch (tests/fixtures/corpus/locked-i), not its accuracy.

locked-i is written by a ninth independent author, who read neither the rules, the development
documents nor the documents and labels of the other locked splits. It leans on what buyers in
agricultural and food machinery, lighting and electronics, hydraulics and pneumatics, packaging
materials and textiles, and DIY retail receive: wear parts (tines, blades, knives) by the piece
and in sets, luminaires with and without driver or bracket, LED strips per metre and per reel,
cylinders with a base weight plus a weight per stroke, hoses and fittings, film and paper by
g/m² and roll weights, textiles by g/m² with piece dimensions, DIY shop pages with JSON-LD and
variant selectors, multi-page manuals with the technical data late in the document, and
quotation e-mails that answer a weight question in running text. The shared checks hold its
labels to LABELLING.md and its binaries to build.py; the split is scored once per rule change
by bench/offline_accuracy.py, and nothing here reads an analyzer.
"""

from __future__ import annotations

import pytest

from tests.analyzers.locked_split_checks import (  # noqa: F401 - collected here, for this split
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

MIX = Mix(
    size=146,
    formats={
        "pdf": 30, "html": 14, "csv": 9, "xlsx": 9, "json": 9, "docx": 9, "markdown": 7, "text": 9,
    },
    languages={
        "en": 28, "de": 22, "fr": 9, "it": 9, "es": 9, "zh": 2, "ja": 2, "nl": 2, "pl": 2, "pt": 2,
        "sv": 2, "cs": 2, "tr": 2, "da": 2,
    },
    nulls=(0.10, 0.20),
    derived=24,
    tags=(
        # The kinds of document the buyers of this split receive, each on several documents.
        "datasheet", "catalogue_table", "specification", "manual", "webshop", "erp_export",
        "api_json", "quotation", "email", "bom", "test_report",
        # The goods of these buyers and the distractors their documents carry, each on several
        # documents.
        "wear_part", "agricultural", "food_machinery", "lighting", "luminaire", "led_strip",
        "electronics", "hydraulics", "pneumatics", "cylinder", "hose", "fitting",
        "packaging_material", "film", "textile", "diy_retail", "variant_selector", "multi_page",
        "per_metre", "per_stroke", "per_pack", "per_1000", "per_area", "length_per_piece",
        "component_masses", "assembly_component", "table_row", "unit_in_header", "unit_column",
        "two_column", "decimal_comma", "approx", "related_products", "accessories", "review",
        "weight_row_empty", "packed_only", "no_weight", "ordinary", "distractor:gross",
        "distractor:packed", "distractor:shipping", "distractor:pallet", "distractor:grammage",
        "distractor:torque", "distractor:machine_force", "distractor:max_load",
        "distractor:capacity", "distractor:load_rating", "distractor:acceleration_g",
        "distractor:battery_capacity", "distractor:electrical_ratings", "distractor:set_weight",
        "distractor:weight_class",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "source:script_data", "second_sheet", "table_column", "assembly_without_part",
        "raw_vs_finished", "tolerance", "imperial", "thousands_separator", "material_declaration",
        "drawing_title_block", "distractor:refrigerant_charge", "distractor:fill_weight",
        "distractor:copper_weight", "distractor:blank_weight", "distractor:total_weight",
        "distractor:density", "volume_density", "battery_included", "battery_excluded",
        "email_correction", "upper_bound_only", "kg_and_lb", "unit:lb", "counterweight", "casting",
        "gross_only", "per_line", "distractor:inertia", "distractor:shot_weight",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-i", LANGUAGES, MIX)
