"""Integrity of the locked-m batch (tests/fixtures/corpus/locked-m), not its accuracy.

locked-m is written by a thirteenth independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers in aerospace and defence, electronics manufacturing, toys and baby products, garden and
outdoor furniture and retail displays receive: first-article inspection reports with the
measured masses of several samples, connector, relay, transformer and heatsink data sheets with
weights in g, oz or lb among electrical ratings, SMD parts on reels with reel weights, toys with
and without their batteries beside age and load warnings, garden furniture sets with max. loads
and the weights of table and chairs, display stands with parts lists, and marketplace pages in
several languages. The shared checks hold its labels to LABELLING.md and its binaries to
build.py; the split is scored once by bench/offline_accuracy.py, and nothing here reads an
analyzer.
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
    size=148,
    formats={
        "pdf": 30, "html": 14, "csv": 9, "xlsx": 9, "json": 9, "docx": 9, "markdown": 7, "text": 9,
    },
    languages={
        "en": 28, "de": 22, "fr": 9, "it": 9, "es": 9, "zh": 2, "ja": 2, "nl": 2, "pl": 2, "pt": 2,
        "sv": 2, "cs": 2, "tr": 2, "da": 2,
    },
    nulls=(0.10, 0.20),
    derived=30,
    tags=(
        # The kinds of document the buyers of this split receive, each on several documents.
        "datasheet", "specification", "catalogue_table", "webshop", "marketplace", "erp_export",
        "pim_export", "api_json", "manual", "quotation", "email", "declaration_of_conformity",
        "material_declaration", "test_report", "drawing_title_block",
        # The goods of these buyers and the distractors their documents carry, each on several
        # documents.
        "accessories", "aerospace", "approx", "asian_english", "assembly_component", "baby",
        "battery_excluded", "battery_included", "bom", "casting", "component_masses",
        "component_weight", "connector", "customer_qa", "decimal_comma", "defence",
        "distractor:acceleration_g", "distractor:battery_capacity", "distractor:capacity",
        "distractor:density", "distractor:electrical_ratings", "distractor:fill_weight",
        "distractor:grammage", "distractor:gross", "distractor:machine_force",
        "distractor:max_load", "distractor:packed", "distractor:pallet", "distractor:reel_weight",
        "distractor:shipping", "distractor:shot_weight", "distractor:torque", "electronics", "ems",
        "first_article_inspection", "garden", "gross_only", "imperial", "kg_and_lb", "multi_page",
        "no_weight", "nw_gw", "ordinary", "packaging_material", "packed_only", "per_100",
        "per_1000", "per_pack", "per_pair", "raw_vs_finished", "related_products", "relay",
        "retail_display", "review", "second_sheet", "set_weight", "several_samples", "smd_reel",
        "table_row", "thousands_separator", "tolerance", "toy", "transformer", "two_column",
        "unit:lb", "unit:oz", "unit_column", "unit_field", "unit_in_header", "upper_bound_only",
        "variant_selector", "weight_row_empty",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "assembly_without_part", "counterweight", "distractor:per_metre", "distractor:script_data",
        "email_correction", "fastener", "gs1", "heatsink", "length_per_piece", "schema_org",
        "source:script_data", "volume_density", "weight_class",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family listed on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-m", LANGUAGES, MIX)
