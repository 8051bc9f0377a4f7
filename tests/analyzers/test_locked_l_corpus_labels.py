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
SIZE = 133
FORMAT_MINIMUM = {
    "pdf": 30,
    "html": 14,
    "csv": 9,
    "xlsx": 9,
    "json": 9,
    "docx": 9,
    "markdown": 7,
    "text": 9,
}
LANGUAGE_MINIMUM = {
    "en": 28,
    "de": 22,
    "fr": 9,
    "it": 9,
    "es": 9,
    "zh": 2,
    "ja": 2,
    "nl": 2,
    "pl": 2,
    "pt": 2,
    "sv": 2,
    "cs": 2,
    "tr": 2,
    "da": 2,
}
DERIVED_MINIMUM = 19
NULL_SHARE = (0.10, 0.20)
# The kinds of document the buyers of this split receive, each on several documents.
DOCUMENT_KINDS = (
    "datasheet",
    "specification",
    "catalogue_table",
    "webshop",
    "erp_export",
    "api_json",
    "manual",
    "quotation",
    "email",
    "test_report",
    "drawing_title_block",
)
# The goods of these buyers and the situations and distractors their documents carry, each on
# several documents.
SITUATIONS = (
    "railway",
    "shipbuilding",
    "pump",
    "compressor",
    "valve",
    "instrument",
    "cleaning",
    "office_supplies",
    "writing_goods",
    "paper_ream",
    "canister",
    "large_machine",
    "heaviest_part",
    "with_without_display",
    "end_connection_variant",
    "per_pack",
    "table_row",
    "table_column",
    "unit_in_header",
    "unit_column",
    "unit_field",
    "decimal_comma",
    "thousands_separator",
    "approx",
    "variant_selector",
    "assembly_component",
    "assembly_without_part",
    "accessories",
    "related_products",
    "component_masses",
    "second_sheet",
    "multi_page",
    "two_column",
    "review",
    "tolerance",
    "ordinary",
    "raw_vs_finished",
    "casting",
    "imperial",
    "nw_gw",
    "length_per_piece",
    "weight_row_empty",
    "packed_only",
    "distractor:gross",
    "distractor:packed",
    "distractor:pallet",
    "distractor:shipping",
    "distractor:capacity",
    "distractor:max_load",
    "distractor:load_rating",
    "distractor:torque",
    "distractor:density",
    "distractor:machine_force",
    "distractor:operating_weight",
    "distractor:set_weight",
    "distractor:grammage",
    "distractor:fill_weight",
    "distractor:battery_capacity",
    "distractor:per_metre",
    "distractor:script_data",
)
# Rarer situations, each at least twice so that no single document decides them.
RARE_SITUATIONS = (
    "kg_and_lb",
    "unit:lb",
    "unit:oz",
    "per_pair",
    "per_metre",
    "cable_included",
    "battery_included",
    "battery_excluded",
    "upper_bound_only",
    "gross_only",
    "component_shares",
    "material_declaration",
    "declaration_of_conformity",
    "no_weight",
    "bom",
    "forging",
    "customer_qa",
    "email_correction",
    "packing_list",
    "asian_english",
    "source:script_data",
    "distractor:minimum_weight",
    "distractor:acceleration_g",
    "distractor:refrigerant_charge",
    "distractor:inertia",
    "distractor:per_area",
    "distractor:consumption",
    "distractor:electrical_ratings",
    "counterweight",
    "imperial_disagrees",
    "delivery_note",
)
FAMILY_MINIMUM = 2  # every main-material family on at least this many documents
FAMILIES = (
    "aluminium",
    "steel",
    "stainless steel",
    "cast iron",
    "copper",
    "brass",
    "zinc",
    "paper",
    "rubber",
    "plastic",
)


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
