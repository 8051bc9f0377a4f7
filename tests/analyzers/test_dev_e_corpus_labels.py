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
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= 130
    minimum = {"pdf": 28, "html": 15, "csv": 10, "xlsx": 10, "json": 10, "docx": 10, "markdown": 8,
               "text": 10}  # fmt: skip
    assert all(formats[fmt] >= count for fmt, count in minimum.items()), formats
    assert languages["en"] >= 30 and languages["de"] >= 25, languages
    assert all(languages[lang] >= 10 for lang in ("fr", "it", "es")), languages
    assert sum(languages[lang] for lang in ("zh", "ja", "nl", "pl", "pt", "sv", "cs", "tr")) >= 8
    assert 0.10 <= nulls / len(truth) <= 0.20, nulls
    assert sum(entry["derived"] for entry in truth) >= 15


def test_every_main_material_family_occurs(truth: list[Entry]) -> None:
    """The material figure means something only when every family is represented."""
    mains = {entry["main_material"] for entry in truth}
    families = {"aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc",
                "paper", "rubber"}  # fmt: skip
    assert families <= mains, families - mains
    assert any(str(main).startswith("plastic:") for main in mains)


def test_every_document_has_a_distinct_article_name(truth: list[Entry]) -> None:
    names = Counter(entry["article_name"] for entry in truth)
    assert all(count == 1 for count in names.values()), names.most_common(3)
