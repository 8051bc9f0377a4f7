"""Integrity of the locked-v batch (tests/fixtures/corpus/locked-v), not its accuracy.

locked-v is written by a twenty-second independent author, who read neither the analyzers, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers of machine elements (profile rails sold by length with kg/m, ball screws and nuts,
couplings by size, keys and pins weighed per 100 or 1000), fluid power (filters beside their
element weight, accumulators by volume, quick couplings), automotive body and interior parts
(mirrors, handles, floor mats as a set of 4, roof bars per pair with a roof load), heavy plate
and steel construction (plates with size and thickness, beams in kg/m with a cut length,
gratings in kg/m²), foundry and forging (raw, as-forged and machined weights, pattern
weights), electrical wholesale (cables per drum or ring, conduits per 3 m length, junction
boxes per pack), outdoor and camping goods (tents with trail, net and packed weights, stoves),
toys and baby products (strollers and car seats beside the child's weight), office furniture
(chairs with a max load, desks with frame and top weights) and cleaning products (canisters by
litres with a density, wipes per pack) receive: size tables with the unit only in the column
header, two-column pages, weights on a later page or a second sheet, drawing title blocks,
delivery notes and OCR scans, mails that correct or refuse a weight, ERP and PIM exports with
the unit in its own column, JSON API records with arrays of variants, and shop pages whose
weight sits in a table, a `<dl>`, JSON-LD or only script data. The shared checks hold its
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
    {"en", "de", "fr", "it", "es", "nl", "pt", "sv", "da", "no", "pl", "cs", "tr", "zh", "ja", "ko"}
)

MIX = Mix(
    size=126,
    formats={
        "pdf": 32, "text": 21, "html": 19, "markdown": 10, "json": 10, "docx": 12, "csv": 10,
        "xlsx": 12,
    },
    languages={
        "en": 47, "de": 25, "fr": 10, "it": 11, "es": 8, "sv": 3, "pl": 3, "cs": 3, "tr": 3,
        "zh": 3, "nl": 2, "pt": 2, "ja": 2, "ko": 2, "da": 1, "no": 1,
    },
    # Scandinavian, Central European and East Asian documents together.
    rarer_languages=(frozenset({"sv", "da", "no", "pl", "cs", "tr", "zh", "ja", "ko"}), 20),
    nulls=(0.12, 0.16),  # 18 documents that state no own weight
    derived=30,
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "delivery_note", "drawing_titleblock",
        "email", "erp_export", "pim_export", "price_list", "webshop",
        # The trades of these buyers, each on several documents.
        "automotive_body", "cleaning", "electrical_wholesale", "fluid_power", "foundry_forging",
        "machine_elements", "office_furniture", "outdoor_camping", "steel_construction",
        "toys_baby",
        # The situations and distractors their documents carry, each on several documents.
        "approx", "capacity_only", "decimal_comma", "definition_list", "delivery_condition",
        "distractor:capacity", "distractor:component", "distractor:flow", "distractor:force",
        "distractor:grammage", "distractor:gross", "distractor:max_load",
        "distractor:old_revision", "distractor:other_variant", "distractor:packed",
        "distractor:per_metre", "distractor:pressure", "distractor:shipping", "distractor:total",
        "fastener", "gross_only", "kg_and_lb", "nested_attributes", "no_weight", "packed_only",
        "per_100", "per_1000", "per_m2", "per_metre", "per_pack", "per_pair", "plain",
        "raw_vs_finished", "schema_org", "second_sheet", "set_weight", "table_row",
        "thousands_separator", "unit:g", "unit_column", "unit_in_header", "weight_row_empty",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "components_only", "distractor:accessory", "distractor:electrical_ratings",
        "distractor:tare", "distractor:torque", "email_correction", "multi_page", "ocr_scan",
        "per_metre_only", "quotation", "refusal", "source:script_data", "two_column", "unit:lb",
        "volume_density",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
    plain=(0.14, 0.2),  # about a sixth with one clear weight and nothing that looks like one
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-v", LANGUAGES, MIX)
