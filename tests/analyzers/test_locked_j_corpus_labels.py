"""Integrity of the locked-j batch (tests/fixtures/corpus/locked-j), not its accuracy.

locked-j is written by a tenth independent author, who read neither the rules, the development
documents nor the documents and labels of the other locked splits. It leans on what buyers in
automotive supply, medical devices, furniture and fittings, plumbing and heating, and electrical
installation receive: PPAP part data and IMDS-like material declarations (a component tree with
masses per node and the article's total), cabinet hinges and drawer slides sold in pairs or
packs of ten, radiators and valves with a dry and a filled weight, cables by kg/km, switch and
socket ranges in variant tables, medical disposables per box with the box weight and the count,
ERP exports whose weight unit sits in its own column (KG on one row, G on the next), and records
whose net weight is empty while a gross weight is filled. The shared checks hold its labels to
LABELLING.md and its binaries to build.py; the split is scored once per rule change by
bench/offline_accuracy.py, and nothing here reads an analyzer.
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
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr", "da"}
)
SIZE = 130
FORMAT_MINIMUM = {
    "pdf": 9,
    "html": 4,
    "csv": 3,
    "xlsx": 3,
    "json": 3,
    "docx": 3,
    "markdown": 2,
    "text": 1,
}
LANGUAGE_MINIMUM = {"en": 10, "de": 6, "fr": 3, "it": 2, "es": 2}
DERIVED_MINIMUM = 6
NULL_SHARE = (0.05, 0.20)
# The kinds of document the buyers of this split receive, each on several documents.
DOCUMENT_KINDS = ("datasheet", "catalogue_table", "webshop", "erp_export", "api_json")
# The goods of these buyers and the distractors their documents carry, each on several
# documents.
SITUATIONS = (
    "automotive",
    "medical_disposable",
    "furniture_fitting",
    "plumbing_heating",
    "electrical_installation",
    "hinge",
    "radiator",
    "valve",
    "table_row",
    "unit_in_header",
    "unit_column",
    "per_pack",
    "decimal_comma",
    "distractor:gross",
    "distractor:packed",
    "distractor:max_load",
    "distractor:machine_force",
    "distractor:electrical_ratings",
    "accessories",
    "related_products",
)
# Rarer situations, each at least twice so that no single document decides them.
RARE_SITUATIONS = (
    "ppap",
    "second_sheet",
    "per_pair",
    "per_km",
    "dry_vs_operating",
    "weight_row_empty",
    "distractor:shot_weight",
    "distractor:pallet",
    "distractor:torque",
    "thousands_separator",
)
FAMILY_MINIMUM = 1  # every main-material family on at least this many documents
FAMILIES = ("aluminium", "steel", "brass", "rubber", "plastic")


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-j",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_j_build",
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


def test_document_kinds_and_situations_are_each_present_several_times(
    truth: list[Entry],
) -> None:
    """Each kind of document and each situation on more than one document, so that one lucky
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
