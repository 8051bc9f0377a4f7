"""Would a learnt "not sure" make fewer confident wrong weights? A probe, not a feature.

    python bench/abstention_probe.py [--threshold 0.4]

Every retired batch was locked until a given day's rules were scored on it. The probe checks
those rules out again (a detached git worktree per commit, removed afterwards), runs them on the
batches they had never been read against, and keeps each answer with its ranked candidates: how
the rules behave on a writer they have not seen. A logistic model over features of the answer
alone (how the weight was read, its rivals and their scores, the distractors beside it, where it
stands, the format) is fitted with each batch left out in turn, and the batch it did not see is
asked which answers it would withhold. Printed: the ranking quality (AUC), and per threshold the
wrong answers it would have withheld against the right ones it would have cost, overall and on
the batches of the most recent rules.

Needs the git history (a full clone) and numpy (installed with the OCR engine).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
# The commit whose rules had read none of the batches beside it (each batch's retirement).
UNSEEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("6e414de", ("locked-b", "locked-c", "locked-d")),
    ("bb75f3d", ("locked-e", "locked-f", "locked-g", "locked-h", "locked-i")),
    ("9692b5a", ("locked-j", "locked-k")),
    ("0f4392b", ("locked-l", "locked-m")),
    ("53e1ad5", ("locked-n",)),
    ("90e17ae", ("locked-o",)),
)
RECENT = 3  # the last commits of UNSEEN: how a probe fares on today's kind of rules

# Run inside the old checkout: its own bench/offline_accuracy.py scores, its analyze_sync answers.
_DUMP = """
import json, sys
from dataclasses import asdict
sys.path[:0] = [".", "bench"]
import offline_accuracy as oa
from pathlib import Path
seen = {}
real = oa.analyze_sync
def keep(request):
    seen["result"] = result = real(request)
    return result
oa.analyze_sync = keep
with open(sys.argv[1], "w") as out:
    for corpus in map(Path, sys.argv[2:]):
        for entry in oa.load_truth(corpus):
            seen.clear()
            row = asdict(oa._score(entry, corpus))
            row["batch"] = corpus.name
            result = seen.get("result")
            if result is not None and result.weight is not None:
                w = result.weight
                row["weight"] = {"basis": w.basis, "quote": w.evidence.quote,
                                 "location": w.evidence.location,
                                 "confidence": w.evidence.confidence}
                row["candidates"] = [asdict(c) for c in result.weight_candidates]
                row["weight_status"] = result.weight_status
            out.write(json.dumps(row) + "\\n")
"""

_READ_AS = (
    ("pack", r"pack weight ÷|pieces the fields|pieces of a pack"),
    ("qualified", r"weight of something qualified"),
    ("net", r"labelled as the net weight"),
    ("per_length", r"weight per metre|per area|unit of measure"),
    ("per_count", r"weight per .* pieces ÷|weight of .* pieces ÷|per piece"),
    ("sum", r"total of a parts list|without the|line.s weight"),
    ("bound", r"upper bound"),
)
_DISTRACTORS = ("gross", "component", "capacity", "other_variant", "per_length", "process")
_FORMATS = ("pdf", "docx", "xlsx", "csv", "json", "html", "markdown", "text")


def features(row: dict[str, Any]) -> dict[str, float]:
    """What an answer shows about itself, in terms every version of the rules reports."""
    weight, candidates = row["weight"], row["candidates"]
    grams = float(row["got_g"])
    chosen = next((c for c in candidates if c["chosen"]), None)
    reason = chosen["reason"].split(";")[0] if chosen else ""
    live = [c for c in candidates if not c["chosen"] and c["score"] > 0 and c["grams"]]
    rivals = [c for c in live if abs(c["grams"] - grams) > 0.01 * grams]
    dead = Counter(c["basis"] for c in candidates if c["score"] == 0)
    quote = weight["quote"]
    out = {f"read_{name}": float(bool(re.search(p, reason))) for name, p in _READ_AS}
    out |= {f"beside_{b}": float(dead[b] > 0) for b in _DISTRACTORS}
    out |= {f"format_{f}": float(row["format"] == f) for f in _FORMATS}
    out |= {
        "derived": float(row.get("weight_status") == "derived"),
        "confidence": float(weight["confidence"]),
        "in_table": float("table" in weight["location"]),
        "imperial_agrees": float("imperial" in weight["location"]),
        "rivals": math.log1p(len(rivals)),
        "best_rival": max((c["score"] for c in rivals), default=0.0),
        "agreeing": math.log1p(len(live) - len(rivals)),
        "distractors": math.log1p(sum(dead.values())),
        "magnitude": math.log10(max(grams, 1e-3)) / 3,
        "cells": math.log1p(quote.count("|")),
        "numbers": math.log1p(len(re.findall(r"\d+(?:[.,]\d+)?", quote))),
    }
    return out


def collect(workdir: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for k, (commit, batches) in enumerate(UNSEEN):
        checkout, out = workdir / commit, workdir / f"{commit}.jsonl"
        subprocess.run(
            ["git", "worktree", "add", "-q", "--detach", str(checkout), commit],
            cwd=ROOT,
            check=True,
        )
        try:
            corpora = [str(CORPUS / b) for b in batches]
            subprocess.run(
                [sys.executable, "-c", _DUMP, str(out), *corpora], cwd=checkout, check=True
            )
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT)
        for line in out.read_text().splitlines():
            row = json.loads(line)
            if row["got_g"] is not None and "weight" in row:
                row["group"], row["version"] = f"{commit}:{row['batch']}", k
                rows.append(row)
    return rows


Model = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], float]


def fit(x: NDArray[np.float64], y: NDArray[np.float64], l2: float = 5.0) -> Model:
    mean, sd = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / sd
    w, b = np.zeros(z.shape[1]), math.log(y.mean() / (1 - y.mean()))
    for _ in range(3000):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        w -= 0.5 * (z.T @ (p - y) + l2 * w) / len(y)
        b -= 0.5 * float((p - y).mean())
    return mean, sd, w, b


def predict(model: Model, x: NDArray[np.float64]) -> NDArray[np.float64]:
    mean, sd, w, b = model
    result: NDArray[np.float64] = 1 / (1 + np.exp(-(((x - mean) / sd) @ w + b)))
    return result


def auc(p: NDArray[np.float64], wrong: NDArray[np.bool_]) -> float:
    ranks = np.empty(len(p))
    ranks[np.argsort(p)] = np.arange(len(p))
    n = int(wrong.sum())
    return float((ranks[wrong].mean() - (n - 1) / 2) / (len(p) - n))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, action="append", help="withhold above this")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = collect(Path(tmp))
    names = sorted(features(rows[0]))
    x = np.array([[features(r)[n] for n in names] for r in rows])
    wrong = np.array([not r["weight_ok"] for r in rows])
    y = wrong.astype(float)
    groups = np.array([r["group"] for r in rows])
    recent = np.array([r["version"] >= len(UNSEEN) - RECENT for r in rows])
    p = np.zeros(len(rows))
    for group in sorted(set(groups)):
        held = groups == group
        p[held] = predict(fit(x[~held], y[~held]), x[held])
    print(f"answers {len(rows)}, wrong {int(y.sum())}; left-one-batch-out AUC {auc(p, wrong):.3f}")
    for t in args.threshold or [0.3, 0.4, 0.5]:
        for label, part in (("all batches", np.ones(len(rows), bool)), ("recent rules", recent)):
            held = (p > t) & part
            print(
                f"withhold above {t:.2f}, {label}: {int(held.sum())} withheld of "
                f"{int(part.sum())}, {int(wrong[held].sum())} of {int(wrong[part].sum())} "
                f"wrong ones among them, {int((~wrong)[held].sum())} right ones lost"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
