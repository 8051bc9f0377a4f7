"""Integrity of the locked-j batch (tests/fixtures/corpus/locked-j), not its accuracy.

locked-j is written by a tenth independent author, who read neither the rules, the development
documents nor the documents and labels of the other locked splits. It leans on what buyers in
automotive supply, medical devices, furniture and fittings, plumbing and heating, and electrical
installation receive: PPAP part data and IMDS-like material declarations (a component tree with
masses per node and the article's total), cabinet hinges and drawer slides sold in pairs or
packs of ten, radiators and valves with a dry and a filled weight, cables by kg/km, switch and
socket ranges in variant tables, medical disposables per box with the box weight and the count,
ERP exports whose weight unit sits in its own column (KG on one row, G on the next), and records
whose net weight is empty while a gross weight is filled. The shared checks hold its labels to
LABELLING.md and its binaries to build.py; the split is scored once per rule change by
bench/offline_accuracy.py, and nothing here reads an analyzer.
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
    size=154,
    formats={
        "pdf": 30, "html": 14, "csv": 9, "xlsx": 9, "json": 9, "docx": 9, "markdown": 7, "text": 9,
    },
    languages={
        "en": 28, "de": 22, "fr": 9, "it": 9, "es": 9, "zh": 2, "ja": 2, "nl": 2, "pl": 2, "pt": 2,
        "sv": 2, "cs": 2, "tr": 2, "da": 2,
    },
    nulls=(0.10, 0.20),
    derived=28,
    tags=(
        # The kinds of document the buyers of this split receive, each on several documents.
        "datasheet", "catalogue_table", "specification", "manual", "webshop", "erp_export",
        "api_json", "quotation", "email", "bom", "test_report", "material_declaration", "ppap",
        # The goods of these buyers and the distractors their documents carry, each on several
        # documents.
        "automotive", "medical_disposable", "medical_device", "furniture_fitting",
        "plumbing_heating", "electrical_installation", "hinge", "drawer_slide", "radiator",
        "valve", "cable", "switch_socket", "pipe", "per_pack", "per_pair", "per_km", "per_metre",
        "per_1000", "length_per_piece", "component_masses", "assembly_component", "table_row",
        "table_column", "unit_in_header", "unit_column", "mixed_units", "second_sheet",
        "multi_page", "two_column", "dl_list", "jsonld", "source:script_data", "decimal_comma",
        "thousands_separator", "approx", "dry_vs_operating", "raw_vs_finished", "casting",
        "moulded_part", "measured", "related_products", "accessories", "review",
        "weight_row_empty", "gross_only", "packed_only", "no_weight", "ordinary", "unit:lb",
        "distractor:gross", "distractor:packed", "distractor:shipping", "distractor:pallet",
        "distractor:operating_weight", "distractor:copper_weight", "distractor:component_mass",
        "distractor:max_load", "distractor:load_rating", "distractor:machine_force",
        "distractor:torque", "distractor:electrical_ratings", "distractor:shot_weight",
        "distractor:grammage", "distractor:capacity", "distractor:density",
        "distractor:battery_capacity",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "drawing_title_block", "variant_table", "variant_array", "variant_selector", "kg_and_lb",
        "imperial", "email_correction", "tolerance", "upper_bound_only", "cable_included",
        "assembly_without_part", "spare_parts", "volume_density", "battery_included",
        "battery_excluded", "counterweight", "distractor:refrigerant_charge",
        "distractor:weight_class", "distractor:inertia", "distractor:acceleration_g",
        "distractor:total_weight", "distractor:set_weight",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-j", LANGUAGES, MIX)
