"""Integrity of the third locked batch (tests/fixtures/corpus/locked-c), not its accuracy.

locked-c is written by a third author, who read neither the rules, the development documents
nor the other locked splits, so that a score on it does not reward rules fitted to the habits
of the writers before. The shared checks hold its labels to LABELLING.md and its binaries to
build.py; accuracy is scored by bench/offline_accuracy.py, once per rule change, and nothing
here reads an analyzer.
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

LANGUAGES = frozenset({"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs"})

MIX = Mix(
    size=90,
    formats={
        "pdf": 22,
        "html": 12,
        "csv": 8,
        "xlsx": 8,
        "json": 8,
        "docx": 8,
        "markdown": 6,
        "text": 8,
    },
    languages={"en": 25, "de": 20, "fr": 8, "it": 8, "es": 8}
    | dict.fromkeys(("zh", "ja", "nl", "pl", "pt", "sv"), 2),
    nulls=(0.10, 0.20),
    derived=10,
    # The situations that make a weight confidently wrong.
    tags=(
        "distractor:machine_force",
        "container",
        "assembly_component",
        "assembly_excludes_part",
        "paper",
        "per_metre",
        "pallet",
        "multi_page",
        "weight_row_empty",
        "table_row",
    ),
    paper_languages=frozenset({"en", "de", "fr", "it", "es"}),
)


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-c", LANGUAGES, MIX)
