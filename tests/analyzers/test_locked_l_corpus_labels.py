"""Integrity of the locked-l batch (tests/fixtures/corpus/locked-l), not its accuracy.

locked-l is written by a twelfth independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers in railway and shipbuilding, pumps and compressors, process valves and instrumentation,
cleaning and hygiene products and office and school supplies receive: machines with net,
operating and transport weights and the weight of the heaviest part for lifting, valve tables by
DN and PN with a weight per end connection, instruments weighed with and without display,
cleaning agents in canisters with litres, density and gross weight, paper by the ream and box
with its grammage, and writing goods sold per box. The shared checks hold its labels to
LABELLING.md and its binaries to build.py; the split is scored once by
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
    size=133,
    formats={
        "pdf": 30, "html": 14, "csv": 9, "xlsx": 9, "json": 9, "docx": 9, "markdown": 7, "text": 9,
    },
    languages={
        "en": 28, "de": 22, "fr": 9, "it": 9, "es": 9, "zh": 2, "ja": 2, "nl": 2, "pl": 2, "pt": 2,
        "sv": 2, "cs": 2, "tr": 2, "da": 2,
    },
    nulls=(0.10, 0.20),
    derived=19,
    tags=(
        # The kinds of document the buyers of this split receive, each on several documents.
        "datasheet", "specification", "catalogue_table", "webshop", "erp_export", "api_json",
        "manual", "quotation", "email", "test_report", "drawing_title_block",
        # The goods of these buyers and the situations and distractors their documents carry,
        # each on several documents.
        "railway", "shipbuilding", "pump", "compressor", "valve", "instrument", "cleaning",
        "office_supplies", "writing_goods", "paper_ream", "canister", "large_machine",
        "heaviest_part", "with_without_display", "end_connection_variant", "per_pack", "table_row",
        "table_column", "unit_in_header", "unit_column", "unit_field", "decimal_comma",
        "thousands_separator", "approx", "variant_selector", "assembly_component",
        "assembly_without_part", "accessories", "related_products", "component_masses",
        "second_sheet", "multi_page", "two_column", "review", "tolerance", "ordinary",
        "raw_vs_finished", "casting", "imperial", "nw_gw", "length_per_piece", "weight_row_empty",
        "packed_only", "distractor:gross", "distractor:packed", "distractor:pallet",
        "distractor:shipping", "distractor:capacity", "distractor:max_load",
        "distractor:load_rating", "distractor:torque", "distractor:density",
        "distractor:machine_force", "distractor:operating_weight", "distractor:set_weight",
        "distractor:grammage", "distractor:fill_weight", "distractor:battery_capacity",
        "distractor:per_metre", "distractor:script_data",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "kg_and_lb", "unit:lb", "unit:oz", "per_pair", "per_metre", "cable_included",
        "battery_included", "battery_excluded", "upper_bound_only", "gross_only",
        "component_shares", "material_declaration", "declaration_of_conformity", "no_weight",
        "bom", "forging", "customer_qa", "email_correction", "packing_list", "asian_english",
        "source:script_data", "distractor:minimum_weight", "distractor:acceleration_g",
        "distractor:refrigerant_charge", "distractor:inertia", "distractor:per_area",
        "distractor:consumption", "distractor:electrical_ratings", "counterweight",
        "imperial_disagrees", "delivery_note",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-l", LANGUAGES, MIX)
