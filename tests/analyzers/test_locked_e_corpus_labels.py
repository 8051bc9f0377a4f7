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
SIZE = 90
FORMAT_MINIMUM = {
    "pdf": 28,
    "html": 11,
    "csv": 8,
    "xlsx": 8,
    "json": 8,
    "docx": 8,
    "markdown": 6,
    "text": 13,
}
LANGUAGE_MINIMUM = {
    "en": 28,
    "de": 20,
    "fr": 9,
    "it": 9,
    "es": 8,
}
DERIVED_MINIMUM = 14
# The kinds of document a buyer's inbox holds, each several times.
DOCUMENT_KINDS = (
    "erp_export",
    "webshop",
    "email",
)
# The distractors real documents carry, each on several documents.
DISTRACTORS = (
    "distractor:machine_force",
    "distractor:torque",
    "distractor:gross",
    "distractor:packed",
    "distractor:max_load",
    "table_row",
    "per_pack",
    "related_products",
)


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
    assert 0.05 <= nulls / len(truth) <= 0.20, nulls
    assert sum(entry["derived"] for entry in truth) >= DERIVED_MINIMUM


def test_document_kinds_and_distractors_are_each_present_several_times(
    truth: list[Entry],
) -> None:
    """Each kind of document and each distractor on more than one document, so that one lucky
    or unlucky document does not decide the figure for its class."""
    tags = Counter(tag for entry in truth for tag in set(entry["tags"]))
    for tag in DOCUMENT_KINDS + DISTRACTORS:
        assert tags[tag] >= 2, (tag, tags[tag])
