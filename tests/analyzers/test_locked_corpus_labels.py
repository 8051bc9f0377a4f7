"""Integrity of the locked test split (tests/fixtures/corpus/locked), not its accuracy.

The split is the yardstick for extraction rules, so its labels must be trustworthy before any
score means anything: every document listed once, readable by the service's own extraction,
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
    test_every_document_opens_with_the_service_extraction,
    test_every_entry_has_exactly_the_labelling_fields,
    test_every_evidence_string_is_in_the_document_text,
    test_main_material_is_an_allowed_family,
    test_material_shares_are_mass_fractions,
    test_the_split_is_big_and_varied_enough,
    test_tolerance_follows_the_formula,
    test_truth_and_corpus_list_the_same_files,
)

LANGUAGES = frozenset({"en", "de", "fr", "it", "es", "zh", "ja"})

MIX = Mix(
    size=110,
    formats={
        "pdf": 25,
        "html": 15,
        "csv": 10,
        "xlsx": 10,
        "json": 10,
        "docx": 10,
        "markdown": 8,
        "text": 8,
    },
    languages={"en": 10, "de": 10, "fr": 10, "it": 10, "es": 10, "zh": 5, "ja": 3},
    nulls=(0.12, 0.25),
    derived=10,
)


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked", LANGUAGES, MIX)
