"""Refuse connections to private, loopback, link-local and other non-public addresses (SSRF guard).

The check sits where the socket is opened: :class:`GuardedBackend` resolves the host itself,
refuses when any address it answers is not public, and connects to the address it checked. So
it covers the first URL, every redirect hop and every DNS answer, and a name that resolves to a
public address for the check and to 127.0.0.1 for the connection (DNS rebinding) cannot slip
through. A source whose sources-file row says ``allow_private: true`` (the local test and demo
servers) gets a client without the guard.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any

import httpcore

from newsmon.errors import NewsmonError

Resolver = Callable[[str, int], list[str]]


class AddressRefused(NewsmonError):
    """A host resolved to an address newsmon may not fetch from."""

    def __init__(self, host: str, address: str) -> None:
        where = "" if host == address else f" resolves to {address}, which"
        super().__init__(f"refused: {host}{where} is not a public address "
                         "(set allow_private: true on the source to fetch it)")
        self.host = host
        self.address = address


def is_public(address: str) -> bool:
    """True for a globally routable unicast address; False for private, loopback, link-local,
    multicast, reserved, unspecified and shared (CGNAT) addresses, also when IPv4 is mapped in IPv6."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])   # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``, in its order, without repeats."""
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in answers))


def vetted_addresses(host: str, port: int, resolver: Resolver = system_resolver,
                     allowed: Callable[[str], bool] = is_public) -> list[str]:
    """Every address ``host`` resolves to, once all are allowed; AddressRefused when one is not.
    A resolver failure is the resolver's OSError."""
    addresses = resolver(host, port)
    for address in addresses:
        if not allowed(address):
            raise AddressRefused(host, address)
    return addresses


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, refusing non-public addresses before a socket is opened."""

    def __init__(self, resolver: Resolver = system_resolver,
                 allowed: Callable[[str], bool] = is_public) -> None:
        self._inner = httpcore.SyncBackend()
        self._resolve = resolver
        self._allowed = allowed

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        try:
            addresses = vetted_addresses(host, port, self._resolve, self._allowed)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        last: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:       # connect to what was checked, never to a fresh lookup
            try:
                return self._inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                               socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)
