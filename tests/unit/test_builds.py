"""The pure decisions about one (source, day): what a run does with it, and what status says of it."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from newsmon.builds import DayFacts, PagePlan, Plan, keep_attempts, plan_day, plan_pages
from newsmon.models import RawDocument
from newsmon.store.commits import State
from newsmon.store.reports import RunKind, SourceState, overall_state, source_state


def _facts(kind: RunKind, state: State = "committed", *, unchanged: bool = False, holds: bool = False,
           late: int = 0) -> DayFacts:
    return DayFacts(kind=kind, state=state, listing_unchanged=unchanged, holds_listing=holds, late_entries=late)


@pytest.mark.parametrize(("facts", "plan"), [
    (_facts("run", unchanged=True, holds=True), "unchanged"),             # nothing new: report the stored counts
    (_facts("run", unchanged=True, holds=False), "rebuild"),              # a failed page to retry, or a new day
    (_facts("run", "unverified", unchanged=True, holds=True), "rebuild"),  # leaves without a manifest
    (_facts("run"), "rebuild"),                                            # the listing changed
    (_facts("lookback", unchanged=True, holds=True), "leave"),
    (_facts("lookback"), "leave"),                                         # changed, but nothing of this day
    (_facts("lookback", late=1), "rebuild"),                               # an entry its articles lack
    (_facts("lookback", "absent", late=2), "rebuild"),
    (_facts("lookback", "absent"), "leave"),
    (_facts("lookback", "broken"), "rebuild"),
    (_facts("lookback", "unverified"), "rebuild"),
    (_facts("reprocess"), "rebuild"),
    (_facts("reprocess", "unverified"), "rebuild"),
    (_facts("reprocess", "absent"), "empty"),
])
def test_plan_day(facts: DayFacts, plan: Plan) -> None:
    assert plan_day(facts) == plan


def _row(status: str = "ok", kind: str = "run") -> dict[str, Any]:
    return {"status": status, "run_kind": kind}


@pytest.mark.parametrize(("commit_state", "history", "expected"), [
    ("committed", [_row()], "ok"),
    ("committed", [_row(kind="lookback")], "lookback"),
    ("committed", [_row(kind="lookback"), _row(kind="reprocess")], "lookback"),
    ("committed", [_row(), _row(kind="lookback")], "ok"),                  # run, then a late entry added
    ("committed", [_row(), _row("failed")], "failed"),
    ("committed", [_row("failed"), _row()], "ok"),
    ("committed", [_row(), _row("empty", "reprocess")], "ok"),
    ("committed", [], "ok"),                                               # killed after the commit, before the report
    ("publishing", [_row()], "inconsistent"),
    ("broken", [_row()], "inconsistent"),
    ("unverified", [_row()], "unverified"),
    ("absent", [], "missing"),
    ("absent", [_row("empty", "reprocess")], "missing"),
])
def test_source_state(commit_state: str, history: list[dict[str, Any]], expected: SourceState) -> None:
    assert source_state(commit_state, history) == expected


@pytest.mark.parametrize(("states", "day"), [
    (["ok", "ok"], "complete"),
    (["ok", "inconsistent"], "inconsistent"),
    (["ok", "unverified"], "unverified"),
    (["lookback", "missing"], "lookback"),
    (["lookback", "ok"], "incomplete"),
    (["ok", "failed"], "incomplete"),
    (["missing", "missing"], "incomplete"),
    ([], "incomplete"),
])
def testoverall_state(states: list[SourceState], day: str) -> None:
    assert overall_state(states) == day


# ------------------------------------------------------------------ which pages a rebuild reuses or fetches

def _page(url: str, error: str | None = None, body: bytes = b"<p>text</p>") -> RawDocument:
    return RawDocument(source_id="wire", kind="page", url=url, final_url=url, status=0 if error else 200,
                       content_type="text/html", etag=None, last_modified=None,
                       fetched_at=datetime(2025, 6, 2, tzinfo=UTC), sha256=f"{url}:{error}:{body!r}",
                       body=b"" if error else body, error=error)


def test_stored_pages_are_reused_and_failed_or_missing_ones_fetched_in_order() -> None:
    stored = {"a": _page("a"), "b": _page("b", "HTTP 503")}
    plan = plan_pages(["c", "a", "b", "c"], stored, fetching=True)
    assert plan == PagePlan(reuse=("a",), fetch=("c", "b"))


def test_a_reprocess_fetches_nothing() -> None:
    plan = plan_pages(["a", "b"], {"a": _page("a"), "b": _page("b", "timeout")}, fetching=False)
    assert plan == PagePlan(reuse=("a",), fetch=())


def test_a_retry_that_succeeds_replaces_the_failure_and_one_failing_the_same_way_keeps_the_first() -> None:
    failed, again, other = _page("b", "HTTP 503"), _page("b", "HTTP 503", b"later"), _page("c", "HTTP 404")
    documents = {(d.kind, d.url, d.sha256): d for d in (_page("a"), failed, other)}
    fixed = _page("b")
    kept = keep_attempts(documents, [fixed, _page("c", "HTTP 410")])
    assert sorted((d.url, d.error) for d in kept.values()) == [("a", None), ("b", None), ("c", "HTTP 410")]
    same = keep_attempts(documents, [again])
    assert same == documents and same is not documents          # the first failure's record, unchanged
    assert keep_attempts(documents, [_page("d")]).keys() == {*documents, ("page", "d", _page("d").sha256)}
