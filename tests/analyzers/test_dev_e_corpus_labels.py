"""Integrity of the development batch dev-e (tests/fixtures/corpus/dev-e), not its accuracy.

dev-e is written by a further independent author, as a buyer's month of uploads: supplier data
sheets and catalogue pages, quotations, invoices and packing lists, ERP exports, saved web
shops, title blocks, manuals, declarations and test reports. It may be read while tuning, so its
labels must be trustworthy: every document listed once, readable by the service's own extraction,
evidence quoted verbatim, tolerance and material family as LABELLING.md defines them, and the
committed binaries exactly what build.py produces.
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
    test_every_material_family_is_labelled_on_several_documents,
    test_main_material_is_an_allowed_family,
    test_material_shares_are_mass_fractions,
    test_the_split_is_big_and_varied_enough,
    test_tolerance_follows_the_formula,
    test_truth_and_corpus_list_the_same_files,
)

LANGUAGES = frozenset(
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr"}
)


MIX = Mix(
    size=130,
    formats={"pdf": 28, "html": 15, "csv": 10, "xlsx": 10, "json": 10, "docx": 10, "markdown": 8,
             "text": 10},
    languages={"en": 30, "de": 25, "fr": 10, "it": 10, "es": 10},
    nulls=(0.10, 0.20),
    derived=15,
    rarer_languages=(frozenset({"zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr"}), 8),
    # The material figure means something only when every family is represented.
    families=("aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc",
              "paper", "rubber", "plastic"),
    family_minimum=1,
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("dev-e", LANGUAGES, MIX)


def test_file_names_follow_the_batch_numbering(truth: list[Entry]) -> None:
    numbers = [int(Path(entry["file"]).name[1:4]) for entry in truth]
    assert numbers == list(range(1, len(truth) + 1))
    for entry in truth:
        assert Path(entry["file"]).name.startswith("e"), entry["file"]
        assert Path(entry["file"]).name.split("_")[1] == entry["language"], entry["file"]


def test_every_document_has_a_distinct_article_name(truth: list[Entry]) -> None:
    names = Counter(entry["article_name"] for entry in truth)
    assert all(count == 1 for count in names.values()), names.most_common(3)
