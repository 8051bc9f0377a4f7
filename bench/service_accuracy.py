"""Black-box accuracy of the running service on labelled corpora, through its HTTP API.

    python bench/service_accuracy.py --corpus DIR [--corpus DIR2 ...] [--concurrency 4]
                                     [--timeout 120] [--failures] [--json]

The way independent testers measure: the real service (`python -m app serve` on 127.0.0.1,
an embedded PostgreSQL, the offline analyzer because no API key is set) receives every
document of `DIR/truth.json` through `POST /api/analyze` with its `article_name`, the status
endpoint is polled until the article is `completed` or `failed` (or `--timeout` seconds pass;
the article is then cancelled), and the article is read back and scored by the labelling rules
with the scorer of bench/offline_accuracy.py. An upload that is refused, an article that fails
and one that times out count as wrong.

Reported per corpus (never merged: the splits mean different things), overall, per format and
per language: weight accuracy, wrong values, abstentions, null-truth answered null,
main-material accuracy, articles marked for review, failed or refused documents with their
error codes, and the slowest document end to end (upload to article read back).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import mimetypes
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx2
from common import Service, log, machine, postgres
from offline_accuracy import (
    Outcome,
    Report,
    Tally,
    _format,  # private there; see the module docstring of offline_accuracy
    family,
    load_truth,
)

POLL_S = 0.2
TERMINAL = {"completed", "failed"}
# Blank values override a .env in the working directory: the offline analyzer, an open
# service, no upload rate limit.
SETTINGS = {"CMS_OPENAI_API_KEY": "", "CMS_API_KEYS": "", "CMS_RATE_LIMIT": ""}


@dataclass
class ServiceExtras:
    """What only the service shows: the review flag and why uploads or articles failed."""

    review: int = 0
    codes: Counter[str] = field(default_factory=Counter)

    def add(self, o: Outcome, needs_review: bool) -> None:
        self.review += needs_review
        if o.error:
            self.codes[o.error.split(":", 1)[0]] += 1

    def suffix(self) -> str:
        codes = ", ".join(f"{code} {n}" for code, n in sorted(self.codes.items()))
        return f"  review {self.review}" + (f"  errors [{codes}]" if codes else "")


@dataclass
class CorpusRun:
    """One corpus scored through the API: the shared Report plus the service-only counts."""

    corpus: Path
    report: Report = field(default_factory=Report)
    review_flags: dict[str, bool] = field(default_factory=dict)
    overall: ServiceExtras = field(default_factory=ServiceExtras)
    by_format: dict[str, ServiceExtras] = field(default_factory=dict)
    by_language: dict[str, ServiceExtras] = field(default_factory=dict)
    methods: Counter[str] = field(default_factory=Counter)  # analysis_method of what completed
    wall_s: float = 0.0

    def add(self, o: Outcome, needs_review: bool) -> None:
        self.report.add(o)
        self.review_flags[o.file] = needs_review
        self.overall.add(o, needs_review)
        self.by_format.setdefault(o.format, ServiceExtras()).add(o, needs_review)
        self.by_language.setdefault(o.language, ServiceExtras()).add(o, needs_review)

    def summary(self) -> str:
        t: Tally = self.report.overall
        slow = self.report.slowest
        material = f"{t.material_rate:.1%} ({t.material_ok}/{t.materials})" if t.materials else "-"
        return (
            f"service accuracy ({self.corpus.name}): weight {t.weight_rate:.1%} "
            f"({t.weight_ok}/{t.documents}), wrong values {t.wrong_values} ({t.wrong_rate:.1%}), "
            f"abstentions {t.abstentions}/{t.stated}, null-truth null {t.null_ok}/{t.null_truth}, "
            f"main material {material}, needs_review {self.overall.review}, failed {t.failed}, "
            f"slowest {slow.ms if slow else 0:.0f} ms end to end, wall {self.wall_s:.1f} s, "
            f"analysis {', '.join(f'{m} {n}' for m, n in sorted(self.methods.items())) or '-'}"
        )

    def as_json(self) -> dict[str, Any]:
        r = self.report
        return {
            "corpus": str(self.corpus),
            "overall": asdict(r.overall) | {"needs_review": self.overall.review},
            "errors": dict(self.overall.codes),
            "analysis_methods": dict(self.methods),
            "by_format": {
                k: asdict(v) | {"needs_review": self.by_format[k].review}
                for k, v in r.by_format.items()
            },
            "by_language": {
                k: asdict(v) | {"needs_review": self.by_language[k].review}
                for k, v in r.by_language.items()
            },
            "outcomes": [
                asdict(o) | {"needs_review": self.review_flags[o.file]} for o in r.outcomes
            ],
            "wall_s": round(self.wall_s, 2),
            "summary": self.summary(),
        }


def _problem_code(response: httpx2.Response) -> str:
    """`refused_<status>` and the problem type's last segment: "refused_422 validation-error"."""
    kind = ""
    try:
        body = response.json()
        kind = str(body.get("type", "")).rstrip("/").rsplit("/", 1)[-1]
    except (ValueError, AttributeError):
        pass
    return f"refused_{response.status_code}" + (f" {kind}" if kind else "")


def _judge(o: Outcome) -> None:
    """The labelling rule as bench/offline_accuracy.py applies it: within tolerance or both null."""
    if o.error:
        o.weight_ok = False
    elif o.truth_g is None or o.got_g is None:
        o.weight_ok = o.truth_g is None and o.got_g is None
    else:
        o.weight_ok = abs(o.got_g - o.truth_g) <= o.tolerance_g + 1e-9


def _read_article(o: Outcome, article: dict[str, Any]) -> bool:
    """Fill the outcome from the article JSON; returns whether it is marked for review."""
    meta = article.get("extracted_metadata") or {}
    weight = meta.get("weight")
    if weight and weight.get("grams") is not None:
        o.got_g = float(weight["grams"])
        o.quote = ((weight.get("evidence") or {}).get("quote")) or ""
    elif article.get("unit_weight") is not None:
        o.got_g = float(article["unit_weight"]) * 1000
    materials = meta.get("materials") or []
    o.got_material = family(materials[0].get("index_code")) if materials else None
    review = meta.get("review") or {}
    o.status = str(review.get("weight_status") or "")
    o.reasons = [str(r) for r in review.get("reasons") or []]
    return bool(review.get("needed"))


async def _score(
    client: httpx2.AsyncClient, entry: dict[str, Any], corpus: Path, timeout_s: float
) -> tuple[Outcome, bool, str | None]:
    path = corpus / entry["file"]
    truth = entry.get("unit_weight_g")
    outcome = Outcome(
        file=entry["file"],
        format=_format(entry, path),
        language=str(entry.get("language") or "?"),
        truth_g=truth,
        got_g=None,
        tolerance_g=float(entry.get("tolerance_g") or max(0.005 * (truth or 0.0), 0.01)),
        weight_ok=False,
        main_material=entry.get("main_material"),
    )
    needs_review, method = False, None
    started = time.perf_counter()
    try:
        data = {"articleName": entry.get("article_name") or path.stem}
        if entry.get("description"):
            data["description"] = entry["description"]
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        files = {"productSpecification": (path.name, path.read_bytes(), media_type)}
        response = await client.post("/api/analyze", data=data, files=files)
        if response.status_code != 201:
            outcome.error = f"{_problem_code(response)}: {response.text[:200]}"
            return outcome, needs_review, method
        article_id = response.json()["id"]
        deadline = time.monotonic() + timeout_s
        status: dict[str, Any] = {}
        while time.monotonic() < deadline:
            status = (await client.get(f"/api/articles/{article_id}/status")).json()
            if status.get("processing_status") in TERMINAL:
                break
            await asyncio.sleep(POLL_S)
        else:
            await client.post(f"/api/articles/{article_id}/cancel")
            outcome.error = f"timeout: not finished after {timeout_s:.0f} s"
            return outcome, needs_review, method
        article = (await client.get(f"/api/articles/{article_id}")).json()
        if article.get("processing_status") != "completed":
            code = article.get("processing_error_code") or "failed"
            outcome.error = f"{code}: {article.get('processing_error') or ''}"
            return outcome, needs_review, method
        needs_review, method = _read_article(outcome, article), article.get("analysis_method")
    except (httpx2.HTTPError, OSError, ValueError, KeyError) as exc:
        outcome.error = f"client_error: {type(exc).__name__}: {exc}"
    finally:
        outcome.ms = (time.perf_counter() - started) * 1000
        _judge(outcome)
    return outcome, needs_review, method


async def evaluate(base_url: str, corpus: Path, concurrency: int, timeout_s: float) -> CorpusRun:
    """Send every truth.json entry of `corpus` through the API, `concurrency` at a time."""
    entries = load_truth(corpus)
    run = CorpusRun(corpus)
    gate = asyncio.Semaphore(concurrency)
    limits = httpx2.Limits(max_connections=concurrency * 2)
    async with httpx2.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:

        async def one(entry: dict[str, Any]) -> tuple[Outcome, bool, str | None]:
            async with gate:
                return await _score(client, entry, corpus, timeout_s)

        started = time.perf_counter()
        results = await asyncio.gather(*(one(entry) for entry in entries))
        run.wall_s = time.perf_counter() - started
    for outcome, needs_review, method in results:  # in truth.json order
        run.add(outcome, needs_review)
        if method is not None:
            run.methods[method] += 1
    return run


async def warm_up(base_url: str, timeout_s: float) -> float:
    """One small article first, so the process pool's start is not charged to a corpus file."""
    started = time.perf_counter()
    async with httpx2.AsyncClient(base_url=base_url, timeout=60) as client:
        files = {"productSpecification": ("warm-up.txt", b"Net weight: 12 g\n", "text/plain")}
        response = await client.post("/api/analyze", data={"articleName": "warm-up"}, files=files)
        response.raise_for_status()
        status_url = f"/api/articles/{response.json()['id']}/status"
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            status = (await client.get(status_url)).json()
            if status["processing_status"] in TERMINAL:
                break
            await asyncio.sleep(POLL_S)
    return time.perf_counter() - started


def _g(value: float | None) -> str:
    return "null" if value is None else f"{value:g} g"


def print_run(run: CorpusRun, *, failures: bool) -> None:
    report = run.report
    print(f"== {run.corpus}")
    if failures:
        for o in report.weight_failures:
            got = f"FAILED {o.error}" if o.error else _g(o.got_g)
            why = f" quote {o.quote!r}" if o.quote else ""
            why += f" [{o.status}: {'; '.join(o.reasons)}]" if o.reasons else f" [{o.status}]"
            print(f"WEIGHT   {o.file}: truth {_g(o.truth_g)}, got {got}{why}")
        for o in report.material_failures:
            print(f"MATERIAL {o.file}: truth {o.main_material}, got {o.got_material}")
        print()
    print(report.overall.line("all") + run.overall.suffix())
    for name, tally in sorted(report.by_format.items()):
        print(tally.line(f"format {name}") + run.by_format[name].suffix())
    for name, tally in sorted(report.by_language.items()):
        print(tally.line(f"lang {name}") + run.by_language[name].suffix())
    slow = report.slowest
    if slow is not None:
        print(f"slowest: {slow.file} {slow.ms:.0f} ms (upload to article read back)")
    print(run.summary())
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, action="append", required=True, help="folder with truth.json"
    )
    parser.add_argument("--concurrency", type=int, default=4, help="documents in flight")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per document")
    parser.add_argument("--failures", action="store_true", help="list every wrong document")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    for corpus in args.corpus:
        if not (corpus / "truth.json").is_file():
            parser.error(f"{corpus}: no truth.json")
    runs: list[CorpusRun] = []
    with postgres() as url, Service(url, SETTINGS) as service:
        service.start()
        warm = asyncio.run(warm_up(service.base_url, args.timeout))
        if not args.json:
            log(f"service on {service.base_url}; {machine()}; warm-up article {warm:.1f} s")
        for corpus in args.corpus:
            scoring = evaluate(service.base_url, corpus, args.concurrency, args.timeout)
            runs.append(asyncio.run(scoring))
    if args.json:
        print(json.dumps({"runs": [run.as_json() for run in runs]}, indent=1, ensure_ascii=False))
    else:
        for run in runs:
            print_run(run, failures=args.failures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
