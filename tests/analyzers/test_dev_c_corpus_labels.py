"""Integrity of the development batch dev-c (tests/fixtures/corpus/dev-c), not its accuracy.

dev-c is written by an author who had not read the rules, so that rules tuned on it meet a
writer's habits they were not fitted to. Unlike the locked splits it may be read while tuning.
The checks are the locked splits' own (every document listed once, readable by the service's
extraction, evidence quoted verbatim, tolerance and family as LABELLING.md defines them,
binaries that build.py reproduces), plus the batch's mix of formats and languages.
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
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "dev-c",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="dev_c_build",
    )


def test_every_file_name_says_its_language(truth: list[Entry]) -> None:
    """`cNNN_<language>_…`: the number orders the batches, the language helps whoever reads."""
    for entry in truth:
        number, language, _ = Path(entry["file"]).name.split("_", 2)
        assert number.startswith("c") and number[1:].isdigit(), entry["file"]
        assert language == entry["language"], entry["file"]


def test_nulls_are_a_minority_and_derived_values_present(truth: list[Entry]) -> None:
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert 0.05 <= nulls / len(truth) <= 0.25, nulls
    assert any(entry["derived"] for entry in truth)
    assert Counter(entry["format"] for entry in truth)["pdf"] >= 1
