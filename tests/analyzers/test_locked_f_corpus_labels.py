"""Integrity of the sixth locked batch (tests/fixtures/corpus/locked-f), not its accuracy.

locked-f is written by a sixth author, who read neither the rules, the development documents
nor the documents and labels of the other locked splits, so that a score on it does not reward
rules fitted to the writers before. It leans on what arrives from mid-sized suppliers in Europe
and Asia: catalogue pages with several families and size tables over two pages, data sheets
whose key/value tables carry the unit in the label ("Gewicht [kg]", "Peso (g)"), B2B shop pages
with tabs, JSON-LD and a state blob, SAP exports with gross/net/unit columns, GS1 records with
unit codes, Chinese quotations with N.W./G.W. per carton, Japanese spec sheets, inspection
reports whose weight is the mean of measured samples, BOMs whose parent weighs the sum of its
children and manuals with the technical data on a later page. The shared checks hold its labels
to LABELLING.md and its binaries to build.py; nothing here reads an analyzer.
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
SIZE = 28
FORMAT_MINIMUM = {
    "pdf": 8,
    "html": 4,
    "csv": 3,
    "xlsx": 3,
    "json": 3,
    "docx": 3,
    "markdown": 2,
    "text": 2,
}
LANGUAGE_MINIMUM = {"en": 8, "de": 6, "fr": 3, "it": 3, "es": 2}
NULL_SHARE = (0.05, 0.20)
DERIVED_MINIMUM = 8
# The kinds of supplier document this split leans on, each on several documents.
DOCUMENT_KINDS: tuple[str, ...] = ()
# The distractors and situations, each on several documents.
SITUATIONS: tuple[str, ...] = ()
# Rarer situations, each at least twice so that no single document decides them.
RARE_SITUATIONS: tuple[str, ...] = ()
FAMILIES = ("aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc",
            "paper", "rubber", "plastic")  # fmt: skip
FAMILY_MINIMUM = 1  # every main-material family on at least this many documents


@pytest.fixture(scope="module")
def split() -> Split:
    return Split(
        folder=Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "locked-f",
        languages=LANGUAGES,
        binary=(".pdf", ".docx", ".xlsx"),
        build_module="locked_f_build",
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


def test_files_are_numbered_and_named_by_language(truth: list[Entry]) -> None:
    for entry in truth:
        stem = Path(entry["file"]).name
        number, language, slug = stem.split("_", 2)
        assert number[0] == "f" and number[1:].isdigit() and len(number) == 4, stem
        assert language == entry["language"] and slug, stem
    numbers = sorted(int(Path(e["file"]).name[1:4]) for e in truth)
    assert numbers == list(range(1, len(truth) + 1)), "numbers run without gaps"


def test_document_kinds_and_situations_are_each_present_several_times(
    truth: list[Entry],
) -> None:
    """Each kind of document and each distractor on more than one document, so that one lucky
    or unlucky document does not decide the figure for its class."""
    tags = Counter(tag for entry in truth for tag in set(entry["tags"]))
    for tag in DOCUMENT_KINDS + SITUATIONS:
        assert tags[tag] >= 3, (tag, tags[tag])
    for tag in RARE_SITUATIONS:
        assert tags[tag] >= 2, (tag, tags[tag])


def test_every_material_family_is_labelled(truth: list[Entry]) -> None:
    families = Counter(
        "plastic" if main.startswith("plastic:") else main
        for main in (entry["main_material"] for entry in truth)
        if main is not None
    )
    present = [family for family in FAMILIES if families[family] >= FAMILY_MINIMUM]
    assert len(present) >= 7, families
