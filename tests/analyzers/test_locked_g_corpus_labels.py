"""Integrity of the locked-g batch (tests/fixtures/corpus/locked-g), not its accuracy.

locked-g is written by a seventh independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers in metalworking, plastics and electrical industries receive: drawing title blocks and part
lists, quotations with unit and total weight columns, forged, cast and sintered parts with raw and
finished weights, injection-moulded parts with shot and runner weights, cable and hose data per
kilometre or metre with a length per piece, sheet-metal parts, motors and gearboxes with and
without oil, relays, contactors and connectors among many electrical ratings, fastener tables per
1000 pieces, packaging hierarchies, and a few consumer pages in pounds and ounces. The shared
checks hold its labels to LABELLING.md and its binaries to build.py; the split is scored once
per rule change by bench/offline_accuracy.py, and nothing here reads an analyzer.
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
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr"}
)

MIX = Mix(
    size=136,
    formats={
        "pdf": 36, "html": 15, "csv": 10, "xlsx": 10, "json": 10, "docx": 10, "markdown": 9,
        "text": 14,
    },
    languages={
        "en": 34, "de": 26, "fr": 10, "it": 10, "es": 10, "zh": 3, "ja": 3, "nl": 3, "pl": 3, "pt":
        3, "sv": 2, "cs": 3, "tr": 2,
    },
    nulls=(0.10, 0.20),
    derived=24,
    tags=(
        # The kinds of document the buyers of this split receive, each on several documents.
        "drawing_title_block", "quotation", "datasheet", "catalogue_table", "specification",
        "manual", "webshop", "erp_export", "api_json", "bom", "material_declaration",
        "test_report", "packaging_spec", "email",
        # The situations of metalworking, plastics and electrical buyers and the distractors real
        # documents carry, each on several documents.
        "raw_vs_finished", "casting", "forging", "moulded_part", "sheet_metal", "fastener",
        "electrical", "with_oil", "battery_included", "distractor:shot_weight",
        "distractor:machine_force", "distractor:acceleration_g", "distractor:torque",
        "distractor:inertia", "distractor:gross", "distractor:packed", "distractor:shipping",
        "distractor:pallet", "distractor:capacity", "distractor:max_load",
        "distractor:load_rating", "distractor:density", "distractor:copper_weight",
        "distractor:grammage", "distractor:battery_capacity", "distractor:electrical_ratings",
        "distractor:blank_weight", "per_pack", "per_1000", "per_metre", "per_area", "per_line",
        "length_per_piece", "table_row", "unit_in_header", "unit_column", "two_column",
        "multi_page", "component_masses", "assembly_component", "related_products", "accessories",
        "review", "imperial", "kg_and_lb", "tolerance", "decimal_comma", "ocr_text",
        "weight_row_empty", "gross_only", "packed_only", "ordinary",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "upper_bound_only", "battery_excluded", "email_correction", "assembly_without_part",
        "second_sheet", "table_column", "unit:oz", "distractor:refrigerant_charge",
        "distractor:weight_class", "distractor:fill_weight",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-g", LANGUAGES, MIX)
