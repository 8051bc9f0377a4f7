"""Integrity of the locked-r batch (tests/fixtures/corpus/locked-r), not its accuracy.

locked-r is written by an eighteenth independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers of electronic components and modules (mg and g, reels, enclosures), construction fixings
(anchors per box, threaded rod and anchor channel per metre, rebar couplers, beam clamps with
loads), woodworking boards (kg/m2 with stated sizes, edge banding rolls), technical textiles and
ropes (g/m, breaking loads, slings with WLL), railway and heavy-vehicle parts (castings with raw
and finished mass, brake blocks and pads), aerospace and precision fasteners (lb per 100, per
1000), 3D-printed and moulded plastic parts (part vs shot or consumed weight, filament spools),
office and print supplies (reams by grammage, binders, toner), food and beverage packaging (cans
and ends per 1000, glass jars, PET preforms), garden and pet products and lab instruments
(balances with capacity and readability, sensors with shock ratings in g) receive: size tables
with the unit only in the column header, variant columns, two-column pages, a weight on a later
page, ERP/PIM exports with the unit in its own column or nested in JSON, XLSX with a second
sheet, scanned-looking text, mails that correct or refuse a weight, delivery notes, and shop
pages whose weight sits in a table, a `<dl>`, JSON-LD or only script data. The shared checks
hold its labels to LABELLING.md and its binaries to build.py; the split is scored once by
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
    size=120,
    formats={
        "pdf": 32, "html": 18, "text": 17, "markdown": 11, "json": 10, "docx": 11, "csv": 10,
        "xlsx": 11,
    },
    languages={
        "en": 45, "de": 23, "fr": 10, "it": 10, "es": 8, "nl": 2, "pl": 3, "pt": 3, "sv": 2,
        "cs": 2, "tr": 2, "zh": 3, "ja": 3, "ko": 2,
    },
    rarer_languages=(frozenset({"nl", "pl", "pt", "sv", "cs", "tr", "zh", "ja", "ko"}), 22),
    nulls=(0.12, 0.16),  # 15 documents that state no own weight
    derived=30,
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "email", "erp_export", "inspection_report",
        "multi_page", "nested_attributes", "pim_export", "second_sheet", "source:script_data",
        "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "aerospace_fasteners", "castings_forgings", "construction_fixings", "electronics",
        "food_packaging", "garden_pet", "lab_instruments", "office_print", "plastic_parts",
        "railway_heavy_vehicle", "textiles_ropes", "wood_boards", "fastener",
        # The situations and distractors their documents carry, each on several documents.
        "decimal_comma", "delivery_condition", "derived", "distractor:accessory",
        "distractor:capacity", "distractor:force", "distractor:grammage", "distractor:gross",
        "distractor:max_load", "distractor:other_variant", "distractor:packed",
        "distractor:pallet", "distractor:per_metre", "distractor:pressure", "distractor:reel",
        "distractor:shipping", "distractor:shot_weight", "distractor:torque", "gross_only",
        "kg_and_lb", "no_weight", "per_100", "per_1000", "per_m2", "per_metre_only",
        "per_metre_times_length", "per_pack", "plain", "raw_vs_finished", "table_row",
        "thousands_separator", "unit:lb", "unit_column", "unit_in_header", "variant_columns",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "approx", "capacity_only", "definition_list", "delivery_note",
        "distractor:electrical_ratings", "distractor:shock_g", "manual", "ocr_scan",
        "schema_org", "set_weight", "tolerance", "two_column", "unit:mg", "upper_bound_only",
        "weight_range", "weight_row_empty",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
    paper_languages=frozenset({"en", "de", "es", "it"}),
    plain=(0.15, 0.2),  # 19 sheets with one clear weight and nothing that looks like one
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-r", LANGUAGES, MIX)
