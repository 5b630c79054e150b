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

newsmon is driven only through its command line. Per run it prints the wall time (until newsmon
exits), the ``articles`` rows of dt=DAY (read back from the Parquet with pyarrow) by status,
articles per second (rows / wall), the CPU time of newsmon and every process it started, and the
peak RSS of that process tree. This process makes itself a child subreaper, so what newsmon leaves
running when it exits (a page pool's fork server and workers) is re-parented here and reaped with
``os.wait4``: the CPU is exact, and so is ``ru_maxrss``, the largest single process (the kernel's
figure behind ``getrusage(RUSAGE_CHILDREN)``, taken per run). A tree's peak is a sum, which the
kernel does not keep, so /proc is also polled every --sample-s seconds (VmRSS, PSS, VmHWM of each
process): the peak is printed as a range, from the highest sampled sum (or the largest process)
up to the sum of each process's own peak (VmHWM), which no moment can have exceeded (of the
processes the samples saw). The samples also show whether memory grows during the run. "other
load" is the mean number of cores that other programs kept busy meanwhile (/proc/stat): they slow
a run on a small machine. Then medians over the runs and the verdict on the goal, peak RSS <= 1 GiB,
judged on the upper end. Exits 0 with a message when ../shared is absent, 1 when a run failed, left
processes running or missed the goal.
"""
from __future__ import annotations

import argparse
import ctypes
import gzip
import json
import os
import random
import resource
import select
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
PR_SET_CHILD_SUBREAPER = 36
ORPHAN_TIMEOUT_S = 30.0    # how long the processes newsmon leaves behind may take to exit


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
    hwm_mib: dict[int, float]  # each process's own peak RSS so far (VmHWM), by pid


@dataclass(frozen=True)
class Child:
    """One newsmon process, from start to exit."""

    exit_code: int
    wall: float               # until newsmon itself exits
    cpu: float                # user + system seconds of newsmon and every descendant (all are reaped)
    maxrss_mib: float         # the kernel's ru_maxrss (wait4): the largest single process of the tree
    peaks_mib: float          # every process's own peak RSS, summed: the tree never held more at once
    samples: list[Sample]
    orphans: int              # descendants still running when newsmon exited
    orphans_alive: int        # ... and still running ORPHAN_TIMEOUT_S later
    orphans_exit_s: float     # seconds from newsmon's exit until the last of them exited
    others_cores: float       # mean cores busy with other work meanwhile (not newsmon, not this process)


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
    def peak_low(self) -> float:
        """The tree's peak RSS was at least this: its largest process, or the highest sampled sum."""
        return max([self.child.maxrss_mib, *(s.rss_mib for s in self.child.samples)])

    @property
    def peak_high(self) -> float:
        """... and at most this (the processes' own peaks need not have coincided)."""
        return max(self.peak_low, self.child.peaks_mib)


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


def _tree_memory(roots: list[int]) -> Sample:
    """RSS and PSS of the processes ``roots`` and their descendants from /proc, now."""
    rss_kib = pss_kib = processes = 0
    hwm: dict[int, float] = {}
    pending = list(roots)
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = " ".join(p.read_text() for p in Path(f"/proc/{current}/task").glob("*/children"))
        except OSError:          # it exited meanwhile
            continue
        rss_kib += _kib(status, "VmRSS:")
        pss_kib += _kib(rollup, "Pss:")
        hwm[current] = _kib(status, "VmHWM:") / 1024
        processes += 1
        pending.extend(int(child) for child in children.split())
    return Sample(0.0, rss_kib / 1024, pss_kib / 1024, processes, hwm)


def _sum_of_peaks(samples: list[Sample], pid: int, maxrss_mib: float) -> float:
    """Every process's own peak RSS (its last VmHWM seen; ``pid``'s at least ``maxrss_mib``), summed."""
    peaks: dict[int, float] = {}
    for sample in samples:
        for process, hwm in sample.hwm_mib.items():
            peaks[process] = max(peaks.get(process, 0.0), hwm)
    peaks[pid] = max(peaks.get(pid, 0.0), maxrss_mib)
    return sum(peaks.values())


def _children() -> list[int]:
    """This process's child processes (newsmon, and what it left behind; zombies included)."""
    listed = " ".join(p.read_text() for p in Path("/proc/self/task").glob("*/children"))
    return [int(pid) for pid in listed.split()]


def _busy_seconds() -> float:
    """CPU seconds the whole machine has been busy since boot, every core summed (/proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _become_subreaper() -> None:
    """Make the descendants newsmon leaves behind when it exits (a pool's fork server and its workers)
    children of this process, so that they are waited for here and their CPU and RSS are counted."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def _reap_orphans(deadline: float) -> tuple[list[Any], list[int]]:
    """Wait until ``deadline`` (monotonic) for each descendant newsmon left behind, re-listing this
    process's children as exiting parents hand theirs over; the rusage of each, and those still alive."""
    usages: list[Any] = []
    alive: list[int] = []
    while pending := [pid for pid in _children() if pid not in alive]:
        for pid in pending:
            if _exits_by(pid, deadline):
                usages.append(os.wait4(pid, 0)[2])
            else:
                alive.append(pid)
    return usages, alive


def _exits_by(pid: int, deadline: float) -> bool:
    """Whether ``pid`` (a child) has exited by ``deadline``: a pidfd turns readable when it does."""
    fd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
    finally:
        os.close(fd)
    return bool(ready)


def _kib(text: str, label: str) -> int:
    """The value of the ``label`` line of a /proc file, in kB."""
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith(label)), 0)


def _sample(every: float, stop: threading.Event, out: list[Sample]) -> None:
    """Every ``every`` seconds until ``stop``, the memory of this process's children and their trees."""
    started = time.perf_counter()
    while not stop.wait(every):
        now = _tree_memory(_children())
        if now.processes:
            out.append(replace(now, at=time.perf_counter() - started))


def _run_newsmon(day: date, sources: Path, root: Path, logs: Path, sample_s: float) -> Child:
    """Run newsmon once into ``root``, sampling its memory until it and everything it started exited."""
    env = {**os.environ, "NEWSMON_TIMEZONE": "UTC",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "include"), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "newsmon", "-q", "run", "--date", day.isoformat(),
               "--sources", str(sources), "--data-root", str(root)]
    samples: list[Sample] = []
    stop = threading.Event()
    sampler = threading.Thread(target=_sample, args=(sample_s, stop, samples), daemon=True)
    with (logs / "stdout.txt").open("wb") as out, (logs / "stderr.txt").open("wb") as err:
        busy, own, started = _busy_seconds(), _own_cpu(), time.perf_counter()
        child = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=err)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)      # the rusage of this child alone, not of earlier runs
        exited = time.perf_counter()
        child.returncode = os.waitstatus_to_exitcode(status)
    orphans = _tree_memory(_children()).processes
    left, alive = _reap_orphans(time.monotonic() + ORPHAN_TIMEOUT_S)
    reaped = time.perf_counter()
    stop.set()
    sampler.join()
    usages = [usage, *left]
    cpu = sum(u.ru_utime + u.ru_stime for u in usages)
    others = _busy_seconds() - busy - cpu - (_own_cpu() - own)
    return Child(exit_code=child.returncode, wall=exited - started, cpu=cpu,
                 maxrss_mib=max(u.ru_maxrss for u in usages) / 1024,      # ru_maxrss is in KiB on Linux
                 peaks_mib=_sum_of_peaks(samples, child.pid, usage.ru_maxrss / 1024), samples=samples, orphans=orphans, orphans_alive=len(alive),
                 orphans_exit_s=reaped - exited if orphans else 0.0,
                 others_cores=max(0.0, others) / (reaped - started))


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
          f"cpu {child.cpu:.1f} s ({child.cpu / child.wall:.2f} cores)  peak RSS {result.peak_low:.0f}"
          f"-{result.peak_high:.0f} MiB (largest process {child.maxrss_mib:.0f})  log warnings {result.warnings}  "
          f"other load {child.others_cores:.2f} cores")
    print(f"       {_timeline(child.samples, child.wall)}")
    if child.orphans:
        print(f"       {child.orphans} process(es) still running when newsmon exited; the last exited "
              f"{child.orphans_exit_s:.2f} s later" + (f", {child.orphans_alive} still alive after "
                                                      f"{ORPHAN_TIMEOUT_S:g} s" if child.orphans_alive else ""))
    for reason, n in result.skip_reasons.most_common(5):
        print(f"       {n} x {reason}")
    if child.exit_code != 0:
        print("       stderr: " + " | ".join(result.stderr_tail))


def _print_summary(results: list[RunResult], articles: int) -> bool:
    """Medians and the verdict; True when every run succeeded and the goal was met."""
    median = statistics.median
    walls = [r.child.wall for r in results]
    low, high = max(r.peak_low for r in results), max(r.peak_high for r in results)
    print(f"median of {len(results)}: wall {median(walls):.1f} s  "
          f"{median([r.rows / r.child.wall for r in results]):.1f} articles/s  "
          f"{median([1000 * r.child.wall / max(r.rows, 1) for r in results]):.1f} ms/article  "
          f"cpu {median([r.child.cpu for r in results]):.1f} s  "
          f"peak RSS {median([r.peak_low for r in results]):.0f}-{median([r.peak_high for r in results]):.0f} MiB  "
          f"runs {', '.join(f'{w:.1f}' for w in walls)} s")
    ok = all(r.child.exit_code == 0 and r.rows == articles and not r.child.orphans_alive for r in results)
    verdict = "met" if high <= GOAL_MIB else "NOT met" if low > GOAL_MIB else "undecided"
    print(f"goal peak RSS <= 1 GiB ({GOAL_MIB} MiB): {verdict} (highest peak of any run {low:.0f}-{high:.0f} MiB, "
          f"at most {high / GOAL_MIB:.0%} of the goal)")
    if not ok:
        print("FAILED: a run exited non-zero, wrote fewer articles rows than articles listed, "
              "or left processes running")
    return ok and high <= GOAL_MIB


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
    _become_subreaper()
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
