"""Integrity of the development batch dev-c (tests/fixtures/corpus/dev-c), not its accuracy.

dev-c is written by an author who had not read the rules, so that rules tuned on it meet a
writer's habits they were not fitted to. Unlike the locked splits it may be read while tuning.
The checks are the locked splits' own (every document listed once, readable by the service's
extraction, evidence quoted verbatim, tolerance and family as LABELLING.md defines them,
binaries that build.py reproduces), plus the batch's mix of formats and languages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analyzers.locked_split_checks import (  # noqa: F401 - collected here, for this split
    Entry,
    Mix,
    Split,
    test_committed_binaries_read_as_what_build_py_writes,
    test_each_situation_is_present_several_times,
    test_every_document_opens_with_the_service_extraction,
    test_every_entry_has_exactly_the_labelling_fields,
    test_every_evidence_string_is_in_the_document_text,
    test_main_material_is_an_allowed_family,
    test_material_shares_are_mass_fractions,
    test_the_split_is_big_and_varied_enough,
    test_tolerance_follows_the_formula,
    test_truth_and_corpus_list_the_same_files,
)

LANGUAGES = frozenset({"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs"})


MIX = Mix(
    size=80,
    formats={"pdf": 20, "html": 10, "csv": 8, "xlsx": 6, "json": 8, "docx": 6, "markdown": 6,
             "text": 8},
    languages={"en": 20, "de": 15, "fr": 6, "it": 6, "es": 6, "zh": 2, "ja": 2, "nl": 2, "pl": 2,
               "pt": 2},
    nulls=(0.08, 0.22),
    derived=10,
    # The classes that mislead, each on more than one document.
    rare_tags=("per_1000", "per_metre", "per_pack", "assembly_component", "assembly_excludes_part",
               "container", "weight_row_empty", "unit_in_header", "row_by_name", "thousands_point",
               "distractor:machine_force", "distractor:packed", "distractor:related_products",
               "upper_bound_only", "paper"),
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("dev-c", LANGUAGES, MIX)


def test_every_file_name_says_its_language(truth: list[Entry]) -> None:
    """`cNNN_<language>_…`: the number orders the batches, the language helps whoever reads."""
    for entry in truth:
        number, language, _ = Path(entry["file"]).name.split("_", 2)
        assert number.startswith("c") and number[1:].isdigit(), entry["file"]
        assert language == entry["language"], entry["file"]
