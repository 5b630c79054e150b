"""Per-host slots and robots.txt rules, without a network."""
from __future__ import annotations

import threading

import pytest

from newsmon.collect.politeness import HostGate, RobotsRules, host_of, origin_of

UA = "newsmon/0.1 (+https://example.org/newsmon)"


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_starts_to_one_host_are_spaced_by_the_minimum_delay() -> None:
    time = FakeTime()
    gate = HostGate(1, clock=time.clock, sleep=time.sleep)
    for _ in range(3):
        with gate.slot("a.example", 1.5):
            time.now += 0.2                       # the request itself
    assert time.slept == [1.3, 1.3]


def test_hosts_do_not_wait_for_each_other() -> None:
    time = FakeTime()
    gate = HostGate(1, clock=time.clock, sleep=time.sleep)
    for host in ("a.example", "b.example", "c.example"):
        with gate.slot(host, 5.0):
            pass
    assert time.slept == []


def test_waiting_threads_reserve_start_times_in_turn() -> None:
    """Two slots, no delay... but with a delay of 2 s, the third reservation starts 4 s later."""
    time = FakeTime()
    gate = HostGate(3, clock=time.clock, sleep=lambda s: time.slept.append(s))
    with gate.slot("a", 2.0), gate.slot("a", 2.0), gate.slot("a", 2.0):
        pass
    assert time.slept == [2.0, 4.0]


def test_no_more_than_max_per_host_requests_run_at_once() -> None:
    gate = HostGate(2)
    active, peak, lock = 0, 0, threading.Lock()
    two_in = threading.Event()

    def request() -> None:
        nonlocal active, peak
        with gate.slot("a", 0.0):
            with lock:
                active += 1
                peak = max(peak, active)
                if active == 2:
                    two_in.set()
            two_in.wait(timeout=5)      # the first two hold their slots until both are in
            with lock:
                active -= 1

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert two_in.is_set() and peak == 2


def test_gate_rejects_zero_slots() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        HostGate(0)


def test_host_and_origin_keys() -> None:
    assert host_of("https://User:pw@News.Example.org:8443/a?b") == "news.example.org:8443"
    assert origin_of("HTTPS://News.Example.org/a") == "https://news.example.org"


ROBOTS = b"""# a comment
User-agent: otherbot
Disallow: /

User-agent: newsmon
Disallow: /private/
Allow: /private/press/
Crawl-delay: 4

User-agent: *
Disallow: /
"""


@pytest.mark.parametrize(("path", "refusal"), [
    ("/news/1.html", None),
    ("/private/memo.html", "disallowed by robots.txt"),
    ("/private/press/release.html", None),
])
def test_robots_group_for_newsmon_decides(path: str, refusal: str | None) -> None:
    rules = RobotsRules.parse("https://a.example", ROBOTS)
    assert rules.refusal_for(f"https://a.example{path}", UA) == refusal


def test_robots_crawl_delay_is_read_and_capped() -> None:
    assert RobotsRules.parse("https://a.example", ROBOTS).crawl_delay(UA) == 4.0
    slow = RobotsRules.parse("https://a.example", b"User-agent: *\nCrawl-delay: 86400\n")
    assert slow.crawl_delay(UA) == 60.0


def test_robots_for_everyone_else_applies_to_newsmon() -> None:
    rules = RobotsRules.parse("https://a.example", b"User-agent: *\nDisallow: /search\n")
    assert rules.refusal_for("https://a.example/search?q=x", UA) == "disallowed by robots.txt"
    assert rules.refusal_for("https://a.example/story", UA) is None


def test_garbage_robots_allows_everything() -> None:
    rules = RobotsRules.parse("https://a.example", b"<html><body>Welcome!</body></html>\xff\xfe")
    assert rules.refusal_for("https://a.example/any", UA) is None


def test_robots_4xx_allows_and_unreachable_refuses() -> None:
    assert RobotsRules.unavailable("https://a.example").refusal_for("https://a.example/x", UA) is None
    refusal = RobotsRules.unreachable("https://a.example", "HTTP 503").refusal_for("https://a.example/x", UA)
    assert refusal == "robots.txt of https://a.example unreachable (HTTP 503)"


@pytest.mark.parametrize(("pattern", "path", "match"), [
    ("/fish", "/fish.html", True), ("/fish", "/Fish.html", False), ("/fish*.php", "/fish/salmon.php", True),
    ("/*.php$", "/index.php", True), ("/*.php$", "/index.php?x=1", False), ("/fish/", "/fish", False),
    ("/a%20b", "/a b", True),
])
def test_robots_path_patterns(pattern: str, path: str, match: bool) -> None:
    rules = RobotsRules.parse("https://a.example", f"User-agent: *\nDisallow: {pattern}\n".encode())
    refused = rules.refusal_for(f"https://a.example{path}", UA) is not None
    assert refused is match


def test_consecutive_user_agent_lines_share_a_group_and_an_empty_disallow_allows() -> None:
    rules = RobotsRules.parse("https://a.example", b"User-agent: a\nUser-agent: newsmon\nDisallow:\n\n"
                                                   b"User-agent: *\nDisallow: /\n")
    assert rules.refusal_for("https://a.example/x", UA) is None


def test_host_queues_take_turns_and_skip_busy_hosts() -> None:
    from newsmon.collect.politeness import HostQueues

    urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1"]
    queues = HostQueues(urls, max_per_host=1)
    assert [queues.take(), queues.take(), queues.take()] == [0, 3, 4]   # a, b, c: one each
    queues.release(3)
    queues.release(4)
    # a is still busy: nothing else is left, so the next take waits for a's release
    taken: list[int | None] = []
    waiter = threading.Thread(target=lambda: taken.append(queues.take()))
    waiter.start()
    queues.release(0)
    waiter.join(timeout=5)
    assert taken == [1]
    queues.release(1)
    assert queues.take() == 2
    queues.release(2)
    assert queues.take() is None


def test_host_queues_hand_out_every_index_once_under_threads() -> None:
    from newsmon.collect.politeness import HostQueues

    urls = [f"http://h{n % 7}/{n}" for n in range(300)]
    queues = HostQueues(urls, max_per_host=2)
    seen: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        while (index := queues.take()) is not None:
            with lock:
                seen.append(index)
            queues.release(index)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seen) == list(range(300))
