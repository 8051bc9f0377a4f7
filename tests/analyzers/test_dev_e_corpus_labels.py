"""Integrity of the development batch dev-e (tests/fixtures/corpus/dev-e), not its accuracy.

dev-e is written by a further independent author, as a buyer's month of uploads: supplier data
sheets and catalogue pages, quotations, invoices and packing lists, ERP exports, saved web
shops, title blocks, manuals, declarations and test reports. It may be read while tuning, and
its answers feed the confidence model; so its labels must be trustworthy: every document listed
once, readable by the service's own extraction, evidence quoted verbatim, tolerance and material
family as LABELLING.md defines them, and the committed binaries exactly what build.py produces.
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

LANGUAGES = frozenset(
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr"}
)


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "dev-e",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="dev_e_build",
    )


def test_file_names_follow_the_batch_numbering(truth: list[Entry]) -> None:
    numbers = [int(Path(entry["file"]).name[1:4]) for entry in truth]
    assert numbers == list(range(1, len(truth) + 1))
    for entry in truth:
        assert Path(entry["file"]).name.startswith("e"), entry["file"]
        assert Path(entry["file"]).name.split("_")[1] == entry["language"], entry["file"]


def test_the_batch_is_big_and_varied_enough(truth: list[Entry]) -> None:
    """The mix grows batch by batch; these floors hold from the first batch on."""
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= 25
    assert all(formats[fmt] >= 2 for fmt in ("pdf", "html", "csv", "xlsx", "json", "docx",
                                              "markdown", "text")), formats  # fmt: skip
    assert languages["en"] >= 5 and languages["de"] >= 5, languages
    assert 0.08 <= nulls / len(truth) <= 0.25, nulls
    assert sum(entry["derived"] for entry in truth) >= 3


def test_every_document_has_a_distinct_article_name(truth: list[Entry]) -> None:
    names = Counter(entry["article_name"] for entry in truth)
    assert all(count == 1 for count in names.values()), names.most_common(3)
