"""The pure decisions about one (source, day): what a run does with it, and what status says of it."""
from __future__ import annotations

from typing import Any

import pytest

from newsmon.builds import DayFacts, Plan, plan_day
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
