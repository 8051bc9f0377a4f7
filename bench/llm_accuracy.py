"""How many wrong model weights get through unflagged, on a labelled corpus.

    python bench/llm_accuracy.py --corpus tests/fixtures/corpus [--wrong-rate 0.3] [--no-grounding]

Runs the model path (the real `ModelAnalyzer` through the SDK, grounded by the offline rules as
the service runs it) against the fake model server, which answers scripted wrong weights for a
share of the documents: an invented number, another mass in the text (gross, pack, component),
or a unit slip. Each reported weight is scored against the label: right, wrong and flagged for
review, or wrong and silent. The target is no wrong weight through silently. `--no-grounding`
scores the bare model answers, for comparison.

The corpus is any folder with a truth.json (bench/offline_accuracy.py's format, whose loader and
catalogue are reused); a weight is right when within the entry's tolerance_g (default 0.5 %),
the same rule as there. Prints one line per silent wrong weight, then one summary line.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from offline_accuracy import CATALOGUE, CORPUS, load_truth  # noqa: E402

from app.analyzers.base import AnalysisError, AnalysisRequest, Analyzer  # noqa: E402
from app.analyzers.grounding import GroundedAnalyzer  # noqa: E402
from app.analyzers.llm import ModelAnalyzer  # noqa: E402
from app.analyzers.llm.client import CapabilityRegistry  # noqa: E402
from app.analyzers.offline import OfflineAnalyzer  # noqa: E402
from app.extraction.extract import extract_document  # noqa: E402
from tests.fakes.fake_openai import WRONG_WEIGHT_STYLES, FakeOpenAIServer  # noqa: E402


@dataclass
class Score:
    files: int = 0
    right: int = 0
    wrong_flagged: int = 0
    wrong_silent: int = 0
    abstained: int = 0  # no weight reported where the label has one
    flagged: int = 0  # needs_review, whatever the weight
    errors: int = 0
    scripted: int = 0  # answers the fake made wrong on purpose
    silent: list[str] = field(default_factory=list)

    def summary(self, grounded: bool) -> str:
        wrong = self.wrong_flagged + self.wrong_silent
        return (
            f"llm accuracy ({'grounded' if grounded else 'model only'}): files {self.files}, "
            f"scripted wrong answers {self.scripted}, weight right {self.right}, "
            f"wrong {wrong} (flagged {self.wrong_flagged}, silent {self.wrong_silent}), "
            f"abstained {self.abstained}, needs_review {self.flagged}, errors {self.errors}"
        )


def weight_right(entry: dict[str, Any], got: float | None) -> bool:
    """bench/offline_accuracy.py's rule: within tolerance_g, or both null."""
    truth = entry.get("unit_weight_g")
    if truth is None or got is None:
        return truth is None and got is None
    tolerance = float(entry.get("tolerance_g") or max(0.005 * truth, 0.01))
    return bool(abs(got - truth) <= tolerance + 1e-9)


async def score(corpus: Path, wrong_rate: float, *, grounded: bool) -> Score:
    result = Score()
    with FakeOpenAIServer(wrong_weight_rate=wrong_rate) as fake:
        from openai import AsyncOpenAI

        client = AsyncOpenAI(api_key="bench", base_url=fake.base_url, max_retries=0)
        model = ModelAnalyzer(
            client, model="bench-model", max_retries=0, capabilities=CapabilityRegistry()
        )
        analyzer: Analyzer = GroundedAnalyzer(model, OfflineAnalyzer()) if grounded else model
        try:
            for number, entry in enumerate(load_truth(corpus)):
                path = corpus / entry["file"]
                document = extract_document(
                    path.read_bytes(), role="specification", filename=path.name
                )
                request = AnalysisRequest(
                    entry.get("article_name") or path.stem,
                    entry.get("description"),
                    document,
                    None,
                    CATALOGUE,
                )
                fake.wrong_weight_style = WRONG_WEIGHT_STYLES[number % len(WRONG_WEIGHT_STYLES)]
                result.files += 1
                try:
                    analysis = await analyzer.analyze(request)
                except AnalysisError:
                    result.errors += 1
                    continue
                got = analysis.weight.grams if analysis.weight else None
                result.flagged += analysis.needs_review
                if weight_right(entry, got):
                    result.right += 1
                elif got is None:
                    result.abstained += 1
                elif analysis.needs_review:
                    result.wrong_flagged += 1
                else:
                    result.wrong_silent += 1
                    result.silent.append(
                        f"SILENT {entry['file']}: expected {entry.get('unit_weight_g')}, "
                        f"got {got:g} g"
                    )
        finally:
            await client.close()
        result.scripted = int(fake.stats()["wrong_weights"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a folder with truth.json")
    parser.add_argument("--wrong-rate", type=float, default=0.3, help="share of wrong answers")
    parser.add_argument("--no-grounding", action="store_true", help="score bare model answers")
    args = parser.parse_args(argv)
    grounded = not args.no_grounding
    result = asyncio.run(score(args.corpus, args.wrong_rate, grounded=grounded))
    for line in result.silent:
        print(line)
    print(result.summary(grounded))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
