"""Integrity of the locked-p batch (tests/fixtures/corpus/locked-p), not its accuracy.

locked-p is written by a sixteenth independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers of automotive aftermarket parts, HVAC and ventilation, lighting, furniture and cabinet
hardware, medical disposables and lab glassware, agricultural wear parts, bicycle components,
power-tool accessories, electrical installation material, inch-size fasteners, castings and
forgings, springs, printing consumables, toys and garden tools receive: size tables with the
unit only in the column header, variant columns, two-column pages, a weight on a later page,
castings and forgings with raw and finished masses, packs weighed per 100 or 1000, pairs and
sets, kg beside lb, inspection reports with several samples, mails that correct or refuse a
weight, ERP and PIM exports with the unit in its own column or nested in JSON, and shop pages
whose weight sits in a table, a `<dl>`, JSON-LD or only script data. The shared checks hold its
labels to LABELLING.md and its binaries to build.py; the split is scored once by
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
    test_plain_documents_have_a_weight_and_null_ones_say_why,
    test_the_split_is_big_and_varied_enough,
    test_tolerance_follows_the_formula,
    test_truth_and_corpus_list_the_same_files,
)

LANGUAGES = frozenset(
    {"en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "da", "fi", "cs", "hu", "zh", "ja", "ko"}
)

MIX = Mix(
    size=150,
    formats={
        "pdf": 40, "text": 20, "html": 20, "markdown": 12, "json": 10, "docx": 12, "csv": 12,
        "xlsx": 12,
    },
    languages={
        "en": 50, "de": 24, "fr": 12, "it": 12, "es": 10, "nl": 4, "pl": 3, "pt": 3, "sv": 3, "da":
        3, "fi": 3, "cs": 3, "hu": 3, "zh": 3, "ja": 3, "ko": 3,
    },
    nulls=(0.1, 0.14),  # 15-20 documents that state no own weight
    derived=20,
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "email", "erp_export", "manual", "ocr_scan",
        "pim_export", "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "agricultural", "automotive", "bicycle", "castings_forgings", "electrical",
        "furniture_hardware", "hvac", "inch_fasteners", "lighting", "medical_lab",
        "power_tool_accessories", "printing", "springs", "toys_garden",
        # The situations and distractors their documents carry, each on several documents.
        "approx", "decimal_comma", "delivery_condition", "distractor:accessory",
        "distractor:capacity", "distractor:electrical_ratings", "distractor:flow",
        "distractor:force", "distractor:gross", "distractor:max_load", "distractor:other_variant",
        "distractor:packed", "distractor:pressure", "distractor:shipping",
        "distractor:spring_rate", "distractor:torque", "fastener", "gross_only", "kg_and_lb",
        "nested_attributes", "no_weight", "packed_only", "per_100", "per_1000", "per_pack",
        "per_pair", "plain", "raw_vs_finished", "schema_org", "set_weight", "source:script_data",
        "table_row", "thousands_separator", "unit:lb", "unit_column", "unit_in_header",
        "variant_columns",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "capacity_only", "components_only", "definition_list", "delivery_note",
        "distractor:grammage", "distractor:pallet", "distractor:per_metre", "email_correction",
        "inspection_report", "marketplace", "multi_page", "per_metre_only", "quotation", "refusal",
        "second_sheet", "several_samples", "tolerance", "two_column", "unit:oz",
        "upper_bound_only", "weight_range", "weight_row_empty",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
    plain=(0.15, 0.25),  # about a fifth with one clear weight and nothing that looks like one
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-p", LANGUAGES, MIX)
