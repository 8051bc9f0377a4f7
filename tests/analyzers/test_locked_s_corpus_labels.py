"""Integrity of the locked-s batch (tests/fixtures/corpus/locked-s), not its accuracy.

locked-s is written by a nineteenth independent author, who read neither the analyzers, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers of pumps and compressors, industrial valves, gears and drives, tools and abrasives,
welding consumables, automotive electrics, HVAC filters and ducts, household-appliance spare
parts, packaging films, paper products, rubber products and zinc / brass die-castings receive:
pump sets weighed with motor and baseplate beside bare-pump, motor and crate masses, curves with
flow and head, valves by DN and PN with actuators sold separately, gear units by ratio and
sprockets by tooth count, chains, hoses and ducts per metre with or without a stated length,
discs, electrodes and sacks weighed per box, per 100 or per 1000, wire spools net of their
spool, batteries with and without acid, alternators with a core charge, rubber mats by kg/m²,
castings with shot and finished weights, inspection reports with several samples, supplier mails
in several languages that correct or refuse a weight, delivery notes with only a consignment
gross, ERP and PIM exports with net, gross and unit columns or nested keys, and shop pages whose
weight sits in a table, a `<dl>`, JSON-LD or only script data. The shared checks hold its labels
to LABELLING.md and its binaries to build.py; the split is scored once by
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
    size=131,
    formats={
        "pdf": 32, "html": 20, "text": 21, "markdown": 13, "json": 11, "docx": 12, "csv": 10,
        "xlsx": 12,
    },
    languages={
        "en": 54, "de": 26, "fr": 11, "it": 11, "es": 9, "pt": 3, "nl": 2, "pl": 2, "sv": 2,
        "cs": 2, "tr": 2, "zh": 2, "ja": 2, "ko": 2,
    },
    rarer_languages=(frozenset({"nl", "pl", "pt", "sv", "cs", "tr", "zh", "ja", "ko"}), 19),
    nulls=(0.12, 0.16),  # 18 of 131 documents that state no own weight
    derived=25,
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "delivery_note", "email", "erp_export",
        "pim_export", "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "appliance_parts", "automotive_electrics", "die_castings", "gears_drives", "hvac",
        "packaging_film", "paper_products", "pumps_compressors", "rubber_products", "spare_part",
        "tools_abrasives", "valves", "welding",
        # The situations and distractors their documents carry, each on several documents.
        "decimal_comma", "delivery_condition", "distractor:accessory", "distractor:capacity",
        "distractor:components", "distractor:electrical_ratings", "distractor:flow",
        "distractor:force", "distractor:grammage", "distractor:gross", "distractor:other_variant",
        "distractor:pallet", "distractor:pressure", "distractor:price", "distractor:shipping",
        "distractor:speed", "distractor:thickness", "distractor:torque", "gross_only", "kg_and_lb",
        "nested_attributes", "no_weight", "per_1000", "per_metre", "per_pack", "plain",
        "raw_vs_finished", "schema_org", "table_row", "thousands_separator", "unit:lb",
        "unit_column", "unit_in_header",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "capacity_only", "components_only", "definition_list", "distractor:max_load",
        "distractor:packed", "distractor:packaging", "email_correction", "inspection_report",
        "marketplace", "multi_page", "ocr_scan", "packed_only", "per_area", "per_metre_only",
        "per_100", "per_pair", "quotation", "refusal", "second_sheet", "several_samples",
        "source:script_data", "tolerance", "two_column", "variant_columns", "variant_selector",
        "weight_range", "weight_row_empty", "approx",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
    plain=(0.15, 0.2),  # about a sixth with one clear weight and nothing that looks like one
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-s", LANGUAGES, MIX)
