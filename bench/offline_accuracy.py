"""Accuracy of the offline analyzer on any labelled corpus (the truth.json format of LABELLING).

    python bench/offline_accuracy.py                       # the dev split in tests/fixtures/corpus
    python bench/offline_accuracy.py --corpus DIR          # DIR/truth.json, files relative to DIR
    python bench/offline_accuracy.py --corpus DIR --failures   # also list every wrong document
    python bench/offline_accuracy.py --corpus DIR --json       # one JSON object, for machines

Every document goes through the service's own extraction (`extract_document`) and
`analyze_sync`, in-process. Scoring follows the labelling rules: a weight is right when
|predicted - truth| <= tolerance_g or both are null; a document whose extraction or analysis
fails counts as wrong. Reported overall, per format and per language: weight accuracy, wrong
values (a weight reported and wrong), abstentions (null where a weight is stated), null-truth
answered null, main-material accuracy (over entries with a main_material) and the slowest
document. tests/analyzers/test_offline_corpus.py imports `evaluate` from here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.analyzers.base import AnalysisRequest, AnalysisResult, CatalogueIndex  # noqa: E402
from app.analyzers.offline import analyze_sync  # noqa: E402
from app.extraction.extract import extract_document  # noqa: E402
from app.indices.seed import DEFAULT_INDICES  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"

CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)

# Our catalogue codes as the labelling families (plastics by their code).
FAMILY = {
    "steel": "steel",
    "stainless_steel": "stainless steel",
    "cast_iron": "cast iron",
    "aluminium": "aluminium",
    "copper": "copper",
    "brass": "brass",
    "bronze": "bronze",
    "zinc": "zinc",
    "nickel": "nickel",
    "tin": "tin",
    "paper_cardboard": "paper",
    "rubber": "rubber",
    "wood": "wood",
    "glass": "glass",
    "pp": "plastic:PP",
    "pe_hd": "plastic:PE-HD",
    "pe_ld": "plastic:PE-LD",
    "abs": "plastic:ABS",
    "pc": "plastic:PC",
    "pa6": "plastic:PA6",
    "pa66": "plastic:PA66",
    "pom": "plastic:POM",
    "pbt": "plastic:PBT",
    "pet": "plastic:PET",
    "pvc": "plastic:PVC",
    "ps": "plastic:PS",
    "pmma": "plastic:PMMA",
    "pe_lld": "plastic:PE-LLD",
    "pe_x": "plastic:PE-X",
    "tpe": "plastic:TPE",
    "pu": "plastic:PU",
    "ptfe": "plastic:PTFE",
    "pvdf": "plastic:PVDF",
    "peek": "plastic:PEEK",
    "ppsu": "plastic:PPSU",
    "pa12": "plastic:PA12",
    "pla": "plastic:PLA",
    "petg": "plastic:PETG",
    "epp": "plastic:EPP",
}


def family(index_code: str | None) -> str | None:
    """The labelling family of a catalogue code (None for no material)."""
    if index_code is None:
        return None
    return FAMILY.get(index_code, index_code)


# Labellers spell one plastic code several ways: the prefix form (LDPE, LLDPE, HDPE, PEX) and
# the ISO 1043 suffix form (PE-LD, PE-LLD, PE-HD, PE-X) name the same polymer. PES on a
# textile (slings, ropes, webbing, DIN EN ISO 2076 / the EU textile regulation's "polyester")
# is polyester fibre, which is PET in practice; our catalogue has no polyethersulfone, so the
# fibre is our PET family.
_PLASTIC_SPELLINGS = {
    "LDPE": "PE-LD",
    "LLDPE": "PE-LLD",
    "HDPE": "PE-HD",
    "PEHD": "PE-HD",
    "PELD": "PE-LD",
    "PELLD": "PE-LLD",
    "PEX": "PE-X",
    "PES": "PET",
    "PA11": "PA12",  # one long-chain polyamide index holds PA11 and PA12
}
# a generic code on a label (plastic:PE, plastic:PA) is met by any grade of it
_GENERIC = {"PE": ("PE-",), "PA": ("PA",)}


def plastic_code(label: str) -> str:
    """One spelling per plastic code: 'plastic:LLDPE' and 'plastic:PE-LLD' compare equal."""
    if not label.startswith("plastic:"):
        return label
    code = label.split(":", 1)[1].strip().upper().replace(" ", "")
    return "plastic:" + _PLASTIC_SPELLINGS.get(
        code, _PLASTIC_SPELLINGS.get(code.replace("-", ""), code)
    )


def material_matches(truth: str | None, got: str | None) -> bool:
    """Whether the analyzer's family meets the label: the same plastic code whatever its
    spelling, or a grade of a generic label's polymer (PA6 for 'plastic:PA')."""
    if truth is None or got is None:
        return truth == got
    want, have = plastic_code(truth), plastic_code(got)
    if want == have:
        return True
    if not (want.startswith("plastic:") and have.startswith("plastic:")):
        return False
    grade = have.split(":", 1)[1]
    return any(grade.startswith(p) for p in _GENERIC.get(want.split(":", 1)[1], ()))


@dataclass
class Outcome:
    """One scored document."""

    file: str
    format: str
    language: str
    truth_g: float | None
    got_g: float | None
    tolerance_g: float
    weight_ok: bool
    status: str = ""
    quote: str = ""
    reasons: list[str] = field(default_factory=list)
    main_material: str | None = None
    got_material: str | None = None
    error: str = ""
    ms: float = 0.0


@dataclass
class Tally:
    """Counts for one slice of the corpus (all, one format, one language)."""

    documents: int = 0
    weight_ok: int = 0
    wrong_values: int = 0
    abstentions: int = 0
    stated: int = 0
    null_truth: int = 0
    null_ok: int = 0
    materials: int = 0
    material_ok: int = 0
    failed: int = 0

    def add(self, o: Outcome) -> None:
        self.documents += 1
        self.weight_ok += o.weight_ok
        if o.error:
            self.failed += 1
        if o.truth_g is None:
            self.null_truth += 1
            self.null_ok += o.got_g is None and not o.error
        else:
            self.stated += 1
            self.abstentions += o.got_g is None and not o.error
        if o.got_g is not None and not o.weight_ok:
            self.wrong_values += 1
        if o.main_material is not None:
            self.materials += 1
            self.material_ok += material_matches(o.main_material, o.got_material)

    @property
    def weight_rate(self) -> float:
        return self.weight_ok / self.documents if self.documents else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.wrong_values / self.documents if self.documents else 0.0

    @property
    def material_rate(self) -> float:
        return self.material_ok / self.materials if self.materials else 1.0

    def line(self, name: str) -> str:
        material = (
            f"{self.material_rate:6.1%} ({self.material_ok}/{self.materials})"
            if self.materials
            else "     -"
        )
        return (
            f"{name:<14} n={self.documents:<3} weight {self.weight_rate:6.1%} "
            f"({self.weight_ok}/{self.documents})  wrong {self.wrong_values:<2} "
            f"abstained {self.abstentions}/{self.stated}  null-ok {self.null_ok}/{self.null_truth}"
            f"  material {material}" + (f"  failed {self.failed}" if self.failed else "")
        )


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    overall: Tally = field(default_factory=Tally)
    by_format: dict[str, Tally] = field(default_factory=dict)
    by_language: dict[str, Tally] = field(default_factory=dict)

    def add(self, o: Outcome) -> None:
        self.outcomes.append(o)
        self.overall.add(o)
        self.by_format.setdefault(o.format, Tally()).add(o)
        self.by_language.setdefault(o.language, Tally()).add(o)

    @property
    def slowest(self) -> Outcome | None:
        return max(self.outcomes, key=lambda o: o.ms, default=None)

    @property
    def weight_failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.weight_ok]

    @property
    def material_failures(self) -> list[Outcome]:
        return [
            o
            for o in self.outcomes
            if o.main_material is not None and not material_matches(o.main_material, o.got_material)
        ]

    def summary(self) -> str:
        t = self.overall
        slow = self.slowest
        return (
            f"offline accuracy: weight {t.weight_rate:.1%} ({t.weight_ok}/{t.documents}), "
            f"wrong values {t.wrong_values} ({t.wrong_rate:.1%}), abstentions {t.abstentions}/"
            f"{t.stated}, null-truth null {t.null_ok}/{t.null_truth}, main material "
            f"{t.material_rate:.1%} ({t.material_ok}/{t.materials}), failed {t.failed}, "
            f"slowest {slow.ms if slow else 0:.0f} ms"
        )


def _format(entry: dict[str, Any], path: Path) -> str:
    return str(entry.get("format") or path.suffix.lstrip(".").lower() or "?")


def _score(entry: dict[str, Any], corpus: Path) -> Outcome:
    path = corpus / entry["file"]
    truth = entry.get("unit_weight_g")
    tolerance = float(entry.get("tolerance_g") or max(0.005 * (truth or 0.0), 0.01))
    outcome = Outcome(
        file=entry["file"],
        format=_format(entry, path),
        language=str(entry.get("language") or "?"),
        truth_g=truth,
        got_g=None,
        tolerance_g=tolerance,
        weight_ok=False,
        main_material=entry.get("main_material"),
    )
    started = time.perf_counter()
    try:
        doc = extract_document(path.read_bytes(), role="specification", filename=path.name)
        result: AnalysisResult = analyze_sync(
            AnalysisRequest(
                article_name=entry.get("article_name") or path.stem,
                description=entry.get("description"),
                specification=doc,
                drawing=None,
                catalogue=CATALOGUE,
            )
        )
    except Exception as exc:  # a failed document counts as wrong, and the run goes on
        outcome.error = f"{type(exc).__name__}: {exc}"
        outcome.ms = (time.perf_counter() - started) * 1000
        return outcome
    outcome.ms = (time.perf_counter() - started) * 1000
    got = result.weight.grams if result.weight else None
    outcome.got_g = got
    outcome.status = result.weight_status
    outcome.reasons = list(result.review_reasons)
    outcome.quote = result.weight.evidence.quote if result.weight else ""
    if truth is None or got is None:
        outcome.weight_ok = truth is None and got is None
    else:
        outcome.weight_ok = abs(got - truth) <= tolerance + 1e-9
    outcome.got_material = family(result.materials[0].index_code) if result.materials else None
    return outcome


def load_truth(corpus: Path) -> list[dict[str, Any]]:
    entries = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise SystemExit(f"{corpus / 'truth.json'}: expected a list of entries")
    return entries


def evaluate(corpus: Path = CORPUS, only: Iterable[str] | None = None) -> Report:
    """Score every truth.json entry of `corpus` (or the `only` files)."""
    wanted = set(only) if only is not None else None
    report = Report()
    for entry in load_truth(corpus):
        if wanted is None or entry["file"] in wanted:
            report.add(_score(entry, corpus))
    return report


def _g(value: float | None) -> str:
    return "null" if value is None else f"{value:g} g"


def print_report(report: Report, *, failures: bool) -> None:
    if failures:
        for o in report.weight_failures:
            got = f"FAILED {o.error}" if o.error else _g(o.got_g)
            why = f" quote {o.quote!r}" if o.quote else ""
            why += f" [{o.status}: {'; '.join(o.reasons)}]" if o.reasons else f" [{o.status}]"
            print(f"WEIGHT   {o.file}: truth {_g(o.truth_g)}, got {got}{why}")
        for o in report.material_failures:
            print(f"MATERIAL {o.file}: truth {o.main_material}, got {o.got_material}")
        print()
    print(report.overall.line("all"))
    for name, tally in sorted(report.by_format.items()):
        print(tally.line(f"format {name}"))
    for name, tally in sorted(report.by_language.items()):
        print(tally.line(f"lang {name}"))
    slow = report.slowest
    if slow is not None:
        print(f"slowest: {slow.file} {slow.ms:.0f} ms (extraction + analysis)")
    print(report.summary())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with truth.json")
    parser.add_argument("--failures", action="store_true", help="list every wrong document")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    report = evaluate(args.corpus)
    if args.json:
        print(
            json.dumps(
                {
                    "overall": asdict(report.overall),
                    "by_format": {k: asdict(v) for k, v in report.by_format.items()},
                    "by_language": {k: asdict(v) for k, v in report.by_language.items()},
                    "outcomes": [asdict(o) for o in report.outcomes],
                    "summary": report.summary(),
                },
                indent=1,
                ensure_ascii=False,
            )
        )
    else:
        print_report(report, failures=args.failures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
