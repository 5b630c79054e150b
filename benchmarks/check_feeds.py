"""Run check_feed over every file of ../shared/corpora/feeds and report outcomes, time and memory.

    PYTHONPATH=include .venv/bin/python benchmarks/check_feeds.py [--repeat 3] [--corpus DIR]   # from the repository root
"""
from __future__ import annotations

import argparse
import logging
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from newsmon.collect.feedcheck import FeedCheck, check_feed

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "feeds"


def _one_run(files: list[Path]) -> tuple[dict[Path, FeedCheck], dict[Path, float], dict[Path, str], float]:
    results: dict[Path, FeedCheck] = {}
    times: dict[Path, float] = {}
    crashes: dict[Path, str] = {}
    started = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        try:
            results[path] = check_feed(path)
        except BaseException as exc:   # counting what escapes check_feed is the point
            if isinstance(exc, KeyboardInterrupt):
                raise
            crashes[path] = f"{type(exc).__name__}: {exc}"
        times[path] = time.perf_counter() - t0
    return results, times, crashes, time.perf_counter() - started


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs over the corpus; medians are reported")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"default: {CORPUS}")
    parser.add_argument("--list-errors", metavar="TYPE", help="also list every file with this error type")
    parser.add_argument("--list-recovered", action="store_true", help="also list every file accepted despite a "
                        "survivable problem, with the problem")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.corpus.is_dir():
        print(f"no feed corpus at {args.corpus}: nothing to measure", file=sys.stderr)
        return 0
    logging.basicConfig(level=logging.CRITICAL)   # read_feed's per-feed log lines are not wanted here
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file())

    runs = [_one_run(files) for _ in range(args.repeat)]
    results, _, crashes, _ = runs[-1]
    per_file = {p: statistics.median(run[1][p] for run in runs) for p in files}
    totals = [run[3] for run in runs]
    values = list(per_file.values())
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # KiB on Linux

    ok = [r for r in results.values() if r.ok]
    errors = Counter(r.error_type for r in results.values() if not r.ok)
    print(f"corpus        {args.corpus}")
    print(f"files         {len(files)}")
    print(f"ok            {len(ok)}  ({sum(r.entries for r in ok)} entries)")
    recovered = [r for r in ok if r.recovered]
    print(f"  recovered   {len(recovered)}  ({sum(r.entries for r in recovered)} entries; "
          f"a survivable problem was tolerated)")
    print(f"  skipped     {sum(r.skipped for r in ok)} entries in {sum(1 for r in ok if r.skipped)} files")
    print(f"errors        {sum(errors.values())}")
    for error_type, count in errors.most_common():
        print(f"  {error_type:24s} {count}")
    print(f"crashes       {len(crashes)}")
    for path, text in sorted(crashes.items()):
        print(f"  {path.relative_to(args.corpus)}: {text}")
    print(f"total time    {statistics.median(totals):.2f} s  (median of {args.repeat}; "
          f"runs {', '.join(f'{t:.2f}' for t in totals)})")
    print(f"per file      median {statistics.median(values) * 1000:.2f} ms  p99 {_p99(values) * 1000:.1f} ms  "
          f"max {max(values) * 1000:.1f} ms")
    print(f"peak RSS      {peak_kib / 1024:.0f} MiB")
    print("slowest files (median ms, size, outcome):")
    for path in sorted(files, key=per_file.__getitem__, reverse=True)[:10]:
        outcome = results[path].line() if path in results else "crash"
        print(f"  {per_file[path] * 1000:7.1f}  {path.stat().st_size:9,d}  {path.relative_to(args.corpus)}  "
              f"{outcome[:60]}")
    if args.list_errors:
        for path, result in results.items():
            if result.error_type == args.list_errors:
                print(f"{path.relative_to(args.corpus)}\t{result.line()[:160]}")
    if args.list_recovered:
        for path, result in results.items():
            if result.recovered:
                print(f"{path.relative_to(args.corpus)}\t{result.line()}\t{result.recovered[:160]}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
