"""Integrity of the second locked batch (tests/fixtures/corpus/locked-b), not its accuracy.

locked-b is written by a different author than locked/, so that a score on it does not
reward rules fitted to one writer's habits. Its labels must be trustworthy before any score
means anything: every document listed once, readable by the service's own extraction,
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

LANGUAGES = frozenset({"en", "de", "fr", "it", "es"})


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-b",
        languages=LANGUAGES,
        binary=(".pdf", ".docx"),
        build_module="locked_b_build",
    )


def test_the_split_is_big_and_varied_enough(truth: list[Entry]) -> None:
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= 90
    minimum = {"pdf": 12, "docx": 8, "html": 10, "csv": 6, "json": 6, "markdown": 6, "text": 6}
    assert all(formats[fmt] >= count for fmt, count in minimum.items()), formats
    assert all(languages[lang] >= 8 for lang in LANGUAGES), languages
    assert 0.10 <= nulls / len(truth) <= 0.22, nulls
    assert sum(entry["derived"] for entry in truth) >= 6


def test_failure_classes_are_each_present_several_times(truth: list[Entry]) -> None:
    """The classes independent testers found confidently wrong answers in, several times each."""
    tags = Counter(tag for entry in truth for tag in set(entry["tags"]))
    for tag in ("distractor:machine_force", "container", "per_bundle", "assembly_component",
                "assembly_excludes_part", "paper"):  # fmt: skip
        assert tags[tag] >= 3, (tag, tags[tag])
    paper = {entry["language"] for entry in truth if entry["main_material"] == "paper"}
    assert paper == LANGUAGES, paper
