from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsmon.errors import DocumentFormatError
from newsmon.extract.documents import parse_published, read_documents


@pytest.mark.parametrize(("raw", "expected"), [
    ("2025-01-16", date(2025, 1, 16)),
    ("2025-01-16T08:30:00+08:00", date(2025, 1, 16)),
    ("2017", date(2017, 12, 31)),
    ("2018-12", date(2018, 12, 31)),
    ("2020-02", date(2020, 2, 29)),
    ("2021-09", date(2021, 9, 30)),
    (None, None),
    ("", None),
])
def test_parse_published_gives_the_latest_day_a_date_allows(raw: str | None, expected: date | None) -> None:
    assert parse_published(raw) == expected


@pytest.mark.parametrize("raw", ["16/01/2025", "yesterday", "2025-13-01", "2025-13", 20250116])
def test_parse_published_rejects_anything_else(raw: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        parse_published(raw)


def test_read_documents_yields_documents_and_names_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "d.docs.jsonl"
    path.write_text('{"id": 7, "published": "2024-02-03", "text": "Police arrested five men."}\n\n'
                    '{"id": "b", "published": null, "text": "Nothing here."}\n'
                    '{"id": "c", "published": "2024-02-03"}\n', encoding="utf-8")
    docs = read_documents(path)
    assert next(docs).id == "7"
    assert next(docs).published is None
    with pytest.raises(DocumentFormatError, match=r"d.docs.jsonl:4: not a document line \(KeyError"):
        next(docs)
