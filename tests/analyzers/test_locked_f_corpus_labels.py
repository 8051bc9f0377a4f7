"""Integrity of the sixth locked batch (tests/fixtures/corpus/locked-f), not its accuracy.

locked-f is written by a sixth author, who read neither the rules, the development documents
nor the documents and labels of the other locked splits, so that a score on it does not reward
rules fitted to the writers before. It leans on what arrives from mid-sized suppliers in Europe
and Asia: catalogue pages with several families and size tables over two pages, data sheets
whose key/value tables carry the unit in the label ("Gewicht [kg]", "Peso (g)"), B2B shop pages
with tabs, JSON-LD and a state blob, SAP exports with gross/net/unit columns, GS1 records with
unit codes, Chinese quotations with N.W./G.W. per carton, Japanese spec sheets, inspection
reports whose weight is the mean of measured samples, BOMs whose parent weighs the sum of its
children and manuals with the technical data on a later page. The shared checks hold its labels
to LABELLING.md and its binaries to build.py; nothing here reads an analyzer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analyzers.locked_split_checks import (  # noqa: F401 - collected here, for this split
    Entry,
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
        "pdf": 38, "html": 17, "csv": 11, "xlsx": 12, "json": 11, "docx": 13, "markdown": 9,
        "text": 19,
    },
    languages={
        "en": 38, "de": 33, "fr": 13, "it": 13, "es": 13, "zh": 4, "ja": 3, "nl": 3, "pl": 2, "pt":
        2, "sv": 2, "cs": 2, "tr": 2,
    },
    nulls=(0.10, 0.20),
    derived=25,
    tags=(
        # The kinds of supplier document this split leans on, each on several documents.
        "datasheet", "catalogue_page", "manual", "webshop", "webshop_api", "erp_export",
        "pim_export", "gs1_record", "quotation", "email", "spec_sheet_ja", "test_report",
        "certificate", "material_declaration", "specification", "bom", "packing_list",
        "drawing_title_block",
        # The distractors and situations, each on several documents.
        "distractor:gross", "distractor:packed", "distractor:shipping", "distractor:max_load",
        "distractor:load_rating", "distractor:machine_force", "distractor:torque",
        "distractor:capacity", "distractor:acceleration_g", "distractor:density",
        "distractor:grammage", "distractor:battery_capacity", "per_pack", "per_100", "per_metre",
        "per_line", "sum_of_children", "component_masses", "assembly_component", "sample_mean",
        "raw_vs_finished", "table_row", "variant_column", "variant_array", "unit_in_header",
        "unit_in_label", "unit_column", "unit_code", "nw_gw", "two_column", "key_value",
        "nested_keys", "second_sheet", "multi_page", "json_ld", "related_products",
        "other_products", "review", "accessories", "weight_row_empty", "gross_only", "pallet",
        "imperial", "decimal_comma", "thousands_point", "ordinary",
    ),
    # Rarer situations, each at least twice so that no single document decides them.
    rare_tags=(
        "upper_bound_only", "battery_included", "battery_excluded", "email_correction",
        "kg_and_lb", "ocr_text", "per_1000", "per_area", "approx", "tolerance",
        "source:script_data", "state_blob", "distractor:shot_weight", "distractor:inertia",
        "dl_list", "price_list",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=3,  # every main-material family on at least this many documents
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-f", LANGUAGES, MIX)


def test_files_are_numbered_and_named_by_language(truth: list[Entry]) -> None:
    for entry in truth:
        stem = Path(entry["file"]).name
        number, language, slug = stem.split("_", 2)
        assert number[0] == "f" and number[1:].isdigit() and len(number) == 4, stem
        assert language == entry["language"] and slug, stem
    numbers = sorted(int(Path(e["file"]).name[1:4]) for e in truth)
    assert numbers == list(range(1, len(truth) + 1)), "numbers run without gaps"
