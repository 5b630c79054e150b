"""Wall time of the daily DAG under `airflow dags test` against `python -m newsmon run`, same day, sample site.

    .venv/bin/python benchmarks/airflow_vs_cli.py [--runs 3] [--date 2025-01-16]   # from the repository root

Reproduces what ``python -m newsmon demo`` sets up, from the outside: a child process serves
``include/sample/site`` on 127.0.0.1 with ``newsmon.sample.SampleSite`` (which substitutes
``${NEWSMON_SAMPLE_URL}`` in the feeds it serves), and both commands get ``NEWSMON_SAMPLE_URL``,
``NEWSMON_SOURCES=include/config/sources.sample.yaml`` and a fresh ``NEWSMON_DATA_ROOT``. Each run:

- ``airflow db migrate`` into a private, empty ``AIRFLOW_HOME`` (SQLite; timed, but reported apart);
- ``airflow dags test news_monitor_daily DATE+1`` (the manual run at D+1 covers the interval [D, D+1));
- ``python -m newsmon run --date DATE --sources ... --data-root ...``;

the two timed commands in alternating order (cli first on odd runs), each into its own data root.
Both must exit 0 and write the same ``articles`` rows for dt=DATE (counted with pyarrow). Prints each
run's wall times, then medians over --runs and the ratio airflow / cli. newsmon is driven only through
its command lines; ``newsmon.sample.SampleSite`` is the one import, in the server's child process.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "include" / "config" / "sources.sample.yaml"
DAG_ID = "news_monitor_daily"
# The sample site's server, in a child process: print the base URL once listening, stop when stdin closes.
SERVER = ("import sys\nfrom newsmon.sample import SampleSite\n"
          "with SampleSite.start() as site:\n    print(site.base_url, flush=True)\n    sys.stdin.read()\n")


@dataclass(frozen=True)
class Timed:
    """One command: its wall time, exit code and the articles rows it wrote for the day, by status."""

    wall: float
    exit_code: int
    articles: Counter[str]
    log: Path

    @property
    def rows(self) -> int:
        return sum(self.articles.values())


@dataclass(frozen=True)
class Run:
    migrate: Timed
    airflow: Timed
    cli: Timed


def _base_env() -> dict[str, str]:
    """The environment both commands share; AIRFLOW_* from the caller's shell is left out."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "include"), os.environ.get("PYTHONPATH")]))
    return env


def _airflow_env(base: dict[str, str], home: Path) -> dict[str, str]:
    return {**base, "AIRFLOW_HOME": str(home), "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False"}


@contextmanager
def _sample_site(env: dict[str, str]) -> Iterator[str]:
    """Serve the sample site from a child process; yield its base URL (it is listening by then)."""
    server = subprocess.Popen([sys.executable, "-c", SERVER], cwd=REPO, env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert server.stdin is not None and server.stdout is not None
    try:
        base_url = server.stdout.readline().strip()   # printed after the socket is bound and listening
        if not base_url.startswith("http://"):
            raise RuntimeError(f"the sample server did not start (exit {server.wait()})")
        yield base_url
    finally:
        server.stdin.close()
        server.wait(timeout=30)


def _articles(root: Path, day: date) -> Counter[str]:
    leaf = root / "articles" / f"dt={day.isoformat()}"
    statuses: Counter[str] = Counter()
    for path in sorted(leaf.glob("*.parquet")):      # staged and temporary files do not end in .parquet
        statuses.update(pq.read_table(path, columns=["status"]).column("status").to_pylist())
    return statuses


def _timed(command: list[str], env: dict[str, str], log: Path, root: Path | None, day: date) -> Timed:
    with log.open("wb") as out:
        started = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
        wall = time.perf_counter() - started
    return Timed(wall=wall, exit_code=done.returncode, log=log,
                 articles=_articles(root, day) if root is not None else Counter())


def _one_run(index: int, work: Path, base: dict[str, str], day: date) -> Run:
    home, run_dir = work / f"airflow-home-{index}", work / f"run-{index}"
    home.mkdir()
    run_dir.mkdir()
    airflow_env = _airflow_env(base, home)
    migrate = _timed([sys.executable, "-m", "airflow", "db", "migrate"], airflow_env,
                     run_dir / "migrate.log", None, day)
    roots = {"airflow": run_dir / "data-airflow", "cli": run_dir / "data-cli"}
    commands = {
        "airflow": ([sys.executable, "-m", "airflow", "dags", "test", DAG_ID, (day + timedelta(days=1)).isoformat()],
                    {**airflow_env, "NEWSMON_DATA_ROOT": str(roots["airflow"])}),
        "cli": ([sys.executable, "-m", "newsmon", "run", "--date", day.isoformat(), "--sources", str(SOURCES),
                 "--data-root", str(roots["cli"])], {**base, "NEWSMON_DATA_ROOT": str(roots["cli"])}),
    }
    order = ["cli", "airflow"] if index % 2 else ["airflow", "cli"]
    timed = {name: _timed(*commands[name], run_dir / f"{name}.log", roots[name], day) for name in order}
    return Run(migrate=migrate, airflow=timed["airflow"], cli=timed["cli"])


def _problems(index: int, run: Run) -> list[str]:
    found = [f"run {index}: {name} exited {t.exit_code}; its output ended:\n    " + "\n    ".join(_tail(t.log))
             for name, t in (("db migrate", run.migrate), ("airflow", run.airflow), ("cli", run.cli))
             if t.exit_code != 0]
    if run.airflow.articles != run.cli.articles:
        found.append(f"run {index}: articles differ: airflow {dict(run.airflow.articles)}, cli {dict(run.cli.articles)}")
    if not run.cli.rows:
        found.append(f"run {index}: no articles rows written")
    return found


def _tail(log: Path, lines: int = 8) -> list[str]:
    return log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]


def _print_run(index: int, run: Run) -> None:
    statuses = ", ".join(f"{s} {n}" for s, n in sorted(run.cli.articles.items()))
    print(f"run {index}: airflow {run.airflow.wall:6.2f} s  cli {run.cli.wall:6.2f} s  "
          f"ratio {run.airflow.wall / run.cli.wall:5.2f}  (db migrate {run.migrate.wall:.2f} s, not counted)  "
          f"articles {run.airflow.rows}/{run.cli.rows} ({statuses})")


def _print_summary(runs: list[Run]) -> None:
    airflow = statistics.median(r.airflow.wall for r in runs)
    cli = statistics.median(r.cli.wall for r in runs)
    migrate = statistics.median(r.migrate.wall for r in runs)
    print(f"median of {len(runs)}: airflow dags test {airflow:.2f} s, newsmon run {cli:.2f} s, "
          f"ratio airflow/cli {airflow / cli:.2f} (difference {airflow - cli:.2f} s); db migrate {migrate:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs, each with a fresh Airflow home and data roots")
    parser.add_argument("--date", type=date.fromisoformat, default=date(2025, 1, 16),
                        help="the day to collect (default 2025-01-16, the day of the sample articles)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    base = _base_env()
    runs: list[Run] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="newsmon-airflow-vs-cli-") as tmp, _sample_site(base) as base_url:
        base |= {"NEWSMON_SAMPLE_URL": base_url, "NEWSMON_SOURCES": str(SOURCES)}
        print(f"sample site at {base_url}; day {args.date}; {args.runs} run(s); {os.cpu_count()} cores")
        for index in range(1, args.runs + 1):
            runs.append(_one_run(index, Path(tmp), base, args.date))
            _print_run(index, runs[-1])
            problems += _problems(index, runs[-1])
        _print_summary(runs)
        for line in problems:
            print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
