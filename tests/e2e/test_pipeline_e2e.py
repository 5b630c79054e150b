"""The pipeline without Airflow (``python -m newsmon run``) against the sample site on 127.0.0.1."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from newsmon.cli import main
from newsmon.sample import SAMPLE_SOURCES, serve_site
from tests.e2e.conftest import SAMPLE_DAY, SEED_FIGURES, SEED_PATH

pytestmark = pytest.mark.e2e
DAY = SAMPLE_DAY.isoformat()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "data"
    monkeypatch.setenv("NEWSMON_SOURCES", str(SAMPLE_SOURCES))
    monkeypatch.setenv("NEWSMON_DATA_ROOT", str(root))
    yield root


def _rows(root: Path, table: str, day: str = DAY) -> list[dict]:
    folder = root / table / f"dt={day}"
    return ds.dataset(folder, format="parquet").to_table().to_pylist() if folder.is_dir() else []


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every data file (the reports table records each run, so it is left out)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.parquet"))
            if p.relative_to(root).parts[0] != "reports"}


def _run(*args: str) -> int:
    return main(["--quiet", "run", *args])


def test_run_collects_the_days_entries_with_reasons_for_the_bad_ones(
        env: Path, sample_site: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("--date", DAY) == 0
    out = capsys.readouterr().out
    assert f"Parquet written under {env}" in out and "figures" in out
    articles = {a["entry_id"]: a for a in _rows(env, "articles")}
    assert set(articles) == {
        "jw-2025-0116-lagos-raids", "jw-2025-0116-weekly-roundup",
        f"{sample_site}/articles/manila-drug-sentences.html",          # no guid: the link is the id
        "tag:harbour-police.example,2025-01-16:gale-ferries",
        "tag:harbour-police.example,2025-01-16:outboard-motors",
        "pd-2025-0116-telecom-fraud",
        "pd-undated-singapore-money-mules",                            # undated: first seen today
    }
    assert articles["tag:harbour-police.example,2025-01-16:outboard-motors"]["status"] == "failed"
    assert articles["tag:harbour-police.example,2025-01-16:outboard-motors"]["skip_reason"] == "HTTP 404"
    assert articles["jw-2025-0116-weekly-roundup"]["status"] == "skipped"
    assert articles["pd-2025-0116-telecom-fraud"]["status"] == "extracted"
    seed_id = articles["pd-2025-0116-telecom-fraud"]["article_id"]
    figures = [f for f in _rows(env, "figures") if f["article_id"] == seed_id]
    assert {(f["action"], f["measure"], f["unit"], f["value"], f["bound"], f["period_start"], f["period_end"])
            for f in figures} == SEED_FIGURES
    assert all(f["extractor_version"] and f["sentence"] and len(f["statistic_key"]) == 20 for f in figures)
    raw = _rows(env, "raw")
    assert sorted(r["kind"] for r in raw).count("feed") == 3
    assert {r["url"] for r in raw if r["kind"] == "page"} >= {sample_site + SEED_PATH}
    (missing,) = [r for r in raw if r["error"]]
    assert missing["url"].endswith("/missing-page.html") and missing["status"] == 404 and missing["body"] == b""


def test_reprocess_rebuilds_the_same_rows_without_any_http(
        env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with serve_site() as base_url:
        monkeypatch.setenv("NEWSMON_SAMPLE_URL", base_url)
        assert _run("--date", DAY) == 0
    first = _snapshot(env)
    # The server is gone: any request would fail. Reprocessing works from the stored raw bytes.
    assert _run("--date", DAY, "--reprocess") == 0
    assert _snapshot(env) == first
    harbour = sorted((r for r in _rows(env, "reports") if r["source_id"] == "harbour_police"),
                     key=lambda r: r["started_at"])
    assert [(r["run_kind"], r["pages_failed"], r["articles_failed"]) for r in harbour] == [
        ("run", 1, 1), ("reprocess", 0, 1)]   # the 404 was fetched once; the reprocess fetches nothing
    capsys.readouterr()


def test_rerun_with_the_site_down_fails_but_keeps_what_was_stored(
        env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with serve_site() as base_url:
        monkeypatch.setenv("NEWSMON_SAMPLE_URL", base_url)
        assert _run("--date", DAY) == 0
    first = _snapshot(env)
    monkeypatch.setenv("NEWSMON_MAX_ATTEMPTS", "1")  # the site is gone for good: no point backing off
    assert _run("--date", DAY) == 1
    assert "3 of 3 sources failed" in capsys.readouterr().err
    assert _snapshot(env) == first


def test_an_undated_entry_stays_on_the_day_it_was_first_seen(env: Path, sample_site: str) -> None:
    assert _run("--date", DAY) == 0
    assert _run("--date", "2025-01-15") == 0
    undated = "pd-undated-singapore-money-mules"
    assert undated in {a["entry_id"] for a in _rows(env, "articles", DAY)}
    earlier = {a["entry_id"] for a in _rows(env, "articles", "2025-01-15")}
    assert undated not in earlier
    assert "jw-2025-0115-nairobi-ivory" in earlier


def test_one_failing_source_does_not_stop_the_others(
        env: Path, sample_site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(SAMPLE_SOURCES.read_text(encoding="utf-8")
                       + "\n- id: gone\n  url: ${NEWSMON_SAMPLE_URL}/feeds/gone.rss\n  allow_private: true\n", encoding="utf-8")
    assert _run("--date", DAY, "--sources", str(sources)) == 0
    out = capsys.readouterr().out
    assert "gone" in out and "FetchError" in out
    assert {a["source_id"] for a in _rows(env, "articles")} == {"justice_wire", "harbour_police", "prosecutors_digest"}
    assert not (env / "articles" / f"dt={DAY}" / "part-gone.parquet").exists()


def test_run_rejects_a_bad_sources_file(env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: Not A Slug\n", encoding="utf-8")
    assert _run("--date", DAY, "--sources", str(bad)) == 2
    assert "ConfigError" in capsys.readouterr().err


def test_run_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        _run("--date", "2025-02-30")
    assert caught.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_extract_writes_gold_format_predictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        '{"id": "d1", "url": null, "title": "t", "published": "2025-03-04", '
        '"text": "Police in Lagos arrested 42 suspects on Monday."}\n'
        '{"id": "d2", "url": null, "title": "t", "published": null, "text": "The weather was fine."}\n',
        encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert main(["extract", str(docs), "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["d1", "d2"]
    assert lines[0]["figures"][0]["action"] == "arrest" and lines[0]["figures"][0]["value"] == 42
    assert lines[1]["figures"] == []
    assert main(["extract", str(tmp_path / "pred.jsonl"), "-o", str(tmp_path / "x.jsonl")]) == 2


@pytest.mark.shared
def test_seed_through_extract_scores_perfectly(shared_dir: Path, tmp_path: Path) -> None:
    pred = tmp_path / "seed.pred.jsonl"
    assert main(["extract", str(shared_dir / "eval" / "seed.docs.jsonl"), "-o", str(pred)]) == 0
    done = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"),
                           str(shared_dir / "eval" / "seed.gold.jsonl"), str(pred)],
                          capture_output=True, text=True, check=True)
    assert "summary: figure_f1=1.000 entity_f1=1.000" in done.stdout, done.stdout
    assert "bound accuracy on matched figures: 1.000" in done.stdout
    assert "period accuracy on matched figures: 1.000" in done.stdout



def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_demo_without_airflow_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEWSMON_SAMPLE_URL", "NEWSMON_SOURCES", "NEWSMON_DATA_ROOT"):
        monkeypatch.setenv(name, "")  # restored after the test: demo sets them for its child processes
    root, port = tmp_path / "demo", _free_port()
    args = ["--quiet", "demo", "--no-airflow", "--port", str(port), "--data-root", str(root)]
    assert main(args) == 0
    first_out, first = capsys.readouterr().out, _snapshot(root)
    assert f"serving the sample site at http://127.0.0.1:{port}" in first_out
    assert "articles       7 rows" in first_out
    late = "  late entries added to earlier days: 2 (dt=2025-01-15)\n"   # the feeds list the 15th's too
    assert late in first_out
    assert main(args) == 0
    assert capsys.readouterr().out == first_out.replace(late, "")    # the second run adds nothing
    assert _snapshot(root) == first


def test_demo_reports_a_busy_port(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["demo", "--no-airflow", "--port", str(port), "--data-root", str(tmp_path)]) == 2
    assert "choose another --port" in capsys.readouterr().err
