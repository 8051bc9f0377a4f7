"""Integrity of the development batch dev-d (tests/fixtures/corpus/dev-d), not its accuracy.

dev-d is written by an author who had not read the rules, to show where they fail to
generalise; unlike the locked splits it may be read while tuning. Its labels must still be
trustworthy: every document listed once, readable by the service's own extraction, evidence
quoted verbatim, tolerance and material family as LABELLING.md defines them, and the committed
binaries exactly what build.py produces.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.analyzers.locked_split_checks import (  # noqa: F401 - collected here, for this split
    Entry,
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

LANGUAGES = frozenset({"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs"})


MIX = Mix(
    size=60,
    formats={"pdf": 20, "html": 10, "csv": 8, "xlsx": 6, "json": 8, "docx": 6, "markdown": 6,
             "text": 8},
    languages={"en": 20, "de": 15, "fr": 6, "it": 6, "es": 6},
    nulls=(0.10, 0.22),
    derived=5,
    rarer_languages=(frozenset({"zh", "ja", "nl", "pl", "pt", "sv", "cs"}), 5),
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("dev-d", LANGUAGES, MIX)


def test_file_names_follow_the_batch_numbering(truth: list[Entry]) -> None:
    numbers = [int(Path(entry["file"]).name[1:4]) for entry in truth]
    assert numbers == list(range(1, len(truth) + 1))
    for entry in truth:
        assert Path(entry["file"]).name.split("_")[1] == entry["language"], entry["file"]


def test_every_document_has_a_distinct_article_name(truth: list[Entry]) -> None:
    names = Counter(entry["article_name"] for entry in truth)
    assert all(count == 1 for count in names.values()), names.most_common(3)
