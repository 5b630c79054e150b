"""Credentials come from connections (Airflow's formats), never from the sources file."""
from __future__ import annotations

import pytest

from newsmon.collect.secrets import env_lookup, from_connection, parse_connection
from newsmon.errors import ConfigError


def test_uri_connection_gives_basic_auth_with_decoded_parts() -> None:
    cred = parse_connection("wire", "http://ana%40desk:p%2Fss@wire.example.com:443/")
    assert cred.login == "ana@desk" and cred.password == "p/ss"
    assert cred.request_headers() == {"Authorization": "Basic YW5hQGRlc2s6cC9zcw=="}


def test_json_connection_with_an_api_key_header() -> None:
    cred = parse_connection("wire", '{"conn_type": "http", "extra": {"headers": {"X-Api-Key": "k-42"}}}')
    assert cred.request_headers() == {"X-Api-Key": "k-42"}


def test_uri_extra_and_a_bare_password_as_bearer_token() -> None:
    cred = parse_connection("wire", 'http://:tok@h/?__extra__={"headers": {"X-Client": "newsmon"}}')
    assert cred.request_headers() == {"X-Client": "newsmon", "Authorization": "Bearer tok"}


def test_env_lookup_reads_airflows_variable_and_names_the_missing_one() -> None:
    lookup = env_lookup({"AIRFLOW_CONN_PAID_WIRE": "http://u:p@wire.example"})
    assert lookup("paid_wire").login == "u"
    with pytest.raises(ConfigError, match="no AIRFLOW_CONN_OTHER in the environment"):
        lookup("other")


@pytest.mark.parametrize(("raw", "message"), [
    ("{not json", "not valid JSON"),
    ("just-a-word", "neither a URI nor JSON"),
    ('{"extra": "[1, 2]"}', "extra must be a JSON object"),
    ('{"extra": {"headers": {"X-Api-Key": 5}}}', "extra.headers must map header names to strings"),
])
def test_bad_connections_are_config_errors(raw: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_connection("wire", raw)


def test_secrets_never_show_in_repr() -> None:
    cred = from_connection("wire", "ana", "hunter2", {"headers": {"X-Api-Key": "k-9"}})
    assert "hunter2" not in repr(cred) and "k-9" not in repr(cred) and "wire" in repr(cred)
