"""Integrity of the second locked batch (tests/fixtures/corpus/locked-b), not its accuracy.

locked-b is written by a different author than locked/, so that a score on it does not
reward rules fitted to one writer's habits. Its labels must be trustworthy before any score
means anything: every document listed once, readable by the service's own extraction,
its evidence quoted verbatim, its tolerance and material family as LABELLING.md defines them,
and the committed binaries exactly what build.py produces. Accuracy is scored by
bench/offline_accuracy.py, once per rule change; nothing here reads an analyzer.
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

LANGUAGES = frozenset({"en", "de", "fr", "it", "es"})

MIX = Mix(
    size=90,
    formats={
        "pdf": 12,
        "docx": 8,
        "html": 10,
        "csv": 6,
        "json": 6,
        "markdown": 6,
        "text": 6,
    },
    languages=dict.fromkeys(LANGUAGES, 8),
    nulls=(0.10, 0.22),
    derived=6,
    # The classes independent testers found confidently wrong answers in.
    tags=(
        "distractor:machine_force",
        "container",
        "per_bundle",
        "assembly_component",
        "assembly_excludes_part",
        "paper",
    ),
    paper_languages=LANGUAGES,
)


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-b", LANGUAGES, MIX, binary=(".pdf", ".docx"))
