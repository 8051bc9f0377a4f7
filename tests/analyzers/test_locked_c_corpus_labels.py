"""Integrity of the third locked batch (tests/fixtures/corpus/locked-c), not its accuracy.

locked-c is written by a third author, who read neither the rules, the development documents
nor the other locked splits, so that a score on it does not reward rules fitted to the habits
of the writers before. The shared checks hold its labels to LABELLING.md and its binaries to
build.py; accuracy is scored by bench/offline_accuracy.py, once per rule change, and nothing
here reads an analyzer.
"""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-c",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_c_build",
    )
