"""Integrity of the locked test split (tests/fixtures/corpus/locked), not its accuracy.

The split is the yardstick for extraction rules, so its labels must be trustworthy before any
score means anything: every document listed once, readable by the service's own extraction,
its evidence quoted verbatim, its tolerance and material family as LABELLING.md defines them,
and the committed binaries exactly what build.py produces. Accuracy is scored by
bench/offline_accuracy.py, once per rule change; nothing here reads an analyzer.
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

LANGUAGES = frozenset({"en", "de", "fr", "it", "es", "zh", "ja"})


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_build",
    )


def test_the_split_is_big_and_varied_enough(truth: list[Entry]) -> None:
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= 110
    minimum = {"pdf": 25, "html": 15, "csv": 10, "xlsx": 10, "json": 10, "docx": 10}
    minimum |= {"markdown": 8, "text": 8}
    assert all(formats[fmt] >= count for fmt, count in minimum.items()), formats
    minimum = {"en": 10, "de": 10, "fr": 10, "it": 10, "es": 10, "zh": 5, "ja": 3}
    assert all(languages[lang] >= count for lang, count in minimum.items()), languages
    assert 0.12 <= nulls / len(truth) <= 0.25, nulls
    assert sum(entry["derived"] for entry in truth) >= 10
