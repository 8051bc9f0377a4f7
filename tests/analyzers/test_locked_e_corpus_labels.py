"""Integrity of the fifth locked batch (tests/fixtures/corpus/locked-e), not its accuracy.

locked-e is written by a fifth author, who read neither the rules, the development documents
nor the documents and labels of the other locked splits, so that a score on it does not reward
rules fitted to the habits of the writers before. It is a buyer's inbox for a month rather than
a set of traps: mostly supplier data sheets and catalogue extracts, with order confirmations
and quotations, packing lists with net weights per line, ERP and GTIN exports with the unit in
its own column, saved web-shop pages, drawing title blocks, manuals with the technical data on
a later page, material declarations and test reports, over a wide range of article kinds. The
shared checks hold its labels to LABELLING.md and its binaries to build.py; accuracy is scored
by bench/offline_accuracy.py, once per rule change, and nothing here reads an analyzer.
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
    test_the_split_is_big_and_varied_enough,
    test_tolerance_follows_the_formula,
    test_truth_and_corpus_list_the_same_files,
)

LANGUAGES = frozenset(
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr"}
)


MIX = Mix(
    size=130,
    formats={
        "pdf": 32, "html": 14, "csv": 10, "xlsx": 10, "json": 10, "docx": 10, "markdown": 8,
        "text": 16,
    },
    languages={
        "en": 32, "de": 26, "fr": 10, "it": 10, "es": 10, "zh": 3, "ja": 3, "nl": 3, "pl": 3, "pt":
        3, "sv": 3, "cs": 3, "tr": 2,
    },
    nulls=(0.10, 0.20),
    derived=20,
    tags=(
        # The kinds of document a buyer's inbox holds, each on several documents.
        "webshop", "email", "quotation", "erp_export", "manual", "drawing_title_block",
        "material_declaration", "test_report", "packing_list", "bom", "price_list",
        "catalogue_row",
        # The distractors and situations real documents carry, each on several documents.
        "distractor:machine_force", "distractor:torque", "distractor:gross", "distractor:packed",
        "distractor:shipping", "distractor:max_load", "distractor:load_rating",
        "distractor:shot_weight", "distractor:acceleration_g", "distractor:grammage",
        "distractor:density", "distractor:capacity", "per_pack", "per_1000", "per_metre",
        "per_area", "per_line", "table_row", "unit_in_header", "unit_column", "two_column",
        "multi_page", "related_products", "review", "accessories", "assembly_component",
        "component_masses", "raw_vs_finished", "weight_row_empty", "gross_only", "imperial",
        "pallet", "ordinary",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "upper_bound_only", "battery_included", "battery_excluded", "email_correction",
        "kg_and_lb", "ocr_text", "distractor:battery_capacity", "distractor:copper_weight",
        "second_sheet",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-e", LANGUAGES, MIX)
