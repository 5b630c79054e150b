"""Credentials of paid sources, from Airflow Connections or the environment, never the sources file.

A source names a connection (``credentials: wire_service``). Under Airflow the DAG looks the
connection up (metadata database or secrets backend) and hands its fields to
:func:`from_connection`. Without Airflow, :func:`env_lookup` reads ``AIRFLOW_CONN_<ID>`` from the
environment in either of Airflow's formats (a URI or JSON), the same variable Airflow itself
would read. The login and password become HTTP Basic auth; a password alone becomes a Bearer
token; ``extra.headers`` are sent as given (an ``X-Api-Key``, say).
"""
from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from newsmon.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Credential:
    conn_id: str
    login: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def request_headers(self) -> dict[str, str]:
        """Headers that authenticate a request to the source's own host."""
        out = dict(self.headers)
        if self.login and self.password is not None:
            token = base64.b64encode(f"{self.login}:{self.password}".encode()).decode("ascii")
            out.setdefault("Authorization", f"Basic {token}")
        elif self.password:
            out.setdefault("Authorization", f"Bearer {self.password}")
        return out


CredentialLookup = Callable[[str], Credential]


def from_connection(conn_id: str, login: str | None, password: str | None,
                    extra: Mapping[str, Any] | None) -> Credential:
    """A credential from a connection's fields; ``extra`` may hold ``{"headers": {name: value}}``."""
    headers = (extra or {}).get("headers") or {}
    if not isinstance(headers, Mapping) or not all(isinstance(v, str) for v in headers.values()):
        raise ConfigError(f"connection {conn_id!r}: extra.headers must map header names to strings")
    return Credential(conn_id=conn_id, login=login or None, password=password or None,
                      headers=tuple(sorted((str(k), v) for k, v in headers.items())))


def env_lookup(env: Mapping[str, str] | None = None) -> CredentialLookup:
    """Look connections up in ``AIRFLOW_CONN_<ID>`` variables; a missing one is a ConfigError."""
    env = os.environ if env is None else env

    def lookup(conn_id: str) -> Credential:
        name = f"AIRFLOW_CONN_{conn_id.upper()}"
        raw = env.get(name)
        if not raw:
            raise ConfigError(f"credentials {conn_id!r}: no Airflow connection and no {name} in the environment")
        return parse_connection(conn_id, raw)

    return lookup


def parse_connection(conn_id: str, raw: str) -> Credential:
    """Airflow's connection formats: JSON (``{"login": ..., "password": ..., "extra": {...}}``) or a
    URI (``http://login:password@host/?__extra__=<json>``)."""
    raw = raw.strip()
    if raw.startswith("{"):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"connection {conn_id!r} is not valid JSON: {exc.msg}") from exc
        extra = data.get("extra") or {}
        if isinstance(extra, str):
            extra = _json_extra(conn_id, extra)
        return from_connection(conn_id, data.get("login"), data.get("password"), extra)
    parts = urlsplit(raw)
    if not parts.scheme:
        raise ConfigError(f"connection {conn_id!r} is neither a URI nor JSON")
    query = dict(parse_qsl(parts.query))
    extra = _json_extra(conn_id, query["__extra__"]) if "__extra__" in query else {}
    return from_connection(conn_id, unquote(parts.username) if parts.username else None,
                           unquote(parts.password) if parts.password else None, extra)


def _json_extra(conn_id: str, raw: str) -> dict[str, Any]:
    try:
        extra = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"connection {conn_id!r}: extra is not valid JSON: {exc.msg}") from exc
    if not isinstance(extra, dict):
        raise ConfigError(f"connection {conn_id!r}: extra must be a JSON object")
    return extra
