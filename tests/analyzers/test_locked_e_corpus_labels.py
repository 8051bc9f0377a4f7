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
    "pdf": 32,
    "html": 14,
    "csv": 10,
    "xlsx": 10,
    "json": 10,
    "docx": 10,
    "markdown": 8,
    "text": 16,
}
LANGUAGE_MINIMUM = {
    "en": 32,
    "de": 26,
    "fr": 10,
    "it": 10,
    "es": 10,
    "zh": 3,
    "ja": 3,
    "nl": 3,
    "pl": 3,
    "pt": 3,
    "sv": 3,
    "cs": 3,
    "tr": 2,
}
DERIVED_MINIMUM = 20
# The kinds of document a buyer's inbox holds, each on several documents.
DOCUMENT_KINDS = (
    "webshop",
    "email",
    "quotation",
    "erp_export",
    "manual",
    "drawing_title_block",
    "material_declaration",
    "test_report",
    "packing_list",
    "bom",
    "price_list",
    "catalogue_row",
)
# The distractors and situations real documents carry, each on several documents.
SITUATIONS = (
    "distractor:machine_force",
    "distractor:torque",
    "distractor:gross",
    "distractor:packed",
    "distractor:shipping",
    "distractor:max_load",
    "distractor:load_rating",
    "distractor:shot_weight",
    "distractor:acceleration_g",
    "distractor:grammage",
    "distractor:density",
    "distractor:capacity",
    "per_pack",
    "per_1000",
    "per_metre",
    "per_area",
    "per_line",
    "table_row",
    "unit_in_header",
    "unit_column",
    "two_column",
    "multi_page",
    "related_products",
    "review",
    "accessories",
    "assembly_component",
    "component_masses",
    "raw_vs_finished",
    "weight_row_empty",
    "gross_only",
    "imperial",
    "pallet",
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
    "distractor:battery_capacity",
    "distractor:copper_weight",
    "second_sheet",
)
FAMILY_MINIMUM = 2  # every main-material family on at least this many documents


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-e",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_e_build",
    )


def test_the_split_is_big_and_varied_enough(truth: list[Entry]) -> None:
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= SIZE
    assert all(formats[fmt] >= count for fmt, count in FORMAT_MINIMUM.items()), formats
    assert all(languages[lang] >= count for lang, count in LANGUAGE_MINIMUM.items()), languages
    assert 0.10 <= nulls / len(truth) <= 0.20, nulls
    assert sum(entry["derived"] for entry in truth) >= DERIVED_MINIMUM


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
    expected = ("aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc",
                "paper", "rubber", "plastic")  # fmt: skip
    for family in expected:
        assert families[family] >= FAMILY_MINIMUM, (family, families[family])
