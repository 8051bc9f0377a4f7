"""Integrity of the locked-z batch (tests/fixtures/corpus/locked-z), not its accuracy.

locked-z is written by a twenty-sixth independent author, who read neither the analyzer, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers in the automotive aftermarket (brake pad axle sets, wiper blades sold in pairs, batteries
filled or dry-charged, alloy wheels by size), electronics (enclosures, heat sinks by length,
transformers, terminals per reel, PCBs), building materials (tiles per m2 and per box,
insulation boards by thickness with density, cement and mortar sacks, gypsum boards), machine
elements (bearing series tables, gears by teeth, shafts from volume and density), furniture and
office equipment (chairs with and without armrests, shelving per level, desks with frame and top
listed separately), cleaning chemicals (canisters by litre with density), toys, cables (kg/km,
copper number, drums and coils), pneumatic tools (with and without hose) and castings in cast
iron and zinc die-cast receive: drawing title blocks, size tables with the unit only in the
header, variant columns, two-column pages, weights on a later page, raw vs finished and shot vs
part weights, packs, pairs and per-1000 weights, kg beside lb, mails that correct or refuse a
weight, delivery notes, OCR-like scans with broken spacing and "O" for "0", ERP and PIM exports
with the unit in its own column or nested in JSON, and shop pages whose weight sits in a table,
a `<dl>`, JSON-LD or only script data. The shared checks hold its labels to LABELLING.md and its
binaries to build.py; nothing here reads an analyzer.
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

LANGUAGES = frozenset({"en", "de", "fr", "it", "es", "cs", "hu", "ro", "sk", "no", "ko", "zh"})

MIX = Mix(
    size=120,
    formats={
        "pdf": 30, "text": 20, "html": 16, "markdown": 11, "json": 12, "docx": 11, "csv": 10,
        "xlsx": 10,
    },
    languages={
        "en": 52, "de": 21, "fr": 7, "it": 10, "es": 8, "cs": 3, "hu": 3, "ro": 4, "sk": 3,
        "no": 3, "ko": 3, "zh": 3,
    },
    nulls=(0.12, 0.16),  # 17 documents that state no own weight
    derived=29,
    rarer_languages=(frozenset({"cs", "hu", "ro", "sk", "no", "ko", "zh"}), 22),
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "email", "erp_export", "pim_export",
        "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "automotive", "building", "cables", "castings", "chemicals", "electronics", "furniture",
        "machine_elements", "pneumatic", "toys",
        # The situations and distractors their documents carry, each on several documents.
        "approx", "components", "decimal_comma", "definition_list", "density_volume", "derived",
        "distractor:accessory", "distractor:capacity", "distractor:copper_number",
        "distractor:electrical_ratings", "distractor:flow", "distractor:force",
        "distractor:gross", "distractor:max_load", "distractor:other_variant",
        "distractor:packed", "distractor:pallet", "distractor:per_area", "distractor:pressure",
        "distractor:shipping", "distractor:torque", "kg_and_lb", "nested_attributes", "no_weight",
        "per_metre",
        "per_pack", "per_pair", "plain", "raw_vs_finished", "second_sheet", "table_row",
        "thousands_separator", "unit:lb", "unit_column", "unit_in_header", "weight_row_empty",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "capacity_only", "components_only", "delivery_condition", "delivery_note", "drawing",
        "email_correction", "gross_only", "inspection_report", "multi_page", "ocr_scan",
        "packed_only", "per_1000", "per_metre_only", "quotation", "refusal", "schema_org",
        "set_weight", "source:script_data", "title_block", "two_column", "variant_columns",
        "weight_range",
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
    return Split.named("locked-z", LANGUAGES, MIX)
