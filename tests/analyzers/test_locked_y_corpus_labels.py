"""Integrity of the locked-y batch (tests/fixtures/corpus/locked-y), not its accuracy.

locked-y is written by a twenty-fifth independent author, who read neither the analyzer, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers of packaging and logistics supplies (stretch film, boxes per bundle, pallets, strapping
coils), fasteners sold per 100 and per 1000, pumps and valves, lighting and LED strips, garden
and outdoor equipment, sanitary and heating parts, sports weights, kitchenware, workwear and
laboratory glass and plastics receive: DIN tables with sizes as rows and kg/1000 in the header,
variant columns, two-column and multi-page data sheets, weights only on a second sheet, ERP
exports with semicolons and decimal commas, PIM and API JSON with the unit in its own key, shop
pages whose weight sits in a table, a `<dl>`, JSON-LD or only a `window.__INITIAL_STATE__`
object, delivery notes, OCR-like scans and mails that quote, correct or refuse a weight.
Distractors are gross, packed, shipping and pallet weights, capacities and loads, forces,
torques, pressures, flows, water contents, grammage, per-metre figures, battery and lid
weights, and products that are themselves a weight. The shared checks hold its labels to
LABELLING.md and its binaries to build.py; nothing here reads an analyzer.
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
    {"en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "da", "fi", "tr", "el", "zh", "ja"}
)

MIX = Mix(
    size=130,
    formats={
        "pdf": 34, "text": 22, "html": 19, "markdown": 12, "json": 11, "docx": 12, "csv": 11,
        "xlsx": 12,
    },
    languages={
        "en": 45, "de": 24, "fr": 10, "it": 11, "es": 10, "nl": 4, "pl": 3, "pt": 4, "sv": 4,
        "da": 3, "fi": 3, "tr": 3, "el": 3, "zh": 3, "ja": 3,
    },
    nulls=(0.12, 0.16),  # 18 documents that state no own weight
    derived=25,
    rarer_languages=(frozenset({"nl", "pl", "pt", "sv", "da", "fi", "tr", "el", "zh", "ja"}), 33),
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "email", "erp_export", "pim_export",
        "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "fasteners", "garden_outdoor", "kitchen", "lab", "lighting", "packaging_logistics",
        "pumps_valves", "sanitary_heating", "sports", "workwear",
        # The situations and distractors their documents carry, each on several documents.
        "capacity_only", "decimal_comma", "definition_list", "delivery_condition",
        "distractor:battery", "distractor:capacity", "distractor:component",
        "distractor:electrical_ratings", "distractor:flow", "distractor:force",
        "distractor:grammage", "distractor:gross", "distractor:max_load",
        "distractor:other_variant", "distractor:packed", "distractor:pallet",
        "distractor:per_metre", "distractor:pressure", "distractor:shipping", "distractor:torque",
        "distractor:water_content", "gross_only", "kg_and_lb", "multi_page", "nested_attributes",
        "no_weight", "per_1000", "per_metre", "per_pack", "per_pair", "plain",
        "product_is_weight", "second_sheet", "set_weight", "source:script_data", "table_row",
        "thousands_separator", "unit:lb", "unit_column", "unit_in_header", "variant_columns",
        "weight_row_empty",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "approx", "components_only", "delivery_note", "distractor:accessory", "email_correction",
        "inspection_report", "marketplace", "ocr_scan", "packed_only", "per_100",
        "per_metre_only", "quotation", "refusal", "schema_org", "several_samples", "solo",
        "tolerance", "two_column", "weight_range", "with_battery",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
    plain=(0.15, 0.22),  # about a sixth with one clear weight and nothing that looks like one
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-y", LANGUAGES, MIX)
