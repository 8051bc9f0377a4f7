"""Integrity of the third locked batch (tests/fixtures/corpus/locked-c), not its accuracy.

locked-c is written by a third author, who read neither the rules, the development documents
nor the other locked splits, so that a score on it does not reward rules fitted to the habits
of the writers before. The shared checks hold its labels to LABELLING.md and its binaries to
build.py; accuracy is scored by bench/offline_accuracy.py, once per rule change, and nothing
here reads an analyzer.
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


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-c",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_c_build",
    )


def test_the_split_is_big_and_varied_enough(truth: list[Entry]) -> None:
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= 90
    minimum = {"pdf": 22, "html": 12, "csv": 8, "xlsx": 8, "json": 8, "docx": 8, "markdown": 6,
               "text": 8}  # fmt: skip
    assert all(formats[fmt] >= count for fmt, count in minimum.items()), formats
    assert languages["en"] >= 25 and languages["de"] >= 20, languages
    assert all(languages[lang] >= 8 for lang in ("fr", "it", "es")), languages
    assert all(languages[lang] >= 2 for lang in ("zh", "ja", "nl", "pl", "pt", "sv")), languages
    assert 0.10 <= nulls / len(truth) <= 0.20, nulls
    assert sum(entry["derived"] for entry in truth) >= 10


def test_hard_cases_are_each_present_several_times(truth: list[Entry]) -> None:
    """The situations that make a weight confidently wrong, each more than once, so that one
    lucky or unlucky document does not decide the figure for its class."""
    tags = Counter(tag for entry in truth for tag in set(entry["tags"]))
    for tag in ("distractor:machine_force", "container", "assembly_component",
                "assembly_excludes_part", "paper", "per_metre", "pallet", "multi_page",
                "weight_row_empty", "table_row"):  # fmt: skip
        assert tags[tag] >= 3, (tag, tags[tag])
    paper = {entry["language"] for entry in truth if entry["main_material"] == "paper"}
    assert {"en", "de", "fr", "it", "es"} <= paper, paper
