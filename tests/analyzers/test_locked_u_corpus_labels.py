"""Integrity of the locked-u batch (tests/fixtures/corpus/locked-u), not its accuracy.

locked-u is written by a twenty-first independent author, who read neither the analyzer, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers in building services and installation (panel and column radiators with water content,
pipe clips weighed per 100, insulation rolls, manifolds), sanitary ceramics and fittings, garden
and landscaping (paving per m2, edging per metre, watering cans by capacity), industrial safety
equipment (helmets, harnesses with a max. user weight, gloves per pair and per box), warehouse
equipment (shelving, pallets with static and dynamic loads, crates by volume), kitchenware,
musical instrument accessories, bicycle and e-scooter parts (with and without battery, tyres by
size), 3D printer consumables (filament net and gross, resin by volume and density) and label
and packaging materials receive: catalogue size tables with the unit only in the column header,
weights on a later page, two-column pages, packs per 100 / 1000 / box / carton, kg beside lb and
oz, shop pages with the weight in a table, a `<dl>`, JSON-LD or only in a variant picker's script
data, PIM / ERP exports with unit columns and second sheets, supplier mails that correct or
refuse (also replies quoting an earlier mail), scanned delivery notes and quotations. The shared
checks hold its labels to LABELLING.md and its binaries to build.py; nothing here reads an
analyzer.
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
    size=130,
    formats={
        "pdf": 34, "html": 20, "text": 19, "markdown": 11, "json": 10, "docx": 13, "csv": 10,
        "xlsx": 13,
    },
    languages={
        "en": 49, "de": 27, "it": 12, "fr": 10, "es": 9, "pt": 5, "nl": 3, "sv": 3, "pl": 2,
        "cs": 2, "tr": 2, "zh": 2, "ja": 2, "ko": 2,
    },
    rarer_languages=(frozenset({"nl", "pl", "pt", "sv", "cs", "tr", "zh", "ja", "ko"}), 23),
    nulls=(0.12, 0.16),  # 18 documents that state no own weight
    derived=26,
    tags=(
        # The kinds of document these buyers receive, each on several documents.
        "api_json", "catalogue_table", "datasheet", "delivery_note", "email", "erp_export",
        "marketplace", "ocr_scan", "pim_export", "specification", "webshop",
        # The trades of these buyers, each on several documents.
        "bicycle_escooter", "building_services", "garden_landscaping", "kitchenware",
        "labels_packaging", "music_accessories", "printing_3d", "safety_equipment", "sanitary",
        "warehouse",
        # The situations and distractors their documents carry, each on several documents.
        "decimal_comma", "distractor:accessory", "distractor:capacity", "distractor:component",
        "distractor:electrical", "distractor:flow", "distractor:force", "distractor:grammage",
        "distractor:gross", "distractor:max_load", "distractor:other_variant",
        "distractor:packed", "distractor:pallet", "distractor:per_pack", "distractor:per_pair",
        "distractor:pressure", "distractor:shipping", "multi_page", "nested_attributes",
        "no_weight", "packed_only", "per_100", "per_area", "per_metre_derived", "per_pack",
        "per_pair", "plain", "quoted_reply", "second_sheet", "set_weight", "source:script_data",
        "table_row", "thousands_separator", "unit:g", "unit:kg", "unit:lb", "unit_column",
        "unit_in_header", "weight_row_empty",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "approx", "battery_excluded", "battery_included", "capacity_only", "components_only",
        "definition_list", "distractor:per_area", "distractor:per_metre", "distractor:tension",
        "email_correction", "gross_only", "kg_and_lb", "per_1000", "per_metre_only",
        "per_section", "quotation", "refusal", "schema_org", "tolerance", "two_column",
        "unit:oz", "upper_bound_only", "volume_density", "weight_range",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
    plain=(0.15, 0.22),  # about a fifth with one clear weight and nothing that looks like one
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-u", LANGUAGES, MIX)
