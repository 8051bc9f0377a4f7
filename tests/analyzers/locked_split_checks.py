"""The integrity checks every locked split passes (not its accuracy): every document listed
once, readable by the service's own extraction, labelled by the LABELLING rules, evidence that
is really in the text, binaries that build.py reproduces, and the size and mix its author wrote
to. A split's test module defines the `split` fixture (its folder and its `Mix`) and imports
these; only checks peculiar to one split stay in its module.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.extraction import structured
from app.extraction.extract import extract_document

CORPORA = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


@dataclass(frozen=True)
class Mix:
    """What an author promised about a split's make-up, so that one lucky or unlucky document
    cannot decide the figure for its class: each tag on several documents, each format,
    language and material family at least so often."""

    size: int
    formats: Mapping[str, int]  # format -> at least this many documents
    languages: Mapping[str, int]  # language -> at least this many documents
    nulls: tuple[float, float]  # the share of null truths lies in this range
    derived: int  # at least this many derived truths
    # Languages with few documents each, and how many documents they have together at least.
    rarer_languages: tuple[frozenset[str], int] = (frozenset(), 0)
    tags: tuple[str, ...] = ()  # each on at least 3 documents
    rare_tags: tuple[str, ...] = ()  # each on at least 2 documents
    families: tuple[str, ...] = ()  # main-material families, each on `family_minimum`
    family_minimum: int = 2
    paper_languages: frozenset[str] = frozenset()  # paper products labelled in each of these
    plain: tuple[float, float] | None = None  # the share of plain one-weight sheets, if promised


@dataclass(frozen=True)
class Split:
    folder: Path  # holds truth.json and corpus/
    languages: frozenset[str]
    binary: tuple[str, ...]  # the suffixes build.py writes
    build_module: str  # a module name for loading its build.py
    mix: Mix

    @property
    def corpus(self) -> Path:
        return self.folder / "corpus"

    @classmethod
    def named(
        cls,
        name: str,
        languages: frozenset[str],
        mix: Mix,
        binary: tuple[str, ...] = (".pdf", ".docx", ".xlsx"),
    ) -> Split:
        """The split in tests/fixtures/corpus/NAME."""
        return cls(
            folder=CORPORA / name,
            languages=languages,
            binary=binary,
            build_module=name.replace("-", "_") + "_build",
            mix=mix,
        )


FIELDS = {
    "file", "article_name", "unit_weight_g", "tolerance_g", "main_material", "materials",
    "derived", "language", "format", "notes", "evidence", "tags",
}  # fmt: skip
FAMILIES = {
    "aluminium", "steel", "stainless steel", "cast iron", "copper", "brass", "zinc", "paper",
    "rubber",
}  # fmt: skip
PLASTIC = re.compile(r"^plastic:[A-Z][A-Z0-9-]*$")
FORMATS = {
    ".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".csv": "csv", ".json": "json",
    ".html": "html", ".md": "markdown", ".txt": "text",
}  # fmt: skip
# Web pages whose weight is only in embedded data (JSON-LD, bootstrap state): the service drops
# <script> from the text today, so their evidence is checked against the page source instead.
SCRIPT_DATA = "source:script_data"

Entry = dict[str, Any]


def _normalised(text: str) -> str:
    """Whitespace folded; the " | " extraction puts between table cells and the NFKC forms it
    reads full-width characters as do not count as differences of the text."""
    text = unicodedata.normalize("NFKC", text).replace(" | ", " ").replace("|", " ")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def truth(split: Split) -> list[Entry]:
    entries: list[Entry] = json.loads((split.folder / "truth.json").read_text(encoding="utf-8"))
    return entries


@pytest.fixture(scope="module")
def texts(split: Split, truth: list[Entry]) -> dict[str, str]:
    """The service's extracted text of every document, read once for the module."""
    out: dict[str, str] = {}
    for entry in truth:
        path = split.folder / entry["file"]
        doc = extract_document(path.read_bytes(), role="specification", filename=path.name)
        out[entry["file"]] = doc.text
    return out


def _key_paths_text(path: Path) -> str:
    """The document as extracted with every structured record rendered key by key (each leaf
    its own `path: value` line), the way its author quoted it: the service may join a value
    and its unit into one quantity line, which changes the rendering, not the document."""
    joined_quantity, sibling_units = structured._quantity, structured._with_sibling_units

    def schema_org_only(node: dict[object, object]) -> str | None:
        return joined_quantity(node) if {"unitCode", "unitText"} & node.keys() else None

    structured._quantity = schema_org_only
    structured._with_sibling_units = lambda node: node
    try:
        return extract_document(path.read_bytes(), role="specification", filename=path.name).text
    finally:
        structured._quantity, structured._with_sibling_units = joined_quantity, sibling_units


def test_truth_and_corpus_list_the_same_files(split: Split, truth: list[Entry]) -> None:
    listed = [entry["file"] for entry in truth]
    on_disk = sorted(
        path.relative_to(split.folder).as_posix()
        for path in split.corpus.rglob("*")
        if path.is_file()
    )
    assert len(listed) == len(set(listed)), "a file is labelled twice"
    assert sorted(listed) == on_disk


def test_every_entry_has_exactly_the_labelling_fields(split: Split, truth: list[Entry]) -> None:
    for entry in truth:
        name = entry["file"]
        assert set(entry) == FIELDS, name
        assert entry["article_name"].strip(), name
        assert entry["format"] == FORMATS[Path(name).suffix], name
        assert entry["language"] in split.languages, name
        assert isinstance(entry["derived"], bool), name
        assert entry["notes"].strip(), name
        assert entry["evidence"] and all(
            isinstance(e, str) and e.strip() for e in entry["evidence"]
        ), name
        assert all(isinstance(tag, str) for tag in entry["tags"]), name
        weight = entry["unit_weight_g"]
        assert weight is None or (isinstance(weight, int | float) and weight > 0), name
        assert weight is None or round(weight, 2) == weight, f"{name}: rounded to 0.01 g"
        assert weight is not None or not entry["derived"], f"{name}: a null is not derived"


def test_tolerance_follows_the_formula(split: Split, truth: list[Entry]) -> None:
    for entry in truth:
        weight, tolerance = entry["unit_weight_g"], entry["tolerance_g"]
        if weight is None:
            assert tolerance is None, entry["file"]
        else:
            assert tolerance == round(max(0.005 * weight, 0.01), 4), entry["file"]


def test_main_material_is_an_allowed_family(split: Split, truth: list[Entry]) -> None:
    for entry in truth:
        main = entry["main_material"]
        assert main is None or main in FAMILIES or PLASTIC.match(main), entry["file"]


def test_material_shares_are_mass_fractions(split: Split, truth: list[Entry]) -> None:
    for entry in truth:
        shares = [m["share"] for m in entry["materials"]]
        assert all(set(m) == {"material", "share"} and m["material"] for m in entry["materials"])
        assert all(s is None or 0 < s <= 1 for s in shares), entry["file"]
        if shares and None not in shares:
            assert abs(sum(shares) - 1) < 0.001, entry["file"]


def test_every_document_opens_with_the_service_extraction(
    split: Split, truth: list[Entry], texts: dict[str, str]
) -> None:
    empty = [entry["file"] for entry in truth if not texts[entry["file"]].strip()]
    assert not empty


def test_every_evidence_string_is_in_the_document_text(
    split: Split, truth: list[Entry], texts: dict[str, str]
) -> None:
    missing: list[str] = []
    for entry in truth:
        if SCRIPT_DATA in entry["tags"]:
            haystack = (split.folder / entry["file"]).read_text(encoding="utf-8")
            assert "<script" in haystack, entry["file"]
        else:
            haystack = texts[entry["file"]]
        text = _normalised(haystack)
        absent = [e for e in entry["evidence"] if _normalised(e) not in text]
        if absent and entry["format"] in ("json", "html"):
            keyed = _normalised(_key_paths_text(split.folder / entry["file"]))
            absent = [e for e in absent if _normalised(e) not in keyed]
        missing += [f"{entry['file']}: {e!r}" for e in absent]
    assert not missing, "\n".join(missing)


def test_committed_binaries_read_as_what_build_py_writes(
    split: Split, tmp_path: Path, texts: dict[str, str]
) -> None:
    """build.py is the source of the binaries: a rebuild reads exactly as the committed file.

    Compared through the extracted text, not the bytes, so that a new fpdf2 / python-docx /
    openpyxl release that lays out the same content differently does not fail the split.
    """
    spec = importlib.util.spec_from_file_location(split.build_module, split.folder / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.main(["--out", str(tmp_path)]) == 0
    built = sorted(path.name for path in tmp_path.iterdir())
    committed = sorted(path.name for path in split.corpus.iterdir() if path.suffix in split.binary)
    assert built == committed
    changed = []
    for name in built:
        rebuilt = extract_document(
            (tmp_path / name).read_bytes(), role="specification", filename=name
        )
        if rebuilt.text != texts[f"corpus/{name}"]:
            changed.append(name)
    assert not changed


def test_the_split_is_big_and_varied_enough(split: Split, truth: list[Entry]) -> None:
    mix = split.mix
    formats = Counter(entry["format"] for entry in truth)
    languages = Counter(entry["language"] for entry in truth)
    nulls = sum(entry["unit_weight_g"] is None for entry in truth)
    assert len(truth) >= mix.size
    assert all(formats[fmt] >= count for fmt, count in mix.formats.items()), formats
    assert all(languages[lang] >= count for lang, count in mix.languages.items()), languages
    rarer, together = mix.rarer_languages
    assert sum(languages[lang] for lang in rarer) >= together, languages
    assert mix.nulls[0] <= nulls / len(truth) <= mix.nulls[1], nulls
    assert sum(entry["derived"] for entry in truth) >= mix.derived


def test_each_situation_is_present_several_times(split: Split, truth: list[Entry]) -> None:
    """Each kind of document, trade, situation and distractor the author wrote for is on more
    than one document."""
    tags = Counter(tag for entry in truth for tag in set(entry["tags"]))
    if not split.mix.tags and not split.mix.rare_tags:
        pytest.skip("this split promises no situations")
    for tag in split.mix.tags:
        assert tags[tag] >= 3, (tag, tags[tag])
    for tag in split.mix.rare_tags:
        assert tags[tag] >= 2, (tag, tags[tag])


def test_every_material_family_is_labelled_on_several_documents(
    split: Split, truth: list[Entry]
) -> None:
    if not split.mix.families and not split.mix.paper_languages:
        pytest.skip("this split promises no material mix")
    families = Counter(
        "plastic" if main.startswith("plastic:") else main
        for main in (entry["main_material"] for entry in truth)
        if main is not None
    )
    for family in split.mix.families:
        assert families[family] >= split.mix.family_minimum, (family, families[family])
    paper = {entry["language"] for entry in truth if entry["main_material"] == "paper"}
    assert split.mix.paper_languages <= paper, paper


ABSENCES = frozenset(
    {"packed_only", "gross_only", "capacity_only", "per_metre_only", "components_only",
     "refusal", "weight_row_empty", "weight_range"}
)  # fmt: skip


def test_plain_documents_have_a_weight_and_null_ones_say_why(
    split: Split, truth: list[Entry]
) -> None:
    """A plain sheet states the weight; a null truth names which kind of absence it is."""
    if split.mix.plain is None:
        pytest.skip("this split does not tag plain sheets and kinds of absence")
    plain = sum("plain" in entry["tags"] for entry in truth)
    assert split.mix.plain[0] <= plain / len(truth) <= split.mix.plain[1], plain
    for entry in truth:
        tags = set(entry["tags"])
        if "plain" in tags:
            assert entry["unit_weight_g"] is not None, entry["file"]
        if entry["unit_weight_g"] is None:
            assert "no_weight" in tags, entry["file"]
            assert tags & ABSENCES, entry["file"]
