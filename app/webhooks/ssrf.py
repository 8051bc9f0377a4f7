"""Where a webhook may be sent: public addresses only, checked when connecting.

The host is resolved here, every address it resolves to is checked, and the request goes to
the checked address with the original name in `Host` and in TLS SNI (the certificate is
verified against that name). No second lookup happens between check and connect, so a name
that resolves to a public address for the check and to 127.0.0.1 a moment later (DNS
rebinding) cannot slip through. Redirects are never followed, and proxies from the
environment are not used.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx2

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]
SCHEMES = ("http", "https")


class TargetRefusedError(Exception):
    """The URL may not be called (scheme, a private address, a name that does not resolve)."""


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refusal(address: IPAddress) -> str | None:
    """Why this address is not a public unicast one, or None if it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for reason, flag in (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    ):
        if flag:
            return f"{address} is not allowed ({reason})"
    if not address.is_global:
        return f"{address} is not allowed (not public)"
    return None


def check_url(url: str, *, allow_private: bool) -> httpx2.URL:
    """The parsed URL if its form is acceptable (a literal address is checked too)."""
    try:
        parsed = httpx2.URL(url)
    except (httpx2.InvalidURL, TypeError) as exc:
        raise TargetRefusedError(f"not a valid URL ({exc})") from exc
    if parsed.scheme not in SCHEMES:
        raise TargetRefusedError("only http and https URLs are allowed")
    if not parsed.host:
        raise TargetRefusedError("the URL has no host")
    if not allow_private:
        try:
            literal = ipaddress.ip_address(parsed.host)
        except ValueError:
            return parsed
        reason = refusal(literal)
        if reason:
            raise TargetRefusedError(reason)
    return parsed


@dataclass(frozen=True, slots=True)
class PinnedTarget:
    """A request to one checked address that still names the original host."""

    url: httpx2.URL
    headers: dict[str, str] = field(default_factory=dict)
    extensions: dict[str, str] = field(default_factory=dict)


async def pin(url: str, *, allow_private: bool, resolver: Resolver) -> list[PinnedTarget]:
    """One request target per address the host resolves to, all checked (try them in turn)."""
    parsed = check_url(url, allow_private=allow_private)
    host = parsed.host
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = await resolver(host, port)
        except OSError as exc:
            raise TargetRefusedError(f"{host} does not resolve ({exc})") from exc
        if not addresses:
            raise TargetRefusedError(f"{host} does not resolve")
    if not allow_private:
        for address in addresses:
            reason = refusal(ipaddress.ip_address(address))
            if reason:
                raise TargetRefusedError(f"{host}: {reason}")
    if literal is not None:
        return [PinnedTarget(url=parsed)]
    return [
        PinnedTarget(
            url=parsed.copy_with(host=address),
            headers={"Host": parsed.netloc.decode("ascii")},
            extensions={"sni_hostname": host},
        )
        for address in addresses
    ]
