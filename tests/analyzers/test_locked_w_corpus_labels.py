"""Integrity of the locked-w batch (tests/fixtures/corpus/locked-w), not its accuracy.

locked-w is written by a twenty-third independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers of sanitary and heating valves (radiator valves by DN, thermostatic heads, pressure
reducers, copper fittings), fasteners in sets, assortments and rivets per 1000, conveyor
components (rollers by length, belts per m2 or metre, chains with breaking loads), packaging
machinery spares (knives, suction cups per 10), HVAC components (dampers, fans with motors,
grilles), garden furniture, photovoltaic modules and inverters, pet supplies, laboratory glass
and plastic ware, rainwear, commercial kitchen smallwares and acrylic signage receive: size
tables with the unit only in the column header, variant columns and variant JSON, two-column
and multi-page sheets, pack weights to divide, per-metre and per-area weights with a stated
length or size, volume with density, net beside gross, shipping and pallet weights, kg beside
lb, capacities, max loads, forces and pressures, supplier mails that answer with several
figures, correct or refuse a weight, delivery notes, quotations, ERP and PIM exports with net
and gross per unit and per pack, OCR scans with odd spacing, and shop pages whose weight sits
in a table, a `<dl>`, JSON-LD or only script data. The shared checks hold its labels to
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
    {"en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "cs", "tr", "zh", "ja", "ko"}
)

MIX = Mix(
    size=120,
    formats={
        "pdf": 32, "text": 16, "html": 18, "markdown": 10, "json": 10, "docx": 12, "csv": 10,
        "xlsx": 12,
    },
    languages={
        "en": 47, "de": 21, "fr": 11, "it": 11, "es": 9, "nl": 3, "pt": 3, "sv": 3, "pl": 2,
        "cs": 2, "tr": 2, "zh": 2, "ja": 2, "ko": 2,
    },
    nulls=(0.12, 0.16),  # 17 documents that state no own weight
    derived=25,
    rarer_languages=(frozenset({"nl", "pt", "sv", "pl", "cs", "tr", "zh", "ja", "ko"}), 21),
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "email", "erp_export", "pim_export",
        "quotation", "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "conveyor", "fasteners", "garden_furniture", "hvac", "kitchen_smallwares", "lab_ware",
        "packaging_spares", "pet_supplies", "photovoltaic", "rainwear", "signage", "valves",
        # The situations and distractors their documents carry, each on several documents.
        "decimal_comma", "derived", "distractor:accessory", "distractor:capacity",
        "distractor:electrical_ratings", "distractor:flow", "distractor:force",
        "distractor:grammage", "distractor:gross", "distractor:max_load",
        "distractor:other_variant", "distractor:packed", "distractor:pallet",
        "distractor:pressure", "distractor:shipping", "fastener", "multi_page",
        "nested_attributes", "no_weight", "packed_only", "per_100", "per_1000", "per_area",
        "per_metre", "per_pack", "plain", "second_sheet", "set_weight", "source:script_data",
        "table_row", "thousands_separator", "unit_column", "unit_in_header", "variant_json",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "approx", "capacity_only", "components_only", "definition_list", "delivery_note",
        "distractor:torque", "gross_only", "inspection_report", "kg_and_lb", "marketplace",
        "ocr_scan", "per_metre_only", "refusal", "schema_org", "several_samples", "two_column",
        "unit:lb", "variant_columns", "volume_density", "weight_row_empty",
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
    return Split.named("locked-w", LANGUAGES, MIX)
