"""Integrity of the locked-t batch (tests/fixtures/corpus/locked-t), not its accuracy.

locked-t is written by a twentieth independent author, who read neither the analyzer, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers of medical and dental devices, laboratory consumables, electrical machines, switchgear and
cable management, lighting, door and window hardware, agricultural and forestry parts, copper and
brass fittings and bars, aluminium profiles, stainless sheet-metal parts, plastic injection parts
and consumer electronics accessories receive: instruments weighed per set and disposables per
box, tubes per case and filter papers per pack, motors by frame size with one weight column per
mounting, transformers with their oil, cable trays and profiles given per metre with a stated
length (and per metre only, when the length is open), glands and clips per bag, 100 or 1000,
handles and hinges per pair, drawing title blocks, moulded parts beside their shot and runner,
sheet parts given only by area, thickness and density, kg beside lb that disagree, mails that
correct or refuse a weight, OCR-like scans, PIM and API JSON with the unit in its own key, XLSX
exports with the weights on a second sheet, and shop pages whose weight sits in a table, a
`<dl>`, JSON-LD or only a script object. The shared checks hold its labels to LABELLING.md and
its binaries to build.py; nothing here reads an analyzer.
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
    {"en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "cs", "tr", "zh", "ja", "ko"}
)

MIX = Mix(
    size=126,
    formats={
        "pdf": 33, "html": 19, "text": 16, "markdown": 11, "json": 10, "docx": 13, "csv": 11,
        "xlsx": 13,
    },
    languages={
        "en": 48, "de": 26, "fr": 10, "it": 11, "es": 8, "nl": 3, "pl": 2, "pt": 3, "sv": 3,
        "cs": 2, "tr": 2, "zh": 3, "ja": 2, "ko": 2,
    },
    rarer_languages=(frozenset({"nl", "pl", "pt", "sv", "cs", "tr", "zh", "ja", "ko"}), 22),
    nulls=(0.12, 0.16),  # 16 of 126 documents state no own weight
    derived=35,  # 38 derived truths
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "drawing_titleblock", "email", "erp_export",
        "ocr_scan", "pim_export", "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "agri_forestry", "aluminium_profiles", "consumer_electronics", "copper_brass",
        "door_window_hardware", "electrical_machines", "lab_consumables", "lighting",
        "medical_dental", "plastic_injection", "stainless_sheet", "switchgear_cable_mgmt",
        # The situations and distractors their documents carry, each on several documents.
        "decimal_comma", "definition_list", "delivery_condition", "distractor:accessory",
        "distractor:capacity", "distractor:components", "distractor:electrical_ratings",
        "distractor:force", "distractor:gross", "distractor:max_load", "distractor:other_variant",
        "distractor:packed", "distractor:per_metre", "distractor:pressure", "distractor:shipping",
        "distractor:torque", "kg_and_lb", "multi_page", "nested_attributes", "no_weight",
        "per_metre_length", "per_metre_only", "per_pack", "per_pair", "plain", "raw_vs_finished",
        "second_sheet", "set_weight", "source:script_data", "table_row", "thousands_separator",
        "unit:lb", "unit_column", "unit_in_header",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "approx", "battery_included", "capacity_only", "components_only", "delivery_note",
        "derived_density", "distractor:grammage", "gross_only", "packed_only", "per_100",
        "per_1000", "refusal", "schema_org", "tolerance", "two_column", "upper_bound_only",
        "variant_columns", "weight_range", "weight_row_empty",
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
    return Split.named("locked-t", LANGUAGES, MIX)
