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

from collections import Counter
from pathlib import Path

import pytest

from tests.analyzers.locked_split_checks import (  # noqa: F401 - collected here, for this split
    Entry,
    Split,
    test_committed_binaries_read_as_what_build_py_writes,
    test_every_document_opens_with_the_service_extraction,
    test_every_entry_has_exactly_the_labelling_fields,
    test_every_evidence_string_is_in_the_document_text,
    test_main_material_is_an_allowed_family,
    test_material_shares_are_mass_fractions,
    test_tolerance_follows_the_formula,
    test_truth_and_corpus_list_the_same_files,
)

LANGUAGES = frozenset(
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr"}
)
SIZE = 130
FORMAT_MINIMUM = {
    "pdf": 38,
    "html": 17,
    "csv": 11,
    "xlsx": 12,
    "json": 11,
    "docx": 13,
    "markdown": 9,
    "text": 19,
}
LANGUAGE_MINIMUM = {
    "en": 38,
    "de": 33,
    "fr": 13,
    "it": 13,
    "es": 13,
    "zh": 4,
    "ja": 3,
    "nl": 3,
    "pl": 2,
    "pt": 2,
    "sv": 2,
    "cs": 2,
    "tr": 2,
}
NULL_SHARE = (0.10, 0.20)
DERIVED_MINIMUM = 25
# The kinds of supplier document this split leans on, each on several documents.
DOCUMENT_KINDS = (
    "datasheet",
    "catalogue_page",
    "manual",
    "webshop",
    "webshop_api",
    "erp_export",
    "pim_export",
    "gs1_record",
    "quotation",
    "email",
    "spec_sheet_ja",
    "test_report",
    "certificate",
    "material_declaration",
    "specification",
    "bom",
    "packing_list",
    "drawing_title_block",
)
# The distractors and situations, each on several documents.
SITUATIONS = (
    "distractor:gross",
    "distractor:packed",
    "distractor:shipping",
    "distractor:max_load",
    "distractor:load_rating",
    "distractor:machine_force",
    "distractor:torque",
    "distractor:capacity",
    "distractor:acceleration_g",
    "distractor:density",
    "distractor:grammage",
    "distractor:battery_capacity",
    "per_pack",
    "per_100",
    "per_metre",
    "per_line",
    "sum_of_children",
    "component_masses",
    "assembly_component",
    "sample_mean",
    "raw_vs_finished",
    "table_row",
    "variant_column",
    "variant_array",
    "unit_in_header",
    "unit_in_label",
    "unit_column",
    "unit_code",
    "nw_gw",
    "two_column",
    "key_value",
    "nested_keys",
    "second_sheet",
    "multi_page",
    "json_ld",
    "related_products",
    "other_products",
    "review",
    "accessories",
    "weight_row_empty",
    "gross_only",
    "pallet",
    "imperial",
    "decimal_comma",
    "thousands_point",
    "ordinary",
)
# Rarer situations, each at least twice so that no single document decides them.
RARE_SITUATIONS = (
    "upper_bound_only",
    "battery_included",
    "battery_excluded",
    "email_correction",
    "kg_and_lb",
    "ocr_text",
    "per_1000",
    "per_area",
    "approx",
    "tolerance",
    "source:script_data",
    "state_blob",
    "distractor:shot_weight",
    "distractor:inertia",
    "dl_list",
    "price_list",
)
FAMILIES = ("aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc",
            "paper", "rubber", "plastic")  # fmt: skip
FAMILY_MINIMUM = 3  # every main-material family on at least this many documents


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-f",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_f_build",
    )


def test_the_split_is_big_and_varied_enough(truth: list[Entry]) -> None:
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= SIZE
    assert all(formats[fmt] >= count for fmt, count in FORMAT_MINIMUM.items()), formats
    assert all(languages[lang] >= count for lang, count in LANGUAGE_MINIMUM.items()), languages
    assert NULL_SHARE[0] <= nulls / len(truth) <= NULL_SHARE[1], nulls
    assert sum(entry["derived"] for entry in truth) >= DERIVED_MINIMUM


def test_files_are_numbered_and_named_by_language(truth: list[Entry]) -> None:
    for entry in truth:
        stem = Path(entry["file"]).name
        number, language, slug = stem.split("_", 2)
        assert number[0] == "f" and number[1:].isdigit() and len(number) == 4, stem
        assert language == entry["language"] and slug, stem
    numbers = sorted(int(Path(e["file"]).name[1:4]) for e in truth)
    assert numbers == list(range(1, len(truth) + 1)), "numbers run without gaps"


def test_document_kinds_and_situations_are_each_present_several_times(
    truth: list[Entry],
) -> None:
    """Each kind of document and each distractor on more than one document, so that one lucky
    or unlucky document does not decide the figure for its class."""
    tags = Counter(tag for entry in truth for tag in set(entry["tags"]))
    for tag in DOCUMENT_KINDS + SITUATIONS:
        assert tags[tag] >= 3, (tag, tags[tag])
    for tag in RARE_SITUATIONS:
        assert tags[tag] >= 2, (tag, tags[tag])


def test_every_material_family_is_labelled_on_several_documents(truth: list[Entry]) -> None:
    families = Counter(
        "plastic" if main.startswith("plastic:") else main
        for main in (entry["main_material"] for entry in truth)
        if main is not None
    )
    for family in FAMILIES:
        assert families[family] >= FAMILY_MINIMUM, (family, families[family])
