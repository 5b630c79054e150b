"""A real Airflow stack for end-to-end tests: api-server, scheduler and dag-processor as subprocesses.

SQLite metadata DB and LocalExecutor, everything under one ``home`` folder. The tests in this
session configure Airflow in-process through ``os.environ`` (tests/conftest.py); the stack never
relies on that: it builds its own environment from the ``env`` it is given and passes it
explicitly to every subprocess.

    with airflow_stack(env, tmp_path / "airflow") as stack:
        stack.wait_for_dag("news_monitor_daily", deadline_s=60)
        stack.run("backfill", "create", "--dag-id", "news_monitor_daily", ...)
        runs = stack.wait_for_runs("news_monitor_daily", 5, deadline_s=120)
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[2]
FINISHED = ("success", "failed")
HEALTH_PATH = "/api/v2/monitor/health"

T = TypeVar("T")


class StackError(RuntimeError):
    """A process of the stack died, or something did not happen before its deadline."""


@dataclass
class AirflowStack:
    """A running stack. Built by :func:`airflow_stack`; read the metadata DB with :meth:`query`."""

    home: Path
    env: dict[str, str]
    base_url: str
    db_path: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    # -- CLI -------------------------------------------------------------------------------

    def run(self, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run ``airflow *args`` with the stack's environment; with ``check``, fail on a non-zero exit."""
        done = subprocess.run([sys.executable, "-m", "airflow", *args], env=self.env, cwd=self.home,
                              capture_output=True, text=True, timeout=timeout, check=False)
        if check and done.returncode != 0:
            raise StackError(f"airflow {' '.join(args)} exited {done.returncode}\n"
                             f"--- stdout\n{_tail(done.stdout)}\n--- stderr\n{_tail(done.stderr)}")
        return done

    def create_backfill(self, dag_id: str, *args: str, attempts: int = 3) -> None:
        """``airflow backfill create --dag-id dag_id *args``, run again when SQLite refused a write
        with "database is locked".

        The busy timeout does not cover that case: a transaction that read first and then writes
        while the scheduler writes gets SQLITE_BUSY at once. Airflow has by then committed the
        Backfill row; it removes that partial backfill so that the user can retry, but only on a
        best-effort basis, and the removal can hit the same lock. A partial backfill left behind
        blocks the retry as "already running" (the scheduler drops one without runs only two
        minutes later), so the stack finishes Airflow's own removal and retries at once.
        """
        command = ("backfill", "create", "--dag-id", dag_id, *args)
        for attempt in range(1, attempts + 1):
            before = self._latest_id(dag_id)
            done = self.run(*command, check=False)
            if done.returncode == 0:
                return
            locked = "database is locked" in done.stderr
            partial = self._latest_id(dag_id)
            if locked and partial != before and partial is not None:
                self._remove_partial_backfill(partial)
            if not locked or attempt == attempts:
                raise StackError(f"airflow {' '.join(command)} exited {done.returncode} (attempt {attempt})\n"
                                 f"--- stdout\n{_tail(done.stdout)}\n--- stderr\n{_tail(done.stderr)}")

    def _latest_id(self, dag_id: str) -> int | None:
        rows = self.query("select max(id) from backfill where dag_id = ?", (dag_id,))
        return None if not rows or rows[0][0] is None else int(rows[0][0])

    def _remove_partial_backfill(self, backfill_id: int) -> None:
        """Finish what Airflow's ``_cleanup_partial_backfill`` does after a lock error, when that
        cleanup hit the lock too: delete the backfill's run links, the runs that name it, and the
        backfill itself. Foreign keys are on, as Airflow has them on SQLite, so the runs' task
        instances go with them."""
        with closing(sqlite3.connect(self.db_path, timeout=30, isolation_level=None)) as db:
            db.execute("pragma foreign_keys = on")
            db.execute("begin immediate")
            db.execute("delete from backfill_dag_run where backfill_id = ?", (backfill_id,))
            db.execute("delete from dag_run where backfill_id = ?", (backfill_id,))
            db.execute("delete from backfill where id = ? and completed_at is null", (backfill_id,))
            db.execute("commit")

    # -- metadata DB -----------------------------------------------------------------------

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read-only query on the metadata DB."""
        with closing(sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=5)) as db:
            return db.execute(sql, params).fetchall()

    def _poll_query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]] | None:
        """Like :meth:`query`, but ``None`` while SQLite is busy with a writer (retried by the caller)."""
        try:
            return self.query(sql, params)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return None
            raise

    def wait_for_dag(self, dag_id: str, deadline_s: float) -> None:
        """Wait until the dag-processor has stored ``dag_id`` (serialized and unpaused)."""
        def stored() -> bool | None:
            rows = self._poll_query(
                "select d.is_paused from dag d join serialized_dag s on s.dag_id = d.dag_id "
                "where d.dag_id = ? limit 1", (dag_id,))
            if not rows:
                return None
            if rows[0][0]:
                raise StackError(f"{dag_id} was stored paused; DAGS_ARE_PAUSED_AT_CREATION is not False")
            return True

        self._wait(f"DAG {dag_id} to be parsed", stored, deadline_s)

    def latest_backfill_id(self, dag_id: str) -> int:
        latest = self._latest_id(dag_id)
        if latest is None:
            raise StackError(f"no backfill of {dag_id} in the metadata DB")
        return latest

    def wait_for_runs(self, dag_id: str, count: int, deadline_s: float, *, backfill_id: int | None = None,
                      ) -> list[tuple[str, str, datetime]]:
        """Wait until ``count`` runs of ``dag_id`` (of one backfill, if given) are finished.

        Returns ``(run_id, state, data_interval_start)`` of the finished runs, oldest interval first.
        A run cleared by a later backfill is queued again, so pass ``backfill_id`` to wait for that one.
        """
        sql = "select run_id, state, data_interval_start from dag_run where dag_id = ?"
        params: tuple[Any, ...] = (dag_id,)
        if backfill_id is not None:
            sql += " and backfill_id = ?"
            params += (backfill_id,)

        def finished() -> list[tuple[str, str, datetime]] | None:
            rows = self._poll_query(sql, params)
            done = sorted(((r[0], r[1], parse_db_time(r[2])) for r in rows or () if r[1] in FINISHED),
                          key=lambda r: r[2])
            return done if len(done) >= count else None

        return self._wait(f"{count} finished runs of {dag_id}", finished, deadline_s,
                          describe=lambda: self._describe_runs(dag_id))

    def wait_for_backfill(self, backfill_id: int, deadline_s: float) -> None:
        """Wait until the scheduler marks the backfill complete (only one may be active per DAG)."""
        def complete() -> bool | None:
            rows = self._poll_query("select completed_at from backfill where id = ?", (backfill_id,))
            return True if rows and rows[0][0] is not None else None

        self._wait(f"backfill {backfill_id} to complete", complete, deadline_s)

    def task_instances(self, dag_id: str) -> list[tuple[str, str, int, str, datetime, datetime]]:
        """``(run_id, task_id, map_index, state, start, end)`` of every finished task instance of ``dag_id``."""
        rows = self.query(
            "select run_id, task_id, map_index, state, start_date, end_date from task_instance "
            "where dag_id = ? and start_date is not null and end_date is not null", (dag_id,))
        return [(r[0], r[1], int(r[2]), r[3], parse_db_time(r[4]), parse_db_time(r[5])) for r in rows]

    def _describe_runs(self, dag_id: str) -> str:
        try:
            runs = self.query("select run_id, state, backfill_id from dag_run where dag_id = ?", (dag_id,))
            tis = self.query("select run_id, task_id, map_index, state, try_number from task_instance "
                             "where dag_id = ? order by run_id, task_id", (dag_id,))
        except sqlite3.Error as exc:
            return f"(metadata DB unreadable: {exc})"
        return "runs: " + json.dumps(runs) + "\ntask instances: " + json.dumps(tis)

    # -- processes -------------------------------------------------------------------------

    def log_tails(self, lines: int = 30) -> str:
        parts = []
        for name in self.processes:
            log = self.home / "logs" / f"{name}.log"
            text = log.read_text(errors="replace") if log.is_file() else "(no log)"
            parts.append(f"--- {name} ({log})\n{_tail(text, lines)}")
        return "\n".join(parts)

    def check_alive(self) -> None:
        for name, proc in self.processes.items():
            if proc.poll() is not None:
                raise StackError(f"airflow {name} exited with {proc.returncode}\n{self.log_tails()}")

    def _wait(self, what: str, check: Callable[[], T | None], deadline_s: float,
              describe: Callable[[], str] | None = None) -> T:
        """Poll ``check`` until it returns a value; fail early when a process dies, and at the deadline."""
        end = time.monotonic() + deadline_s
        while True:
            self.check_alive()
            value = check()
            if value is not None:
                return value
            if time.monotonic() > end:
                extra = describe() + "\n" if describe else ""
                raise StackError(f"timed out after {deadline_s:.0f} s waiting for {what}\n{extra}{self.log_tails()}")
            time.sleep(0.2)

    def _start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        log_dir = self.home / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        with (log_dir / f"{name}.log").open("ab") as log:
            # Its own session and process group: stop() signals the whole tree (LocalExecutor workers,
            # task supervisors) and nothing reaches the pytest process.
            self.processes[name] = subprocess.Popen(
                [sys.executable, "-m", "airflow", *args], env=self.env, cwd=self.home,
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        return self.processes[name]

    def _wait_healthy(self, components: tuple[str, ...], deadline_s: float) -> None:
        url = self.base_url + HEALTH_PATH

        def healthy() -> bool | None:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    body = json.load(response)
            except (urllib.error.URLError, OSError, ValueError):
                return None
            ok = all((body.get(c) or {}).get("status") == "healthy" for c in components)
            return True if ok else None

        self._wait(f"{', '.join(components)} healthy at {url}", healthy, deadline_s)

    def stop(self, timeout_s: float = 20) -> None:
        """SIGTERM each process group (scheduler first, api-server last), wait, then SIGKILL what is left.

        Task runners move to process groups of their own, but stay in the session of the process that
        started them: whatever of a session outlives its leader is killed too.
        """
        order = [n for n in ("scheduler", "dag-processor", "api-server") if n in self.processes]
        for group in (order[:-1], order[-1:]):   # the api-server serves running tasks until the end
            for name in group:
                _signal_group(self.processes[name].pid, signal.SIGTERM)
            end = time.monotonic() + timeout_s
            for name in group:
                proc = self.processes[name]
                try:
                    proc.wait(timeout=max(0.1, end - time.monotonic()))
                except subprocess.TimeoutExpired:
                    pass
                for pid in {proc.pid, *_session_members(proc.pid)}:
                    _signal_group(pid, signal.SIGKILL)
                proc.wait(timeout=10)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _session_members(sid: int) -> list[int]:
    """Process groups of the processes in session ``sid`` (Linux ``/proc``; empty elsewhere)."""
    groups = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue                          # the process ended while we looked
        if int(fields[3]) == sid:             # after "(comm)": state, ppid, pgrp, session
            groups.append(int(fields[2]))
    return groups


def parse_db_time(value: str | None) -> datetime:
    """A timestamp as SQLAlchemy stores it in SQLite (naive UTC text), as an aware UTC datetime."""
    if value is None:
        raise ValueError("no timestamp")
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stack_env(env: Mapping[str, str], home: Path) -> dict[str, str]:
    """``env`` plus the stack's own Airflow settings, which win over anything inherited."""
    tmp = home / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    include = str(REPO / "include")
    inherited = filter(None, env.get("PYTHONPATH", "").split(os.pathsep))
    return {
        **env,
        "AIRFLOW_HOME": str(home),
        # SQLite allows one writer at a time; wait up to 30 s for the lock (pysqlite's default is 5 s),
        # or a CLI call racing the scheduler fails with "database is locked" on a busy machine.
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}?timeout=30",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(64),   # 64 random bytes
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs" / "tasks"),
        "PYTHONPATH": os.pathsep.join(dict.fromkeys([include, *inherited])),
        "TMPDIR": str(tmp),
    }


def api_env(port: int) -> dict[str, str]:
    """Where the api-server listens, and where task runners find its execution API."""
    base_url = f"http://127.0.0.1:{port}"
    return {
        "AIRFLOW__API__BASE_URL": base_url,
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base_url}/execution/",
    }


@contextmanager
def airflow_stack(env: dict[str, str], home: Path, *, start_deadline_s: float = 90) -> Iterator[AirflowStack]:
    """Migrate a fresh SQLite DB in ``home``, start api-server, scheduler and dag-processor; stop them on exit.

    Nothing is written outside ``home`` by the stack itself (config, DB, logs, temporary files).
    """
    home = home.resolve()
    home.mkdir(parents=True, exist_ok=True)
    stack = AirflowStack(home=home, env=stack_env(env, home), base_url="", db_path=home / "airflow.db")
    stack.run("db", "migrate", timeout=start_deadline_s)
    with ExitStack() as cleanup:
        cleanup.callback(stack.stop)
        for attempt in range(3):
            # The port is picked just before the api-server binds it; if another process took it in
            # between, the api-server exits at once and is started again on another port.
            port = free_port()
            stack.env |= api_env(port)
            stack.base_url = f"http://127.0.0.1:{port}"
            server = stack._start("api-server", "api-server", "--host", "127.0.0.1", "--port", str(port))
            try:
                stack._wait_healthy(("metadatabase",), start_deadline_s)
                break
            except StackError:
                if attempt == 2 or server.poll() is None or "address already in use" not in stack.log_tails(200):
                    raise
        # No log server: it would listen on 0.0.0.0:8793, a fixed port another stack may hold. Task logs
        # are files under home/logs/tasks, which the api-server on this machine reads directly.
        stack._start("scheduler", "scheduler", "--skip-serve-logs")
        stack._start("dag-processor", "dag-processor")
        stack._wait_healthy(("metadatabase", "scheduler", "dag_processor"), start_deadline_s)
        yield stack


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.splitlines()[-lines:])
