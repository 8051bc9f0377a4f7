"""Integrity of the fourth locked batch (tests/fixtures/corpus/locked-d), not its accuracy.

locked-d is written by a fourth author, who read neither the rules, the development documents
nor the documents and labels of the other locked splits, so that a score on it does not reward
rules fitted to the habits of the writers before. It leans on what suppliers' documents do that
is easy to miss: an article's row on a long catalogue page, a weight given only per piece in an
ordering table or only per 100, assemblies and their parts, OCR text of scanned sheets, e-mail
threads that correct an earlier weight, material declarations whose total mass is the weight,
weights on a second spreadsheet sheet, localized PIM attributes and specs hidden in page
scripts. The shared checks hold its labels to LABELLING.md and its binaries to build.py;
accuracy is scored by bench/offline_accuracy.py, once per rule change, and nothing here reads an
analyzer.
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

LANGUAGES = frozenset({"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs"})
SIZE = 120
FORMAT_MINIMUM = {
    "pdf": 22,
    "html": 12,
    "csv": 8,
    "xlsx": 8,
    "json": 8,
    "docx": 8,
    "markdown": 6,
    "text": 8,
}
LANGUAGE_MINIMUM = {
    "en": 25,
    "de": 20,
    "fr": 8,
    "it": 8,
    "es": 8,
    "zh": 2,
    "ja": 2,
    "nl": 2,
    "pl": 2,
    "pt": 2,
    "sv": 2,
}
DERIVED_MINIMUM = 12
# The situations this batch was written for, each tagged on several documents.
HARD_CASES = (
    "catalogue_row",
    "per_piece_column",
    "assembly_component",
    "assembly_excludes_part",
    "imperial_other_item",
    "ocr_text",
    "email_correction",
    "quotation",
    "material_declaration",
    "second_sheet",
    "localized_attributes",
    "script_json",
    "two_column",
    "distractor:machine_force",
    "container",
    "pallet",
    "per_metre",
    "multi_page",
    "weight_row_empty",
    "table_row",
    "paper",
)
PAPER_LANGUAGES = frozenset({"en", "de", "fr", "it", "es"})


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-d",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_d_build",
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


def test_hard_cases_are_each_present_several_times(truth: list[Entry]) -> None:
    """The situations this batch was written for, each more than once, so that one lucky or
    unlucky document does not decide the figure for its class."""
    tags = Counter(tag for entry in truth for tag in set(entry["tags"]))
    for tag in HARD_CASES:
        assert tags[tag] >= 3, (tag, tags[tag])
    paper = {entry["language"] for entry in truth if entry["main_material"] == "paper"}
    assert PAPER_LANGUAGES <= paper, paper
