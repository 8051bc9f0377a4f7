"""`DocumentExtractor`: extraction off the event loop, with a deadline, progress and a kill switch.

Why pebble's `ProcessPool`: a task that passes its timeout gets its worker process killed
and replaced, which `concurrent.futures.ProcessPoolExecutor` cannot do (a hung parser
would hold a worker forever, and killing one by hand breaks the whole executor). Pure-Python
parsers (openpyxl, python-docx, charset-normalizer) hold the GIL, so threads would stall the
loop; processes do not. Workers start from a "forkserver" (or "spawn") context because the
parent runs an event loop and threads, which plain fork() copies in a broken state.

`workers=0` runs in a thread instead (tests, tiny deployments): the deadline is enforced for
the caller, but a hung parser thread cannot be killed and runs on in the background.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import multiprocessing
import os
import resource
import signal
import tempfile
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from app.extraction.detect import is_pdf
from app.extraction.document import ExtractedDocument, ExtractionError, ExtractionLimits, Table
from app.extraction.extract import assemble_pdf_document, extract_document
from app.extraction.pdf import PdfPages, PdfSource, read_pdf_pages

ProgressCallback = Callable[[int, int], Awaitable[None]]
T = TypeVar("T")

# Up to this size a PDF travels to the workers inside each task; above it, it is written to a
# temporary file once and every chunk opens it by path (PDFium reads only what it needs).
_INLINE_PDF_BYTES = 8 * 1024 * 1024
_MAX_TASKS_PER_WORKER = 200  # recycle workers now and then: parsers may leak or fragment memory
_SIGKILL_EXIT = -9
# PDFium and other C libraries abort() when an allocation fails under the address-space limit.
_SIGABRT_EXIT = -signal.SIGABRT
_TOO_MUCH_MEMORY = "Reading the file needed more memory than a parser process may use"
# Parser processes yield the CPU to the service process: with the cores busy parsing one
# tenant's worst files, the event loop still claims, writes and answers for everyone else
# (an idle core is still used in full; niceness only orders who runs first).
_WORKER_NICENESS = 10


def limit_memory(limit_mb: int | None) -> None:
    """Worker initialiser: cap the process's address space, so one file cannot take the host.

    An allocation past the cap raises `MemoryError` in Python code (reported as
    `file_too_complex`) or aborts a C parser, which the pool reports and we map the same way.
    """
    if limit_mb:
        limit = limit_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _init_worker(limit_mb: int | None) -> None:
    """Worker initialiser: the memory limit, and a lower CPU priority than the service."""
    limit_memory(limit_mb)
    with contextlib.suppress(OSError):
        os.nice(_WORKER_NICENESS)


@dataclass(frozen=True, slots=True)
class _Failure:
    """An `ExtractionError` on its way back from a worker.

    `ExtractionError(code, message)` does not survive pickling (its `args` hold only the
    message), so workers return this instead of raising.
    """

    code: str
    message: str


def _guarded(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    try:
        return fn(*args, **kwargs)
    except ExtractionError as exc:
        return _Failure(exc.code, exc.message)
    except MemoryError:
        return _Failure("file_too_complex", _TOO_MUCH_MEMORY)


def _mp_context(preload: Sequence[str]) -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Workers fork from a server that has imported the parsers and loaded the language
        # model once, so a replacement for a killed worker is ready in milliseconds.
        context.set_forkserver_preload(["app.extraction._preload", *preload])
        return context
    return multiprocessing.get_context("spawn")


class DocumentExtractor:
    """Runs `extract_document` in a bounded process pool (or a thread when `workers=0`).

    One deadline (`timeout_s`) covers the whole file; a worker still busy at the deadline is
    killed. PDFs are read in chunks of `pdf_chunk_pages` so `on_progress` can report pages.
    `memory_limit_mb` caps each worker's address space (not applied with `workers=0`).
    `preload` names more modules the workers start with (e.g. what `run_blocking` runs), so a
    worker's first job does not pay their import while its tenant waits.
    """

    def __init__(
        self,
        *,
        workers: int,
        timeout_s: float,
        limits: ExtractionLimits | None = None,
        pdf_chunk_pages: int = 10,
        memory_limit_mb: int | None = None,
        preload: Sequence[str] = (),
    ) -> None:
        if workers < 0:
            raise ValueError("workers must be >= 0")
        if timeout_s <= 0 or pdf_chunk_pages < 1:
            raise ValueError("timeout_s and pdf_chunk_pages must be positive")
        self._workers = workers
        self._timeout_s = timeout_s
        self._limits = limits or ExtractionLimits()
        self._chunk = pdf_chunk_pages
        self._memory_limit_mb = memory_limit_mb
        self._preload = tuple(preload)
        self._pool: ProcessPool | None = None
        self._pool_lock: asyncio.Lock | None = None
        self._closed = False

    async def start(self) -> None:
        """Start the worker processes now rather than on the first upload (optional)."""
        await self._get_pool()

    async def close(self) -> None:
        """Stop the pool; extractions still running are cancelled and their workers killed."""
        self._closed = True
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()  # type: ignore[no-untyped-call]
            await asyncio.to_thread(pool.join)

    async def _get_pool(self) -> ProcessPool | None:
        if self._closed:
            raise RuntimeError("DocumentExtractor is closed")
        if self._workers == 0:
            return None
        if self._pool_lock is None:
            self._pool_lock = asyncio.Lock()
        async with self._pool_lock:
            if self._pool is None:
                # Starting workers (and the forkserver) blocks: do it off the loop.
                self._pool = await asyncio.to_thread(self._create_pool)
        return self._pool

    def _create_pool(self) -> ProcessPool:
        pool = ProcessPool(
            max_workers=self._workers,
            max_tasks=_MAX_TASKS_PER_WORKER,
            context=_mp_context(self._preload),
            initializer=_init_worker,
            initargs=(self._memory_limit_mb,),
        )
        # Starts the workers; fails (instead of hanging) if they cannot start.
        pool.schedule(os.getpid).result(timeout=120)
        return pool

    def _timeout(self) -> ExtractionError:
        message = f"Reading the file took longer than {self._timeout_s:g} s"
        return ExtractionError("timeout", message)

    async def _run(self, deadline: float, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` in a worker before `deadline` (loop time); map every failure to a code."""
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise self._timeout()
        pool = await self._get_pool()
        try:
            if pool is None:
                result = await asyncio.wait_for(
                    asyncio.to_thread(_guarded, fn, args, kwargs), remaining
                )
            else:
                future = pool.schedule(_guarded, args=(fn, args, kwargs), timeout=remaining)
                result = await asyncio.wrap_future(future)
        except (TimeoutError, concurrent.futures.TimeoutError) as exc:
            raise self._timeout() from exc
        except ProcessExpired as exc:
            if exc.exitcode == _SIGKILL_EXIT:  # most likely the kernel's out-of-memory killer
                raise ExtractionError(
                    "file_too_complex", "Reading the file needed more memory than is available"
                ) from exc
            if exc.exitcode == _SIGABRT_EXIT and self._memory_limit_mb:
                raise ExtractionError(
                    "file_too_complex", f"{_TOO_MUCH_MEMORY} ({self._memory_limit_mb} MB)"
                ) from exc
            raise ExtractionError(
                "corrupt_file",
                f"The file crashed the document reader (exit code {exc.exitcode}); "
                "it is probably damaged",
            ) from exc
        except MemoryError as exc:
            raise ExtractionError("file_too_complex", _TOO_MUCH_MEMORY) from exc
        if isinstance(result, _Failure):
            raise ExtractionError(result.code, result.message)
        return result  # type: ignore[no-any-return]

    async def run_blocking(self, fn: Callable[..., T], *args: Any) -> T:
        """Run other CPU-bound work (e.g. the offline rules) in the same pool, same deadline."""
        deadline = asyncio.get_running_loop().time() + self._timeout_s
        return await self._run(deadline, fn, *args)

    async def extract(
        self,
        data: bytes,
        *,
        role: str,
        filename: str | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> ExtractedDocument:
        """Extract one upload; raises `ExtractionError` (including code "timeout")."""
        deadline = asyncio.get_running_loop().time() + self._timeout_s
        if not is_pdf(data):
            doc = await self._run(
                deadline, extract_document, data, role=role, filename=filename, limits=self._limits
            )
            if on_progress is not None:
                await on_progress(1, 1)
            return doc
        if self._workers == 0 or len(data) <= _INLINE_PDF_BYTES:
            return await self._extract_pdf(data, role, deadline, on_progress)
        path = await asyncio.to_thread(_write_temp, data)
        try:
            return await self._extract_pdf(path, role, deadline, on_progress)
        finally:
            await asyncio.to_thread(Path(path).unlink, missing_ok=True)

    async def _extract_pdf(
        self,
        source: PdfSource,
        role: str,
        deadline: float,
        on_progress: ProgressCallback | None,
    ) -> ExtractedDocument:
        limits = self._limits
        texts: list[str | None] = []
        tables: list[Table] = []
        chars = glyphs = 0
        total = to_read = None
        while to_read is None or len(texts) < to_read:
            start = len(texts)
            chunk: PdfPages = await self._run(
                deadline, read_pdf_pages, source, start, start + self._chunk, limits, glyphs
            )
            glyphs += chunk.glyphs
            tables.extend(chunk.tables)
            if to_read is None:
                total = chunk.total
                to_read = min(total, limits.max_pages)
            texts.extend(chunk.texts)
            chars += sum(len(text) for text in chunk.texts if text)
            if not chunk.texts or chars > limits.max_chars:
                break  # the text budget is spent: the remaining pages would be cut anyway
            if on_progress is not None and len(texts) < to_read:
                await on_progress(len(texts), to_read)
        assert total is not None and to_read is not None
        pages = PdfPages(total=total, first=0, texts=texts, tables=tables)
        doc = await self._run(
            deadline, assemble_pdf_document, source, pages, role=role, limits=limits
        )
        if on_progress is not None:
            await on_progress(to_read, to_read)
        return doc


def _write_temp(data: bytes) -> str:
    handle, path = tempfile.mkstemp(prefix="extract-", suffix=".pdf")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    return path
