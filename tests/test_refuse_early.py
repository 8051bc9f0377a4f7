"""Refuse early, against a real server process on loopback: credentials before the body,
limits on header size and count, deadlines for slow headers, slow bodies and idle sockets."""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Iterator

import httpx2
import pytest

from tests.support import ServerProcess

pytestmark = pytest.mark.slow

KEY = "early-key"
HANG_GUARD_S = 20.0  # only to catch a connection that is never closed


@pytest.fixture(scope="module")
def server(migrated_url: str) -> Iterator[ServerProcess]:
    env = {
        "CMS_DATABASE_URL": migrated_url,
        "CMS_API_KEYS": f"early:{KEY}",
        "CMS_RUN_PROCESSOR": "false",
        "CMS_PARSER_WORKERS": "0",
        "CMS_MAX_HEADER_BYTES": "8192",
        "CMS_MAX_HEADER_COUNT": "50",
        "CMS_HEADER_TIMEOUT_S": "1",
        "CMS_BODY_IDLE_TIMEOUT_S": "1",
        "CMS_BODY_TIMEOUT_S": "3",
        "CMS_KEEP_ALIVE_TIMEOUT_S": "1",
        "CMS_ACCESS_LOG": "false",
    }
    with ServerProcess(env) as process:
        yield process


class Conversation:
    """A raw client socket: send what we like, as slowly as we like; see what comes back."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=HANG_GUARD_S)
        self.received = b""
        self.closed = False
        self.opened = time.monotonic()

    def send(self, data: bytes) -> bool:
        """False once the server has closed the connection."""
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True
        return not self.closed

    def poll(self, wait_s: float) -> None:
        readable, _, _ = select.select([self.sock], [], [], wait_s)
        if readable:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                chunk = b""
            if chunk:
                self.received += chunk
            else:
                self.closed = True

    def trickle(self, data: bytes, every_s: float) -> None:
        """One byte every `every_s` until the server closes the connection (or the guard)."""
        for byte in data:
            if not self.send(bytes([byte])):
                return
            self.poll(every_s)
            if self.closed:
                return
            assert time.monotonic() - self.opened < HANG_GUARD_S, "never cut off"

    def wait_closed(self) -> float:
        while not self.closed:
            self.poll(0.2)
            assert time.monotonic() - self.opened < HANG_GUARD_S, "never closed"
        self.sock.close()
        return time.monotonic() - self.opened

    @property
    def status(self) -> int | None:
        if not self.received.startswith(b"HTTP/1.1 "):
            return None
        return int(self.received[9:12])


def _upload_head(content_length: int, *, key: str | None) -> bytes:
    lines = [
        "POST /api/analyze HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: multipart/form-data; boundary=b0undary",
        f"Content-Length: {content_length}",
    ]
    if key is not None:
        lines.append(f"X-API-Key: {key}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


FIRST_PART = (
    b'--b0undary\r\nContent-Disposition: form-data; name="articleName"\r\n\r\nClip\r\n'
    b'--b0undary\r\nContent-Disposition: form-data; name="productSpecification"; '
    b'filename="s.txt"\r\nContent-Type: text/plain\r\n\r\n'
)


def test_an_unauthenticated_upload_is_refused_before_its_body_is_read(server: ServerProcess):
    talk = Conversation(server.port)
    talk.send(_upload_head(10_000_000, key=None) + FIRST_PART + b"x" * 1024)
    talk.wait_closed()  # answered and closed though 10 MB were announced and 1 KiB sent
    assert talk.status == 401, talk.received[:300]
    assert b"application/problem+json" in talk.received


def test_a_stalled_body_is_cut_off_with_408(server: ServerProcess):
    talk = Conversation(server.port)
    talk.send(_upload_head(100_000, key=KEY) + FIRST_PART)
    talk.wait_closed()
    assert talk.status == 408, talk.received[:300]


def test_a_body_sent_a_byte_at_a_time_is_cut_off_at_the_total_deadline(server: ServerProcess):
    talk = Conversation(server.port)
    talk.send(_upload_head(100_000, key=KEY) + FIRST_PART)
    talk.trickle(b"y" * 1000, every_s=0.25)  # never idle for a second, but far too slow
    talk.wait_closed()
    assert talk.status == 408, talk.received[:300]


def test_headers_larger_than_the_limit_are_431(server: ServerProcess):
    talk = Conversation(server.port)
    talk.send(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000)
    talk.wait_closed()
    assert talk.status == 431, talk.received[:300]
    assert b"request-header-fields-too-large" in talk.received


def test_a_huge_header_is_cut_off_without_stalling_the_server(server: ServerProcess):
    talk = Conversation(server.port)
    talk.send(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Huge: ")
    for _ in range(100):  # up to 100 MB; the server closes long before
        if not talk.send(b"a" * 1_000_000):
            break
    talk.wait_closed()
    assert httpx2.get(f"{server.base_url}/health", timeout=5).status_code == 200


def test_too_many_header_fields_are_431(server: ServerProcess):
    talk = Conversation(server.port)
    fields = "".join(f"X-F{i}: v\r\n" for i in range(60))
    talk.send(f"GET /health HTTP/1.1\r\nHost: x\r\n{fields}\r\n".encode())
    talk.wait_closed()
    assert talk.status == 431, talk.received[:300]


def test_slowly_trickled_headers_are_cut_off(server: ServerProcess):
    talk = Conversation(server.port)
    talk.trickle(b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: " + b"z" * 200, 0.1)
    talk.wait_closed()
    assert talk.status in (None, 408), talk.received[:300]


def test_a_connection_that_sends_nothing_is_closed(server: ServerProcess):
    assert Conversation(server.port).wait_closed() < HANG_GUARD_S


def test_an_idle_keep_alive_connection_is_closed(server: ServerProcess):
    talk = Conversation(server.port)
    talk.send(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    talk.wait_closed()
    assert talk.status == 200


def test_ordinary_requests_still_work(server: ServerProcess):
    with httpx2.Client(base_url=server.base_url, headers={"X-API-Key": KEY}, timeout=10) as http:
        response = http.post(
            "/api/analyze",
            data={"articleName": "Clip"},
            files={"productSpecification": ("s.txt", b"Net weight: 12 g\n", "text/plain")},
        )
        assert response.status_code == 201, response.text
        assert http.get("/api/articles").status_code == 200


def test_the_limits_hold_for_the_next_request_on_a_kept_alive_connection(server: ServerProcess):
    talk = Conversation(server.port)
    talk.send(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    while b'{"status":"ok"}' not in talk.received:
        talk.poll(0.2)
        assert not talk.closed and time.monotonic() - talk.opened < HANG_GUARD_S
    assert talk.status == 200
    talk.received = b""
    talk.send(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000)
    talk.wait_closed()
    assert talk.status == 431, talk.received[:300]
