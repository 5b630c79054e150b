"""Fetch pages from many slow local hosts with Fetcher.pages and compare the wall time with the ideal.

    PYTHONPATH=include .venv/bin/python benchmarks/fetch_pages.py [--pages 2000] [--hosts 50] \
        [--latency-ms 100] [--runs 3] [--order shuffled]   # from the repository root

One HTTP server per host, each bound to its own loopback address (127.0.0.1, 127.0.0.2, ...; Linux
routes all of 127/8 to lo), all of them in a child process so that their CPU does not compete with
the fetcher for this process's GIL. Every request (robots.txt included) sleeps the injected latency
and then gets a generated ~3 KB HTML page (robots.txt: "Allow: /"). Each server records the most
requests it was handling at once, robots.txt included, since the fetcher's per-host gate covers
robots.txt too. A request counts from the moment its handler starts until just before its response
is written, so the server never sees more overlap than the fetcher allows: a count above
max_per_host is a real violation of the per-host limit, printed as a VIOLATION line (exit 1).

The page URLs are spread evenly over the hosts and shuffled with a fixed seed (--order round-robin
hands them over host by host instead). For each configuration of the grid it prints the median wall
time of --runs runs (a fresh Fetcher each run), the allowed concurrency
C = min(fetch_concurrency, max_per_host x hosts), the ideal latency x pages / C (which leaves out
the one robots.txt per host), wall / ideal, the pages fetched (fewest of the runs), the highest
per-host concurrency seen, the mean number of requests in flight (the servers' busy time / wall
time), connections opened, retries made by newsmon.collect.http, responses the client hung up on, and the
fetcher process's CPU time; then peak RSS, and every failure and retry.
"""
from __future__ import annotations

import argparse
import logging
import multiprocessing
import random
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection

from newsmon.collect.fetcher import Fetcher
from newsmon.config import Settings
from newsmon.models import Source

GRID = ((8, 2), (16, 2), (32, 2), (64, 2), (64, 4))   # (fetch_concurrency, max_per_host)
SEED = 20250107
_WORDS = ("police", "arrested", "court", "charged", "seized", "officers", "district", "report",
          "suspects", "investigation", "county", "sentenced", "fraud", "warrant", "evidence", "judge")


@dataclass(frozen=True)
class HostStats:
    """What one server saw since the previous reset."""

    max_in_flight: int
    requests: int
    robots: int
    connections: int
    aborted: int         # responses the client hung up on before they were written
    busy: float          # seconds spent handling requests, summed over requests


@dataclass(frozen=True)
class RunResult:
    wall: float
    cpu: float
    ok: int
    errors: dict[str, int]
    retries: list[str]
    hosts: list[HostStats]


class _Counter:
    """Requests in flight at one server, and the most seen at once; guard every field with ``lock``."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = self.max_in_flight = self.requests = self.robots = self.connections = 0
        self.aborted = 0
        self.busy = 0.0

    def take(self) -> HostStats:
        """The counts since the previous call, and zero them (``in_flight`` stays: it is live)."""
        with self.lock:
            stats = HostStats(self.max_in_flight, self.requests, self.robots, self.connections, self.aborted,
                              self.busy)
            self.max_in_flight = self.requests = self.robots = self.connections = self.aborted = 0
            self.busy = 0.0
        return stats


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: str, latency: float, page: bytes) -> None:
        super().__init__((address, 0), _Handler)
        self.latency = latency
        self.page = page
        self.counter = _Counter()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"      # keep-alive, as real servers do
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.counter.lock:
            self.server.counter.connections += 1

    def do_GET(self) -> None:
        counter = self.server.counter
        started = time.monotonic()
        with counter.lock:
            counter.in_flight += 1
            counter.max_in_flight = max(counter.max_in_flight, counter.in_flight)
            counter.requests += 1
            counter.robots += self.path == "/robots.txt"
        time.sleep(self.server.latency)   # the injected latency
        if self.path == "/robots.txt":
            body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
        else:
            body = self.server.page.replace(b"{path}", self.path.encode("ascii", "replace"))
            kind = "text/html"
        with counter.lock:   # before the response goes out: the fetcher may reuse the slot once it has it
            counter.in_flight -= 1
            counter.busy += time.monotonic() - started
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        try:
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            with counter.lock:
                counter.aborted += 1
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


def _page(rng: random.Random, size: int = 3000) -> bytes:
    """An HTML article of about ``size`` bytes with ``{path}`` in its title."""
    paragraphs = []
    length = 0
    while length < size - 300:
        text = " ".join(rng.choice(_WORDS) for _ in range(40)).capitalize() + "."
        paragraphs.append(f"<p>{text}</p>")
        length += len(text) + 8
    return ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Article {path}</title></head>"
            "<body><article><h1>Article {path}</h1>" + "\n".join(paragraphs)
            + "</article></body></html>\n").encode()


def _serve(hosts: int, latency: float, conn: Connection) -> None:
    """Child process: run one server per loopback address and answer 'stats' and 'stop'."""
    page = _page(random.Random(SEED))
    servers = [_Server(f"127.0.0.{n}", latency, page) for n in range(1, hosts + 1)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    conn.send([server.server_address[:2] for server in servers])
    while (command := conn.recv()) != "stop":
        assert command == "stats", command
        conn.send([server.counter.take() for server in servers])
    for server in servers:
        server.shutdown()
        server.server_close()
    conn.send(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _urls(addresses: list[tuple[str, int]], pages: int, order: str) -> list[str]:
    """``pages`` URLs, page n on host n mod hosts; "shuffled" with a fixed seed, or "round-robin"
    (host 1, 2, ..., N, 1, 2, ...)."""
    urls = [f"http://{addresses[n % len(addresses)][0]}:{addresses[n % len(addresses)][1]}/news/{n}.html"
            for n in range(pages)]
    if order == "shuffled":
        random.Random(SEED).shuffle(urls)
    return urls


class _Retries(logging.Handler):
    """Collects newsmon.collect.http's "retrying" lines: a retry hides a failure that the page count does not show."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "retrying" in record.msg:
            self.messages.append(record.getMessage())


def _one_run(urls: list[str], concurrency: int, per_host: int, conn: Connection) -> RunResult:
    conn.send("stats")
    conn.recv()   # reset the servers' counters
    host, port = urls[0].split("/")[2].split(":")
    source = Source(id="bench", url=f"http://{host}:{port}/feed.rss", allow_private=True,
                    max_per_host=per_host, min_delay=0.0)
    settings = Settings(fetch_concurrency=concurrency, max_per_host=per_host, min_delay=0.0)
    retries = _Retries()
    http_log = logging.getLogger("newsmon.collect.http")
    http_log.addHandler(retries)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    with Fetcher(source, settings.fetch_options()) as fetcher:
        docs = fetcher.pages(urls)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    http_log.removeHandler(retries)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    conn.send("stats")
    hosts: list[HostStats] = conn.recv()
    errors: dict[str, int] = {}
    for doc in docs:
        if doc.error is not None:
            errors[doc.error] = errors.get(doc.error, 0) + 1
    ok = sum(doc.error is None and doc.status == 200 and len(doc.body) > 0 for doc in docs)
    return RunResult(wall=wall, cpu=cpu, ok=ok, errors=errors, retries=retries.messages, hosts=hosts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="page URLs, spread evenly over the hosts")
    parser.add_argument("--hosts", type=int, default=50, help="servers on 127.0.0.1 .. 127.0.0.N (N <= 254)")
    parser.add_argument("--latency-ms", type=float, default=100.0, help="injected latency of every request")
    parser.add_argument("--runs", type=int, default=3, help="runs per configuration; the median is reported")
    parser.add_argument("--order", choices=("shuffled", "round-robin"), default="shuffled",
                        help="order of the URLs handed to Fetcher.pages")
    args = parser.parse_args(argv)
    if not 1 <= args.hosts <= 254:
        parser.error("--hosts must be from 1 to 254")
    if args.pages < 2 or args.runs < 1 or args.latency_ms < 0:
        parser.error("--pages must be at least 2, --runs at least 1 and --latency-ms not negative")
    logging.basicConfig(level=logging.CRITICAL)   # failed pages are counted below, not logged
    logging.getLogger("newsmon.collect.http").setLevel(logging.INFO)       # for _Retries only
    logging.getLogger("newsmon.collect.http").propagate = False
    latency = args.latency_ms / 1000

    context = multiprocessing.get_context("spawn")
    conn, child_conn = context.Pipe()
    child = context.Process(target=_serve, args=(args.hosts, latency, child_conn), daemon=True)
    child.start()
    addresses: list[tuple[str, int]] = conn.recv()
    urls = _urls(addresses, args.pages, args.order)
    print(f"{args.pages} pages ({args.order}) over {args.hosts} hosts (127.0.0.1-{addresses[-1][0]}), "
          f"{args.latency_ms:g} ms injected latency per request, {args.runs} run(s) per configuration")
    print("conc/host    C  ideal s  wall s  wall/ideal  ok         max/host  in flight  conns  retries  "
          "aborted  cpu s  runs (s)")
    problems: list[str] = []
    notes: list[str] = []
    try:
        for concurrency, per_host in GRID:
            allowed = min(concurrency, per_host * args.hosts)
            ideal = latency * args.pages / allowed
            results = [_one_run(urls, concurrency, per_host, conn) for _ in range(args.runs)]
            walls = [r.wall for r in results]
            wall = statistics.median(walls)
            seen = max(h.max_in_flight for r in results for h in r.hosts)
            ok = min(r.ok for r in results)
            in_flight = statistics.median(sum(h.busy for h in r.hosts) / r.wall for r in results)
            retries = statistics.median(len(r.retries) for r in results)
            cpu = statistics.median(r.cpu for r in results)
            print(f"{concurrency:4d}/{per_host:<4d} {allowed:4d}  {ideal:7.2f}  {wall:6.2f}  "
                  f"{wall / ideal if ideal else float('nan'):10.2f}  {ok:4d}/{args.pages:<5d}  {seen:8d}  "
                  f"{in_flight:9.1f}  {_median(results, lambda h: h.connections):5.0f}  {retries:7.0f}  "
                  f"{_median(results, lambda h: h.aborted):7.0f}  {cpu:5.2f}  "
                  f"{', '.join(f'{w:.2f}' for w in walls)}")
            label = f"fetch_concurrency {concurrency}, max_per_host {per_host}"
            if seen > per_host:
                problems.append(f"VIOLATION: {label}: a host was handling {seen} requests at once")
            if ok < args.pages:
                problems.append(f"FAILED PAGES: {label}: only {ok} of {args.pages} pages fetched in some run")
            for r in results:
                notes.extend(f"{label}: {count} x failed: {reason}" for reason, count in r.errors.items())
                notes.extend(f"{label}: retried: {message}" for message in r.retries)
                robots = sum(h.robots for h in r.hosts)
                if robots != args.hosts:
                    notes.append(f"{label}: robots.txt fetched {robots} times, not once per host "
                                 f"({args.hosts})")
    finally:
        conn.send("stop")
        server_kib = conn.recv()
        child.join(5)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # KiB on Linux
    print(f"peak RSS: fetcher process {peak_kib / 1024:.0f} MiB, server process {server_kib / 1024:.0f} MiB")
    for line in sorted(set(notes))[:30]:
        print(line)
    for line in problems:
        print(line)
    if not any(line.startswith("VIOLATION") for line in problems):
        print("per-host limit respected: no host ever handled more than max_per_host requests at once")
    return 1 if problems else 0


def _median(results: list[RunResult], field: Callable[[HostStats], float]) -> float:
    """The median over runs of ``field`` summed over hosts."""
    return statistics.median(sum(field(h) for h in r.hosts) for r in results)


if __name__ == "__main__":
    sys.exit(main())
