"""Integrity of the locked-x batch (tests/fixtures/corpus/locked-x), not its accuracy.

locked-x is written by a twenty-fourth independent author, who read neither the rules, the
development documents nor the documents and labels of the other locked splits. It leans on what
buyers of motorcycle and bicycle parts (exhausts, brake discs by diameter, chains by link
count), agricultural machinery parts (PTO shafts by length, mower knives in packs of 25, tines),
hydraulics (cylinders with a base weight plus a weight per 100 mm of stroke, hoses by DN per
metre with fittings), electrical installation material (switches with frames, cable reels, DIN
rail per metre), castings, forgings and machined parts, stationery and office paper (reams,
envelopes per 1000, notebooks), rubber and foam products (seals per metre, mats in kg/m2),
tools (sets and single spare pieces), household appliances and medical consumables (boxes of
100, cases of 10 boxes) receive: size tables with the unit only in the column header, drawing
title blocks with raw and finished masses, two-column pages, a weight on a later page, ERP and
PIM exports with the unit in its own column, second sheets, JSON APIs with nested variant
arrays, shop pages whose weight sits in a table, a `<dl>`, JSON-LD or only script data, mails
that correct or refuse a weight, delivery notes with only gross weights, and OCR-like scans.
The shared checks hold its labels to LABELLING.md and its binaries to build.py; the split is
scored by bench/offline_accuracy.py, and nothing here reads an analyzer.
"""

from __future__ import annotations

import pytest

from tests.analyzers.locked_split_checks import (  # noqa: F401 - collected here, for this split
    Mix,
    Split,
    test_committed_binaries_read_as_what_build_py_writes,
    test_each_situation_is_present_several_times,
    test_every_document_opens_with_the_service_extraction,
    test_every_entry_has_exactly_the_labelling_fields,
    test_every_evidence_string_is_in_the_document_text,
    test_every_material_family_is_labelled_on_several_documents,
    test_main_material_is_an_allowed_family,
    test_material_shares_are_mass_fractions,
    test_plain_documents_have_a_weight_and_null_ones_say_why,
    test_the_split_is_big_and_varied_enough,
    test_tolerance_follows_the_formula,
    test_truth_and_corpus_list_the_same_files,
)

LANGUAGES = frozenset(
    {
        "cs",
        "da",
        "de",
        "en",
        "es",
        "fi",
        "fr",
        "hu",
        "it",
        "ja",
        "ko",
        "nb",
        "nl",
        "pl",
        "pt",
        "sv",
        "tr",
        "zh",
    }
)

MIX = Mix(
    size=144,
    formats={
        "pdf": 37, "docx": 15, "xlsx": 14, "csv": 11, "json": 11, "html": 22, "text": 21,
        "markdown": 13,
    },
    languages={
        "en": 64, "de": 27, "fr": 10, "it": 12, "es": 8, "sv": 2, "pl": 3, "ja": 2, "zh": 2,
        "ko": 2, "tr": 2, "cs": 2, "hu": 2, "fi": 2,
    },
    nulls=(0.12, 0.16),
    derived=38,
    rarer_languages=(frozenset(
        {'cs', 'da', 'fi', 'hu', 'ja', 'ko', 'nb', 'nl', 'pl', 'pt', 'sv', 'tr', 'zh'},
    ), 23),
    tags=(
        "agricultural", "api_json", "bicycle", "castings_forgings", "catalogue_table",
        "datasheet", "decimal_comma", "delivery_condition", "delivery_note",
        "distractor:capacity", "distractor:component", "distractor:electrical_ratings",
        "distractor:flow", "distractor:force", "distractor:grammage", "distractor:gross",
        "distractor:other_variant", "distractor:packed", "distractor:pallet",
        "distractor:per_metre", "distractor:pressure", "distractor:shipping",
        "distractor:torque", "drawing", "electrical", "email", "erp_export", "gross_only",
        "household", "hydraulics", "machining", "medical", "motorcycle", "nested_attributes",
        "no_weight", "ocr_scan", "per_100", "per_1000", "per_area", "per_metre",
        "per_metre_only", "per_pack", "pim_export", "plain", "raw_vs_finished", "rubber_foam",
        "schema_org", "second_sheet", "set_weight", "source:script_data", "specification",
        "stationery", "table_row", "tools", "two_column", "unit_column", "unit_in_header",
        "upper_bound_only", "webshop",
    ),
    rare_tags=(
        "approx", "capacity_only", "components_only", "definition_list", "distractor:accessory",
        "distractor:per_pack", "email_correction", "kg_and_lb", "multi_page", "refusal",
        "thousands_separator", "tolerance", "unit:lb", "weight_range", "weight_row_empty",
    ),
    families=(
        "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
        "rubber", "plastic",
    ),
    family_minimum=2,  # every main-material family on at least this many documents
    plain=(0.18, 0.25),  # about a fifth with one clear weight and nothing that looks like one
)  # fmt: skip


@pytest.fixture(scope="module")
def split() -> Split:
    return Split.named("locked-x", LANGUAGES, MIX)
