"""Integrity of the locked-n batch (tests/fixtures/corpus/locked-n), not its accuracy.

locked-n is written by a fourteenth independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers in heating, ventilation and plumbing, medical disposables, food packaging, automotive
aftermarket, lighting, furniture fittings, agricultural spares, bicycle parts, lab ware,
electrical installation material, cleaning chemicals, textiles and printing consumables receive:
size tables with the unit in the column header, variant columns, title blocks with raw and
finished masses, weights per metre beside the length of the piece sold, filled containers beside
their fill and empty container, packs, pairs and per-100 or per-1000 figures, bills of materials
without an assembly weight, inspection reports with several samples, mails that correct or
refuse a weight, and shop pages whose weight sits only in JSON-LD or script data. The shared
checks hold its labels to LABELLING.md and its binaries to build.py; the split is scored once by
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
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr", "da", "fi"}
)

MIX = Mix(
    size=151,
    formats={
        "pdf": 40, "html": 18, "csv": 12, "xlsx": 12, "json": 14, "docx": 12, "markdown": 14,
        "text": 20,
    },
    languages={
        "en": 45, "de": 30, "fr": 12, "it": 12, "es": 12, "zh": 3, "ja": 3, "nl": 3, "pl": 3, "pt":
        3, "sv": 3, "cs": 3, "tr": 3, "da": 3, "fi": 3,
    },
    nulls=(0.10, 0.20),
    derived=40,
    tags=(
        # The kinds of document the buyers of this split receive, each on several documents.
        "api_json", "bom", "catalogue_table", "datasheet", "delivery_note", "drawing_title_block",
        "email", "erp_export", "inspection_report", "manual", "marketplace", "pim_export",
        "quotation", "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "agriculture", "automotive", "bicycle", "cleaning_chemicals", "electrical_installation",
        "food_packaging", "furniture_fittings", "hvac", "lab", "lighting", "medical", "plumbing",
        "printing", "textiles",
        # The situations and distractors their documents carry, each on several documents.
        "approx", "battery_included", "component_masses", "decimal_comma", "distractor:accessory",
        "distractor:capacity", "distractor:density", "distractor:electrical_ratings",
        "distractor:fill_weight", "distractor:force", "distractor:grammage", "distractor:gross",
        "distractor:max_load", "distractor:other_product", "distractor:packed",
        "distractor:per_metre", "distractor:pressure", "distractor:shipping", "distractor:torque",
        "fill_vs_container", "length_per_piece", "no_weight", "packed_only", "per_100", "per_1000",
        "per_pack", "per_pair", "schema_org", "second_sheet", "set_weight", "several_samples",
        "table_row", "thousands_separator", "tolerance", "unit:lb", "unit_column",
        "unit_in_header", "variant_columns", "weight_row_empty",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "accessories", "assembly_without_part", "battery_excluded", "distractor:acceleration_g",
        "distractor:battery_capacity", "distractor:pallet", "distractor:script_data",
        "email_correction", "fastener", "kg_and_lb", "multi_page", "raw_vs_finished",
        "source:script_data", "two_column", "unit:oz", "volume_density",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family listed on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-n", LANGUAGES, MIX)
