"""DocumentExtractor: off-loop extraction in a process pool with progress, deadline and kill."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.extraction import DocumentExtractor, ExtractionError, ExtractionLimits
from app.extraction import runner as runner_module
from app.extraction.pdf import read_pdf_pages

from . import files

pytestmark = pytest.mark.asyncio


@pytest.fixture
async def pool_extractor() -> AsyncIterator[DocumentExtractor]:
    extractor = DocumentExtractor(workers=1, timeout_s=60, pdf_chunk_pages=10)
    await extractor.start()
    yield extractor
    await extractor.close()


async def test_pdf_progress_in_order_and_chunks_merged(pool_extractor: DocumentExtractor) -> None:
    progress: list[tuple[int, int]] = []

    async def on_progress(done: int, total: int) -> None:
        progress.append((done, total))

    doc = await pool_extractor.extract(
        files.text_pdf(25), role="specification", filename="spec.pdf", on_progress=on_progress
    )
    assert progress == [(10, 25), (20, 25), (25, 25)]
    assert [s.location for s in doc.sections] == [f"page {n}" for n in range(1, 26)]
    assert (doc.page_count, doc.has_text_layer, doc.language) == (25, True, "de")
    assert doc.warnings == []


async def test_other_formats_and_errors_cross_the_process_boundary(
    pool_extractor: DocumentExtractor,
) -> None:
    doc = await pool_extractor.extract(files.xlsx_bytes(), role="specification", filename="a.xlsx")
    assert doc.format == "xlsx" and "Weight: 250 g" in doc.text
    with pytest.raises(ExtractionError) as caught:
        await pool_extractor.extract(files.encrypted_pdf(), role="specification", filename="a.pdf")
    assert caught.value.code == "encrypted_file"
    with pytest.raises(ExtractionError) as caught:
        await pool_extractor.extract(b"", role="specification", filename="a.pdf")
    assert caught.value.code == "empty_file"


async def test_scanned_pdf_in_chunks_renders_once() -> None:
    extractor = DocumentExtractor(
        workers=1, timeout_s=60, pdf_chunk_pages=2, limits=ExtractionLimits(max_images=2)
    )
    try:
        doc = await extractor.extract(files.image_only_pdf(5), role="specification", filename=None)
    finally:
        await extractor.close()
    assert not doc.has_text_layer and doc.page_count == 5 and len(doc.images) == 2


async def test_big_pdf_goes_to_workers_by_file(
    pool_extractor: DocumentExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner_module, "_INLINE_PDF_BYTES", 1000)
    doc = await pool_extractor.extract(files.text_pdf(12), role="specification", filename=None)
    assert len(doc.sections) == 12


async def test_hung_worker_is_killed_at_the_deadline() -> None:
    extractor = DocumentExtractor(workers=1, timeout_s=1.0)
    try:
        await extractor.start()
        loop = asyncio.get_running_loop()
        worker_pid = await extractor._run(loop.time() + 10, os.getpid)
        started = time.monotonic()
        with pytest.raises(ExtractionError) as caught:
            await extractor._run(loop.time() + 1.0, time.sleep, 30)
        assert time.monotonic() - started < 5
        assert caught.value.code == "timeout"
        assert caught.value.message == "Reading the file took longer than 1 s"
        for _ in range(50):  # pebble reaps the killed worker right after the timeout
            try:
                os.kill(worker_pid, 0)
            except ProcessLookupError:
                break
            await asyncio.sleep(0.1)
        else:
            pytest.fail("the hung worker is still alive")
        # The pool replaced the worker and keeps working.
        doc = await extractor.extract(b"Weight: 250 g", role="specification", filename="a.txt")
        assert doc.text == "Weight: 250 g"
    finally:
        await extractor.close()


async def test_whole_file_deadline_covers_all_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF whose chunks are each quick still times out when together they are too slow."""
    original = read_pdf_pages

    def slow_read(*args: object) -> object:
        time.sleep(0.3)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner_module, "read_pdf_pages", slow_read)
    extractor = DocumentExtractor(workers=0, timeout_s=1.0, pdf_chunk_pages=1)
    progress: list[int] = []

    async def on_progress(done: int, total: int) -> None:
        progress.append(done)

    try:
        with pytest.raises(ExtractionError) as caught:
            await extractor.extract(files.text_pdf(20), role="s", on_progress=on_progress)
    finally:
        await extractor.close()
    assert caught.value.code == "timeout"
    assert 1 <= len(progress) < 20 and progress == sorted(progress)


async def test_crashing_worker_is_a_readable_error(pool_extractor: DocumentExtractor) -> None:
    loop = asyncio.get_running_loop()
    with pytest.raises(ExtractionError) as caught:
        await pool_extractor._run(loop.time() + 30, os._exit, 3)
    assert caught.value.code == "corrupt_file" and "exit code 3" in caught.value.message


async def test_thread_mode_does_not_block_the_loop() -> None:
    extractor = DocumentExtractor(workers=0, timeout_s=30)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    task = asyncio.create_task(ticker())
    try:
        doc = await extractor.extract(files.text_pdf(60), role="specification", filename=None)
    finally:
        task.cancel()
        await extractor.close()
    assert len(doc.sections) == 60 and ticks > 0


async def test_closed_extractor_refuses_work() -> None:
    extractor = DocumentExtractor(workers=1, timeout_s=5)
    await extractor.close()
    with pytest.raises(RuntimeError):
        await extractor.extract(b"x", role="specification", filename=None)


def loaded(name: str) -> bool:
    return name in sys.modules


_ROOT = Path(__file__).resolve().parents[2]
_PRELOAD_CHECK = """
import asyncio
from app.extraction.runner import DocumentExtractor
from tests.extraction.test_runner import loaded

async def main():
    extractor = DocumentExtractor(workers=1, timeout_s=60, preload=("app.analyzers.offline",))
    try:
        print(await extractor.run_blocking(loaded, "app.analyzers.offline"))
    finally:
        await extractor.close()

asyncio.run(main())
"""


async def test_workers_start_with_the_preloaded_modules() -> None:
    """The offline rules run in the parser workers: a worker that imports them on its first
    job makes that job's tenant wait. A fresh interpreter: the forkserver is started once."""
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-c", _PRELOAD_CHECK], capture_output=True, text=True, timeout=120,
        cwd=_ROOT,
    )  # fmt: skip
    assert done.stdout.strip().splitlines()[-1:] == ["True"], done.stderr[-2000:]
