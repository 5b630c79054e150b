"""Write small news sites for end-to-end tests: an RSS feed and one page per story.

Tests rewrite the site between runs to play a feed that changes (new entries, late entries,
entries that drop out). Links use ``${NEWSMON_SAMPLE_URL}``, which the sample server fills in.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

BASE = "${NEWSMON_SAMPLE_URL}"


@dataclass(frozen=True)
class Story:
    slug: str
    published: datetime | None
    town: str
    arrested: int

    @property
    def path(self) -> str:
        return f"/articles/{self.slug}.html"

    @property
    def sentence(self) -> str:
        return f"Police in {self.town} arrested {self.arrested} people in a raid on an illegal betting den."


def write_site(root: Path, stories: Iterable[Story], feed: str = "feed.rss") -> None:
    """(Re)write ``root/feeds/<feed>`` listing ``stories``, and a page for each story."""
    stories = list(stories)
    (root / "feeds").mkdir(parents=True, exist_ok=True)
    (root / "articles").mkdir(parents=True, exist_ok=True)
    items = []
    for story in stories:
        date = f"<pubDate>{format_datetime(story.published)}</pubDate>" if story.published else ""
        items.append(f"<item><title>{escape(story.town)} raid</title><guid isPermaLink=\"false\">{story.slug}</guid>"
                     f"<link>{BASE}{story.path}</link>{date}</item>")
        (root / "articles" / f"{story.slug}.html").write_text(_page(story), encoding="utf-8")
    (root / "feeds" / feed).write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test wire</title>'
        f"<link>{BASE}/</link><description>test</description>{''.join(items)}</channel></rss>",
        encoding="utf-8")


def _page(story: Story) -> str:
    return (
        f"<html lang='en'><head><title>{escape(story.town)} raid</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
        f"<h1>{escape(story.town)} raid</h1><p>{escape(story.sentence)}</p>"
        "<p>The suspects were taken to a police station for questioning, officers said, and the "
        "investigation into the gambling operation is continuing.</p></article>"
        "<footer>Test wire, a site written for newsmon's tests.</footer></body></html>"
    )
