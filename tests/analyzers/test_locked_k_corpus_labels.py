"""Integrity of the locked-k batch (tests/fixtures/corpus/locked-k), not its accuracy.

locked-k is written by an eleventh independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers in construction hardware, tools and abrasives, sports and outdoor goods, household
appliances, consumer electronics and chemical-technical products receive: anchors and screws
weighed per box or per 1000 pieces, grinding and cutting discs in size tables, tents, packs and
bikes with trail and shipping weights beside the weight as supplied, appliances with net, gross,
capacity and load figures, electronics with battery capacities and weights with and without a
stand, sealants and adhesives in cartridges, paints by the litre with a density, marketplace
pages with item and package weights and questions from customers, and the NW/GW packing lines of
exporters' English. The shared checks hold its labels to LABELLING.md and its binaries to
build.py; the split is scored once per rule change by bench/offline_accuracy.py, and nothing
here reads an analyzer.
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
    {"en", "de", "fr", "it", "es", "zh", "ja", "ko", "nl", "pl", "pt", "sv", "cs", "tr", "da"}
)

MIX = Mix(
    size=164,
    formats={
        "pdf": 30, "html": 14, "csv": 9, "xlsx": 9, "json": 9, "docx": 9, "markdown": 7, "text": 9,
    },
    languages={
        "en": 28, "de": 22, "fr": 9, "it": 9, "es": 9, "zh": 2, "ja": 2, "ko": 2, "nl": 2, "pl": 2,
        "pt": 2, "sv": 2, "cs": 2, "tr": 2, "da": 2,
    },
    nulls=(0.10, 0.20),
    derived=27,
    tags=(
        # The kinds of document the buyers of this split receive, each on several documents.
        "datasheet", "specification", "catalogue_table", "webshop", "marketplace", "erp_export",
        "api_json", "manual", "quotation", "email", "declaration_of_conformity",
        # The goods of these buyers and the distractors their documents carry, each on several
        # documents.
        "construction_hardware", "tools_abrasives", "sports_outdoor", "appliance", "electronics",
        "chemical", "asian_english", "per_pack", "table_row", "unit_in_header", "unit_column",
        "decimal_comma", "thousands_separator", "approx", "variant_selector", "assembly_component",
        "accessories", "related_products", "customer_qa", "distractor:gross", "distractor:packed",
        "distractor:pallet", "distractor:capacity", "distractor:max_load",
        "distractor:load_rating", "distractor:torque", "distractor:density",
        "distractor:battery_capacity", "weight_row_empty", "packed_only", "no_weight",
        "gross_only", "nw_gw", "unit_field", "two_column", "review", "tolerance",
        "distractor:set_weight", "ordinary", "per_1000", "weight_class", "component_masses",
        "battery_included", "bike", "unit:lb", "distractor:minimum_weight", "distractor:shipping",
        "distractor:machine_force", "table_column", "battery_excluded", "multi_page",
        "second_sheet", "imperial", "assembly_without_part", "household", "distractor:consumption",
        "cartridge", "counterweight", "distractor:grammage", "distractor:acceleration_g",
        "distractor:fill_weight", "distractor:per_area", "length_per_piece", "garden",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "paint", "drawing_title_block", "bom", "test_report", "material_declaration", "kg_and_lb",
        "distractor:electrical_ratings", "per_metre", "distractor:refrigerant_charge",
        "distractor:per_metre", "distractor:shot_weight", "email_correction", "source:script_data",
        "volume_density", "casting", "upper_bound_only", "per_pair", "unit:oz",
        "packaging_material", "raw_vs_finished", "distractor:script_data",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-k", LANGUAGES, MIX)
