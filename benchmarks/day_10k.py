"""A 10,000-article day: wall time, articles per second and peak RSS of one `python -m newsmon run`.

    .venv/bin/python benchmarks/day_10k.py [--articles 10000] [--sources 20] [--runs 3] \
        [--day 2025-06-03]   # from the repository root, after `source scripts/env.sh`

Builds a local site in a temp folder from the real press releases of
``../shared/corpora/prosecutors/us_county_prosecutors_all.jsonl.gz`` (8,587 records, shuffled
with a fixed seed, then reused cyclically under distinct ids and URLs until there are --articles):
one HTML page per release (title in ``<h1>``, each line of the text a ``<p>``, an
``article:published_time`` of the day) and one RSS feed per source, the articles dealt round-robin
over --sources feeds, every item dated on --day. A ``ThreadingHTTPServer`` in this process serves
it on 127.0.0.1 (HTTP/1.1 keep-alive); the sources file says ``allow_private: true`` and
``min_delay: 0``. Each run then runs, as a subprocess and into a fresh data root,

    python -m newsmon -q run --date DAY --sources FILE --data-root ROOT

newsmon is driven only through its command line. Per run it prints the wall time, the ``articles``
rows of dt=DAY (read back from the Parquet with pyarrow) by status, articles per second (rows /
wall), CPU time, and the peak RSS of the newsmon process and its children: the kernel's
``ru_maxrss`` from ``os.wait4`` on that child (what ``getrusage(RUSAGE_CHILDREN)`` reports, but per
run rather than the maximum over every child so far). RSS is also sampled from /proc every
--sample-s seconds (the process tree), to show whether memory grows during the run. Then medians
over the runs and the verdict on the goal, peak RSS <= 1 GiB. Exits 0 with a message when
../shared is absent, 1 when a run failed or the goal was missed.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpora" / "prosecutors" / "us_county_prosecutors_all.jsonl.gz"
GOAL_MIB = 1024            # peak RSS goal: 1 GiB
SEED = 20250603


@dataclass(frozen=True)
class Release:
    """One press release of the corpus, under the id and URL path it has on the local site."""

    id: str
    title: str
    text: str
    path: str


@dataclass(frozen=True)
class Sample:
    """Memory of the newsmon process tree at one moment."""

    at: float                 # seconds since the run started
    rss_mib: float            # summed over the processes (pages shared after a fork count twice)
    pss_mib: float            # proportional set size, summed: shared pages split between sharers
    processes: int


@dataclass(frozen=True)
class Child:
    """One newsmon process, from start to exit."""

    exit_code: int
    wall: float
    cpu: float                # user + system seconds of the child and the children it waited for
    maxrss_mib: float         # the kernel's ru_maxrss (wait4): the largest single process of the tree
    samples: list[Sample]


@dataclass(frozen=True)
class RunResult:
    child: Child
    statuses: Counter[str]    # articles rows of the day by status
    skip_reasons: Counter[str]
    figures: int
    warnings: int             # WARNING lines in newsmon's log
    stderr_tail: list[str]

    @property
    def rows(self) -> int:
        return sum(self.statuses.values())

    @property
    def peak_mib(self) -> float:
        """The peak RSS of the process tree: the largest process, or the highest sampled sum if larger."""
        return max([self.child.maxrss_mib, *(s.rss_mib for s in self.child.samples)])


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"      # keep-alive, as real servers do
    # Headers and body go out in two writes: with Nagle on, the body waits for the client's delayed
    # ACK (40 ms on Linux) on every keep-alive request.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def _releases(count: int) -> list[Release]:
    """``count`` releases: the corpus shuffled with a fixed seed, reused cyclically with distinct ids."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    random.Random(SEED).shuffle(records)
    releases = []
    for n in range(count):
        record = records[n % len(records)]
        copy = n // len(records)
        suffix = f"-{copy}" if copy else ""
        releases.append(Release(id=f"{record['id']}{suffix}", title=record["title"], text=record["text"],
                                path=f"/articles/{n:05d}-{record['id']}{suffix}.html"))
    return releases


def _page(release: Release, published: datetime) -> str:
    paragraphs = "\n".join(f"<p>{escape(line.strip())}</p>" for line in release.text.splitlines() if line.strip())
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(release.title)}</title>\n"
            f'<meta property="article:published_time" content="{published.isoformat()}">'
            f"</head>\n<body><article><h1>{escape(release.title)}</h1>\n{paragraphs}\n</article></body></html>\n")


def _feed(source_id: str, base_url: str, items: list[tuple[Release, datetime]]) -> str:
    entries = "".join(
        f"<item><title>{escape(r.title)}</title><link>{base_url}{r.path}</link>"
        f'<guid isPermaLink="false">{escape(r.id)}</guid><pubDate>{format_datetime(when)}</pubDate></item>\n'
        for r, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{source_id}</title>'
            f"<link>{base_url}/</link><description>day_10k benchmark feed</description>\n{entries}"
            "</channel></rss>\n")


def _build_site(site: Path, base_url: str, releases: list[Release], sources: int, day: date) -> list[str]:
    """Write the pages, one feed per source and robots.txt; return the feed URLs."""
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    step = timedelta(days=1) / len(releases)          # every item inside [day, day + 1)
    (site / "articles").mkdir(parents=True)
    (site / "feeds").mkdir()
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    per_source: list[list[tuple[Release, datetime]]] = [[] for _ in range(sources)]
    for n, release in enumerate(releases):
        published = start + step * n
        (site / release.path.lstrip("/")).write_text(_page(release, published), encoding="utf-8")
        per_source[n % sources].append((release, published))
    urls = []
    for k, items in enumerate(per_source):
        source_id = f"day10k_{k:02d}"
        (site / "feeds" / f"{source_id}.xml").write_text(_feed(source_id, base_url, items), encoding="utf-8")
        urls.append(f"{base_url}/feeds/{source_id}.xml")
    return urls


def _write_sources(path: Path, feed_urls: list[str]) -> None:
    rows = [f"- id: {url.rsplit('/', 1)[1].removesuffix('.xml')}\n  url: {url}\n  language: en\n"
            "  enabled: true\n  allow_private: true\n  min_delay: 0\n" for url in feed_urls]
    path.write_text("".join(rows), encoding="utf-8")


@contextmanager
def _serve(site: Path) -> Iterator[tuple[_Server, str]]:
    """A threaded server over ``site``; bound (and so accepting) before it is yielded."""
    server = _Server(("127.0.0.1", 0), partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="day10k-site", daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _tree_memory(pid: int) -> Sample:
    """RSS and PSS of ``pid`` and its descendants from /proc, now (zeros once the process is gone)."""
    rss_kib = pss_kib = processes = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = " ".join(p.read_text() for p in Path(f"/proc/{current}/task").glob("*/children"))
        except OSError:
            continue
        rss_kib += _kib(status, "VmRSS:")
        pss_kib += _kib(rollup, "Pss:")
        processes += 1
        pending.extend(int(child) for child in children.split())
    return Sample(0.0, rss_kib / 1024, pss_kib / 1024, processes)


def _kib(text: str, label: str) -> int:
    """The value of the ``label`` line of a /proc file, in kB."""
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith(label)), 0)


def _sample(pid: int, every: float, stop: threading.Event, out: list[Sample]) -> None:
    started = time.perf_counter()
    while not stop.wait(every):
        now = _tree_memory(pid)
        if now.processes:
            out.append(replace(now, at=time.perf_counter() - started))


def _run_newsmon(day: date, sources: Path, root: Path, logs: Path, sample_s: float) -> Child:
    """Run newsmon once into ``root``, sampling its memory until it exits."""
    env = {**os.environ, "NEWSMON_TIMEZONE": "UTC",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "include"), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "newsmon", "-q", "run", "--date", day.isoformat(),
               "--sources", str(sources), "--data-root", str(root)]
    samples: list[Sample] = []
    stop = threading.Event()
    with (logs / "stdout.txt").open("wb") as out, (logs / "stderr.txt").open("wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=err)
        sampler = threading.Thread(target=_sample, args=(child.pid, sample_s, stop, samples), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)      # the rusage of this child alone, not of earlier runs
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        sampler.join()
    return Child(exit_code=child.returncode, wall=wall, cpu=usage.ru_utime + usage.ru_stime,
                 maxrss_mib=usage.ru_maxrss / 1024, samples=samples)      # ru_maxrss is in KiB on Linux


def _day_rows(root: Path, table: str, day: date, columns: list[str]) -> list[dict[str, Any]]:
    leaf = root / table / f"dt={day.isoformat()}"
    rows: list[dict[str, Any]] = []
    for path in sorted(leaf.glob("*.parquet")):      # staged and temporary files do not end in .parquet
        rows.extend(pq.read_table(path, columns=columns).to_pylist())
    return rows


def _one_run(index: int, work: Path, sources: Path, day: date, sample_s: float) -> RunResult:
    root, logs = work / f"data-{index}", work / f"logs-{index}"
    logs.mkdir()
    child = _run_newsmon(day, sources, root, logs, sample_s)
    articles = _day_rows(root, "articles", day, ["status", "skip_reason"])
    figures = sum(pq.read_metadata(p).num_rows for p in (root / "figures" / f"dt={day.isoformat()}").glob("*.parquet"))
    stderr = (logs / "stderr.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    return RunResult(child=child, statuses=Counter(a["status"] for a in articles),
                     skip_reasons=Counter(a["skip_reason"] for a in articles if a["skip_reason"]),
                     figures=figures, warnings=sum(line.startswith("WARNING") for line in stderr),
                     stderr_tail=stderr[-5:])


def _timeline(samples: list[Sample], wall: float) -> str:
    """The sampled tree RSS at each quarter of the run, and the highest samples."""
    if not samples:
        return "no samples"
    points = []
    for quarter in (0.25, 0.5, 0.75, 1.0):
        at = next((s for s in reversed(samples) if s.at <= quarter * wall), samples[0])
        points.append(f"{at.rss_mib:.0f}")
    return (f"RSS {'/'.join(points)} MiB at 25/50/75/100 % of the run; highest sample: "
            f"RSS {max(s.rss_mib for s in samples):.0f} MiB, PSS {max(s.pss_mib for s in samples):.0f} MiB, "
            f"{max(s.processes for s in samples)} process(es); {len(samples)} samples")


def _print_run(index: int, result: RunResult, articles: int) -> None:
    child = result.child
    statuses = ", ".join(f"{status} {n}" for status, n in sorted(result.statuses.items()))
    print(f"run {index}: exit {child.exit_code}  wall {child.wall:.1f} s  rows {result.rows}/{articles} "
          f"({statuses})  {result.rows / child.wall:.1f} articles/s  figures {result.figures}  "
          f"cpu {child.cpu:.1f} s ({child.cpu / child.wall:.2f} cores)  peak RSS {result.peak_mib:.0f} MiB "
          f"(ru_maxrss {child.maxrss_mib:.0f})  log warnings {result.warnings}")
    print(f"       {_timeline(child.samples, child.wall)}")
    for reason, n in result.skip_reasons.most_common(5):
        print(f"       {n} x {reason}")
    if child.exit_code != 0:
        print("       stderr: " + " | ".join(result.stderr_tail))


def _print_summary(results: list[RunResult], articles: int) -> bool:
    """Medians and the verdict; True when every run succeeded and the goal was met."""
    median = statistics.median
    walls = [r.child.wall for r in results]
    peak = max(r.peak_mib for r in results)
    print(f"median of {len(results)}: wall {median(walls):.1f} s  "
          f"{median([r.rows / r.child.wall for r in results]):.1f} articles/s  "
          f"{median([1000 * r.child.wall / max(r.rows, 1) for r in results]):.1f} ms/article  "
          f"cpu {median([r.child.cpu for r in results]):.1f} s  "
          f"peak RSS {median([r.peak_mib for r in results]):.0f} MiB (max {peak:.0f})  "
          f"runs {', '.join(f'{w:.1f}' for w in walls)} s")
    ok = all(r.child.exit_code == 0 and r.rows == articles for r in results)
    met = peak <= GOAL_MIB
    print(f"goal peak RSS <= 1 GiB ({GOAL_MIB} MiB): {'met' if met else 'NOT met'} "
          f"(highest peak {peak:.0f} MiB, {peak / GOAL_MIB:.0%} of the goal)")
    if not ok:
        print("FAILED: a run exited non-zero or wrote fewer articles rows than articles listed")
    return ok and met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10000, help="articles on the day (default 10000)")
    parser.add_argument("--sources", type=int, default=20, help="feeds the articles are spread over (default 20)")
    parser.add_argument("--runs", type=int, default=3, help="runs, each into a fresh data root (default 3)")
    parser.add_argument("--day", type=date.fromisoformat, default=date(2025, 6, 3), help="default 2025-06-03")
    parser.add_argument("--sample-s", type=float, default=0.5, help="seconds between memory samples (default 0.5)")
    args = parser.parse_args(argv)
    if args.articles < 1 or not 1 <= args.sources <= 100 or args.runs < 1 or args.sample_s <= 0:
        parser.error("--articles and --runs must be at least 1, --sources 1 to 100, --sample-s positive")
    if not CORPUS.is_file():
        print(f"{CORPUS} is absent (../shared is not here): nothing to measure")
        return 0
    releases = _releases(args.articles)
    with tempfile.TemporaryDirectory(prefix="newsmon-day10k-") as tmp, _serve(Path(tmp) / "site") as (_, base):
        work = Path(tmp)
        started = time.perf_counter()
        feeds = _build_site(work / "site", base, releases, args.sources, args.day)
        _write_sources(work / "sources.yaml", feeds)
        size = sum(p.stat().st_size for p in (work / "site").rglob("*") if p.is_file())
        print(f"{args.articles} articles ({len({r.text for r in releases})} distinct texts) over "
              f"{args.sources} feeds, all dated {args.day}, {size / 2**20:.0f} MiB of HTML served at {base}; "
              f"site built in {time.perf_counter() - started:.1f} s; {os.cpu_count()} cores")
        results = []
        for index in range(1, args.runs + 1):
            results.append(_one_run(index, work, work / "sources.yaml", args.day, args.sample_s))
            _print_run(index, results[-1], args.articles)
    return 0 if _print_summary(results, args.articles) else 1


if __name__ == "__main__":
    sys.exit(main())
