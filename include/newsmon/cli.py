"""Command line: ``python -m newsmon run|backfill|status|extract|evaluate|demo``. Prints for people; the library itself never prints."""
from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsmon.config import Settings
from newsmon.errors import ConfigError, NewsmonError, RunCheckError

if TYPE_CHECKING:
    from newsmon.store.files import Store
    from newsmon.store.reports import DayStatus

# Each command imports what it needs when it runs: `--help` or `evaluate` never load pyarrow,
# httpx or trafilatura.

_SUMMARY_TABLES = ("articles", "figures", "entities", "duplicates")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s", force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)    # it logs every request at INFO
    try:
        result: int = args.handler(args)
        return result
    except RunCheckError as exc:
        print(f"run failed its checks: {exc}", file=sys.stderr)
        return 1
    except NewsmonError as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m newsmon", description=__doc__)
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors in the log")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run the daily pipeline for one date, without Airflow")
    run.add_argument("--date", required=True, type=_iso_date, help="the day to collect, YYYY-MM-DD")
    _add_data_arguments(run, reprocess=True)
    run.set_defaults(handler=_run)

    back = sub.add_parser("backfill", help="run the pipeline for every date of a range, oldest first")
    _add_range_arguments(back)
    _add_data_arguments(back, reprocess=True)
    back.set_defaults(handler=_backfill)

    status = sub.add_parser("status", help="say, per date, whether its partitions are complete")
    _add_range_arguments(status)
    _add_data_arguments(status, reprocess=False)
    status.set_defaults(handler=_status)

    ext = sub.add_parser("extract", help="extract figures and entities from a *.docs.jsonl file")
    ext.add_argument("input", type=Path, help="documents, one JSON object per line: id, published, text")
    ext.add_argument("-o", "--output", type=Path, required=True, help="predictions in the gold format")
    ext.set_defaults(handler=_extract)

    ev = sub.add_parser("evaluate", help="run the extractor on documents and score it against gold")
    ev.add_argument("--docs", type=Path, required=True, action="append",
                    help="documents (*.docs.jsonl); give it once per set to score several sets, each on its own")
    ev.add_argument("--gold", type=Path, action="append",
                    help="gold annotations, one per --docs in the same order (default: X.gold.jsonl beside X.docs.jsonl)")
    ev.add_argument("--errors", type=int, default=0, metavar="N", help="also list up to N missed and N spurious figures")
    ev.add_argument("--predictions", type=Path, help="also write the predictions to this file")
    ev.set_defaults(handler=_evaluate)

    demo = sub.add_parser("demo", help="run the daily DAG on the bundled sample site, served on 127.0.0.1")
    demo.add_argument("--date", type=_iso_date, default=date(2025, 1, 16), help="default: 2025-01-16")
    demo.add_argument("--data-root", help="output root (default: $NEWSMON_DATA_ROOT or ./data)")
    demo.add_argument("--port", type=int, default=8765,
                      help="port of the sample site on 127.0.0.1 (default 8765). It is part of every sample URL, "
                           "so keep it fixed between runs into one data root")
    demo.add_argument("--no-airflow", action="store_true", help="run the pipeline directly instead of the DAG")
    demo.set_defaults(handler=_demo)

    check = sub.add_parser("check-feed", help="say whether feed files parse: one line per file, "
                                              "'<path><TAB>ok <entries>' or '<path><TAB>error <ErrorType>: <message>'")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="feed files, checked in this order")
    check.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                       help="give up parsing one file after this long (default 10; 0 for no limit)")
    check.set_defaults(handler=_check_feed)
    return parser


def _add_range_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", required=True, type=_iso_date, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="last", required=True, type=_iso_date, help="last day, YYYY-MM-DD (included)")


def _add_data_arguments(parser: argparse.ArgumentParser, *, reprocess: bool) -> None:
    parser.add_argument("--sources", type=Path, help="sources YAML (default: $NEWSMON_SOURCES or the sample)")
    parser.add_argument("--data-root", help="output root (default: $NEWSMON_DATA_ROOT or ./data)")
    if reprocess:
        parser.add_argument("--reprocess", action="store_true", help="rebuild from stored raw bytes, no HTTP")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    changes: dict[str, Any] = {}
    if getattr(args, "sources", None):
        changes["sources_path"] = args.sources
    if getattr(args, "data_root", None):
        changes["data_root"] = args.data_root
    return dataclasses.replace(settings, **changes)


def _run(args: argparse.Namespace) -> int:
    from newsmon import pipeline
    from newsmon.runtime import Runtime

    settings = _settings(args)
    with Runtime(settings) as runtime:
        reports, expected = pipeline.run_day(runtime, args.date, reprocess=args.reprocess)
        for report in reports:
            line = f"{report['source_id']:24s} {report['status']:6s} entries {report['entries_in_day']:3d}  " \
                   f"articles {report['articles_extracted']:3d}  figures {report['figures']:3d}"
            print(line + (f"  {report['error']}" if report["error"] else "") + _late_note(report)
                  + _reach_note([report], args.date))
        summary = pipeline.check_run(reports, expected, args.date, settings)
        _print_summary(runtime.store, args.date, summary)
    return 0


def _late_note(report: dict[str, Any]) -> str:
    """The earlier days a source's run rebuilt, with the late entries it added to each."""
    added = [f"{r['day']} +{r['entries_new']}" for r in report.get("lookbacks", [])]
    note = "  (nothing stored for this day)" if report["status"] == "empty" else ""
    return note + ("  late entries added: " + ", ".join(added) if added else "")


def _days(args: argparse.Namespace) -> list[date]:
    if args.last < args.first:
        raise ConfigError(f"--to {args.last} is before --from {args.first}")
    return [args.first + timedelta(days=n) for n in range((args.last - args.first).days + 1)]


def _reach_note(reports: list[dict[str, Any]], day: date) -> str:
    """Say which sources list nothing as old as ``day``: a backfill cannot fill what they no longer list."""
    short = [f"{r['source_id']} reaches back only to {r['reaches_back_to']}" for r in reports
             if r.get("reaches_back_to") and r["reaches_back_to"] > day.isoformat()]
    return ("  (" + "; ".join(short) + ")") if short else ""


def _backfill(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from newsmon import pipeline
    from newsmon.runtime import Runtime

    settings = _settings(args)
    days = _days(args)
    failed: list[str] = []
    with Runtime(settings) as runtime, tqdm(days, unit="day", disable=None, file=sys.stderr) as bar:
        for day in bar:
            bar.set_description(day.isoformat())
            reports, expected = pipeline.run_day(runtime, day, reprocess=args.reprocess)
            try:
                summary = pipeline.check_run(reports, expected, day, settings)
                line = f"{day}  ok      articles {summary['articles']:4d}  figures {summary['figures']:4d}"
                if summary["failed_sources"]:
                    line += "  failed sources: " + ", ".join(summary["failed_sources"])
            except RunCheckError as exc:
                failed.append(day.isoformat())
                line = f"{day}  failed  {exc}"
            tqdm.write(line + _reach_note(reports, day), file=sys.stdout)
    print(f"backfilled {len(days) - len(failed)} of {len(days)} days" + (
        f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


def _status(args: argparse.Namespace) -> int:
    from newsmon.runtime import Runtime
    from newsmon.store.reports import day_status

    runtime = Runtime(_settings(args))   # starts no process: status reads, it builds nothing
    store, expected = runtime.store, runtime.enabled_source_ids()
    for day in _days(args):
        state = day_status(store, day, expected)
        made = state.made_at.strftime("%Y-%m-%dT%H:%M:%SZ") if state.made_at else "never"
        rows = "  ".join(f"{table} {n}" for table, n in state.rows.items())
        line = (f"{day}  {state.state:12s}  sources {len(state.sources_in('ok'))}/{len(expected)}  {rows}"
                f"  made {made}  extractor {','.join(state.versions) or '-'}")
        print(line + _status_note(state))
    return 0


def _status_note(state: DayStatus) -> str:
    """Which sources keep a day from being complete, and why."""
    if state.state == "lookback":
        return "  not run itself; late entries from later days' runs: " + ", ".join(state.sources_in("lookback"))
    if not state.sources_in("ok", "lookback", "failed", "inconsistent", "unverified"):
        return ""               # nothing stored at all: the day was never run
    groups = [(label, state.sources_in(label)) for label in
              ("inconsistent", "failed", "missing", "unverified", "lookback")]
    return "".join(f"  {label}: {', '.join(names)}" for label, names in groups if names)


def _extract(args: argparse.Namespace) -> int:
    from newsmon.extract import extract, to_gold
    from newsmon.extract.documents import read_documents

    count = 0
    with args.output.open("w", encoding="utf-8") as out:
        for doc in read_documents(args.input):
            prediction = {"id": doc.id, **to_gold(extract(doc.text, doc.published))}
            out.write(json.dumps(prediction, ensure_ascii=False) + "\n")
            count += 1
    print(f"wrote predictions for {count} documents to {args.output}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    golds = args.gold or [_gold_beside(docs) for docs in args.docs]
    if len(golds) != len(args.docs):
        raise ConfigError(f"{len(args.docs)} --docs but {len(golds)} --gold: give one gold file per set, or none")
    if args.predictions and len(args.docs) > 1:
        raise ConfigError("--predictions takes one set of documents")
    for index, (docs, gold) in enumerate(zip(args.docs, golds, strict=True)):
        if len(args.docs) > 1:
            print(("\n" if index else "") + f"== {docs}")
        _evaluate_set(docs, gold, args.errors, args.predictions if len(args.docs) == 1 else None)
    return 0


def _gold_beside(docs: Path) -> Path:
    if not docs.name.endswith(".docs.jsonl"):
        raise ConfigError(f"cannot tell the gold file of {docs}: name it *.docs.jsonl or pass --gold")
    return docs.with_name(docs.name.removesuffix(".docs.jsonl") + ".gold.jsonl")


def _evaluate_set(docs_path: Path, gold_path: Path, errors: int, predictions_path: Path | None) -> None:
    from newsmon.extract import evaluate, extract, format_report, read_documents, read_gold, to_gold

    gold = read_gold(gold_path)
    docs = list(read_documents(docs_path))
    predicted: dict[str, dict[str, Any]] = {}
    elapsed = 0.0
    for doc in docs:
        started = time.perf_counter()
        found = extract(doc.text, doc.published)
        elapsed += time.perf_counter() - started
        predicted[doc.id] = {"id": doc.id, **to_gold(found)}
    if predictions_path:
        with predictions_path.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in predicted.values())
    report = evaluate(gold, predicted)
    print(format_report(report, docs_per_second=len(docs) / elapsed if elapsed else None))
    for label, items in (("missed", report.missed), ("spurious", report.spurious)):
        for doc_id, figure in items[:errors]:
            shown = figure.get("quote") or {k: figure.get(k) for k in ("action", "measure", "unit", "value")}
            print(f"{label:8s} {doc_id}: {shown}")


def _demo(args: argparse.Namespace) -> int:
    from newsmon import pipeline
    from newsmon.runtime import Runtime
    from newsmon.sample import SAMPLE_SOURCES, SampleSite
    from newsmon.store.files import open_store

    settings = dataclasses.replace(_settings(args), sources_path=SAMPLE_SOURCES)
    try:
        site = SampleSite.start(port=args.port)
    except OSError as exc:
        print(f"error: cannot serve the sample site on 127.0.0.1:{args.port} ({exc}); "
              "choose another --port", file=sys.stderr)
        return 2
    with site:
        base_url = site.base_url
        os.environ["NEWSMON_SAMPLE_URL"] = base_url
        os.environ["NEWSMON_SOURCES"] = str(SAMPLE_SOURCES)
        os.environ["NEWSMON_DATA_ROOT"] = settings.data_root
        print(f"serving the sample site at {base_url}")
        if args.no_airflow:
            with Runtime(settings) as runtime:
                reports, expected = pipeline.run_day(runtime, args.date)
            summary = pipeline.check_run(reports, expected, args.date, settings)
        else:
            summary = None
            # A manual run of a data-interval DAG at logical date D+1 covers the interval [D, D+1).
            run_date = (args.date + timedelta(days=1)).isoformat()
            print(f"airflow dags test news_monitor_daily {run_date}  (data interval {args.date} .. {run_date})")
            command = [sys.executable, "-m", "airflow", "dags", "test", "news_monitor_daily", run_date]
            done = subprocess.run(command, check=False)
            if done.returncode != 0:
                print(f"error: the DAG run failed (exit {done.returncode})", file=sys.stderr)
                return 1
    _print_summary(open_store(settings.data_root), args.date, summary)
    return 0


def _check_feed(args: argparse.Namespace) -> int:
    """Exit 0 when every file parsed as a feed, 1 when any did not; never a traceback for a bad file."""
    from newsmon.collect.feedcheck import check_feed

    failed = 0
    for path in args.paths:
        result = check_feed(path, timeout=args.timeout or None)
        shown = str(path).encode("utf-8", "backslashreplace").decode("utf-8")   # undecodable names too
        print(f"{shown}\t{result.line()}", flush=True)
        failed += not result.ok
    return 1 if failed else 0


def _print_summary(store: Store, day: date, summary: dict[str, Any] | None) -> None:
    from newsmon.store.readers import read_day

    print(f"\nParquet written under {store.uri} for dt={day.isoformat()}:")
    tables = {table: read_day(store, table, day) for table in _SUMMARY_TABLES}
    for table, rows in tables.items():
        print(f"  {table:10s} {rows.num_rows:5d} rows  {store.root}/{table}/dt={day.isoformat()}/")
    actions = Counter(tables["figures"].column("action").to_pylist())
    if actions:
        print("  figures by action: " + ", ".join(f"{a} {n}" for a, n in sorted(actions.items())))
    copies = sum(relation != "original" for relation in tables["duplicates"].column("relation").to_pylist())
    if copies:
        print(f"  copies of an earlier article (exact or near): {copies}")
    if summary and summary["late_entries"]:
        print(f"  late entries added to earlier days: {summary['late_entries']} "
              f"(dt={', dt='.join(summary['late_days'])})")
    if summary and summary["failed_sources"]:
        print(f"  failed sources: {', '.join(summary['failed_sources'])}")
