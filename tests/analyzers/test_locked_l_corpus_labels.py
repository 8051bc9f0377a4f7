"""Integrity of the locked-l batch (tests/fixtures/corpus/locked-l), not its accuracy.

locked-l is written by a twelfth independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers in railway and shipbuilding, pumps and compressors, process valves and instrumentation,
cleaning and hygiene products and office and school supplies receive: machines with net,
operating and transport weights and the weight of the heaviest part for lifting, valve tables by
DN and PN with a weight per end connection, instruments weighed with and without display,
cleaning agents in canisters with litres, density and gross weight, paper by the ream and box
with its grammage, and writing goods sold per box. The shared checks hold its labels to
LABELLING.md and its binaries to build.py; the split is scored once by
bench/offline_accuracy.py, and nothing here reads an analyzer.
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
    {"en", "de", "fr", "it", "es", "zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr", "da"}
)
SIZE = 25
FORMAT_MINIMUM = {
    "pdf": 8,
    "html": 4,
    "csv": 2,
    "xlsx": 2,
    "json": 2,
    "docx": 2,
    "markdown": 2,
    "text": 3,
}
LANGUAGE_MINIMUM = {"en": 8, "de": 5, "fr": 2, "it": 2, "es": 2}
DERIVED_MINIMUM = 1
NULL_SHARE = (0.05, 0.20)
DOCUMENT_KINDS: tuple[str, ...] = ()
SITUATIONS: tuple[str, ...] = ()
RARE_SITUATIONS: tuple[str, ...] = ()
FAMILY_MINIMUM = 1
FAMILIES: tuple[str, ...] = ()


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-l",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_l_build",
    )


def test_the_split_is_big_and_varied_enough(truth: list[Entry]) -> None:
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= SIZE
    assert all(formats[fmt] >= count for fmt, count in FORMAT_MINIMUM.items()), formats
    assert all(languages[lang] >= count for lang, count in LANGUAGE_MINIMUM.items()), languages
    assert NULL_SHARE[0] <= nulls / len(truth) <= NULL_SHARE[1], nulls
    assert sum(entry["derived"] for entry in truth) >= DERIVED_MINIMUM


def test_document_kinds_and_situations_are_each_present_several_times(
    truth: list[Entry],
) -> None:
    """Each kind of document and each situation on more than one document, so that one lucky
    or unlucky document does not decide the figure for its class."""
    tags = Counter(tag for entry in truth for tag in set(entry["tags"]))
    for tag in DOCUMENT_KINDS + SITUATIONS:
        assert tags[tag] >= 3, (tag, tags[tag])
    for tag in RARE_SITUATIONS:
        assert tags[tag] >= 2, (tag, tags[tag])


def test_every_material_family_is_labelled_on_several_documents(truth: list[Entry]) -> None:
    families = Counter(
        "plastic" if main.startswith("plastic:") else main
        for main in (entry["main_material"] for entry in truth)
        if main is not None
    )
    for family in FAMILIES:
        assert families[family] >= FAMILY_MINIMUM, (family, families[family])
