"""Integrity of the locked-q batch (tests/fixtures/corpus/locked-q), not its accuracy.

locked-q is written by a seventeenth independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers of pneumatics and hydraulics, bearings and seals, plumbing and sanitary fittings,
corrugated and paper packaging, cables and wires, catering equipment, sports and fitness goods,
solar mounting hardware, marine hardware and signage receive: cylinders weighed by stroke,
push-in fittings per bag, hose and cable per metre or per km with and without a length, bearing
tables with d/D/B and mass columns, O-ring kits and bags, press fittings by size, boxes with
their grammage, paper bags per 1000, labels per roll, gastronorm containers beside their
capacities, dumbbells and plates in kg and lb, rails per metre, clamps per 100, shackles beside
their working load limits, anchors, ERP and PIM exports with gross and net columns or the unit
in its own column, data sheets with the mass on page 2 or in a second column, OCR-like scans,
delivery notes, and mails that quote, correct or refuse a weight. The shared checks hold its
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
    {"en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "cs", "tr", "zh", "ja", "ko"}
)

MIX = Mix(
    size=137,
    formats={
        "pdf": 35, "html": 20, "text": 20, "markdown": 12, "json": 11, "docx": 14, "csv": 11,
        "xlsx": 14,
    },
    languages={
        "en": 53, "de": 29, "fr": 12, "it": 12, "es": 9, "nl": 3, "pt": 3, "sv": 3, "ja": 3,
        "pl": 2, "cs": 2, "tr": 2, "zh": 2, "ko": 2,
    },
    rarer_languages=(frozenset({"nl", "pl", "pt", "sv", "cs", "tr", "zh", "ja", "ko"}), 22),
    nulls=(0.12, 0.16),  # 17 documents that state no own weight
    derived=28,
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "delivery_note", "email", "erp_export",
        "ocr_scan", "pim_export", "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "bearings_seals", "cables", "catering", "marine", "packaging", "plumbing",
        "pneumatics_hydraulics", "signage", "solar", "sports",
        # The situations and distractors their documents carry, each on several documents.
        "approx", "decimal_comma", "distractor:capacity", "distractor:component",
        "distractor:force", "distractor:grammage", "distractor:gross", "distractor:max_load",
        "distractor:other_variant", "distractor:packed", "distractor:pallet",
        "distractor:per_pair", "distractor:pressure", "distractor:shipping", "distractor:torque",
        "distractor:flow", "kg_and_lb", "multi_page", "nested_attributes", "no_weight",
        "packed_only", "per_100", "per_1000", "per_km", "per_metre", "per_metre_only",
        "per_pack", "plain", "second_sheet", "set_weight", "stroke_dependent", "table_row",
        "thousands_separator", "unit:g", "unit:kg", "unit:lb", "unit_column", "unit_in_header",
        "weight_row_empty",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "capacity_only", "components_stated", "definition_list", "delivery_condition",
        "distractor:copper_content", "distractor:electrical_ratings", "distractor:per_pack",
        "email_correction", "gross_only", "marketplace", "per_pair", "quotation",
        "raw_vs_finished", "refusal", "schema_org", "source:script_data", "tolerance",
        "two_column", "unit:oz", "variant_columns",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
    paper_languages=frozenset({"en", "de", "fr", "it", "es"}),
    plain=(0.15, 0.25),  # about a fifth with one clear weight and nothing that looks like one
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-q", LANGUAGES, MIX)
