"""Collection: what a source lists and the pages it links to, fetched politely over HTTP.

Feeds, sitemaps and WARC files become :class:`~newsmon.models.FeedEntry` records; pages become
:class:`~newsmon.models.RawDocument` records. It never writes anything: storing is
:mod:`newsmon.store`'s job, and it imports neither that nor the extractor.
"""
from __future__ import annotations

from newsmon.collect.feedcheck import FeedCheck, check_feed
from newsmon.collect.feeds import ParsedFeed, parse_feed, read_feed
from newsmon.collect.fetcher import Fetcher
from newsmon.collect.listings import (
           LISTING_KINDS,
           UNCHANGED,
           FeedAnswer,
           collect_listings,
           entries_of,
           fetch_feed,
)
from newsmon.collect.options import FetchOptions, RetryPolicy
from newsmon.collect.secrets import Credential, CredentialLookup, env_lookup, from_connection
from newsmon.collect.sitemaps import SitemapListing, parse_sitemap
from newsmon.collect.warc import WarcError, WarcPage, read_warc

__all__ = ["LISTING_KINDS", "UNCHANGED", "Credential", "CredentialLookup", "FeedAnswer", "FeedCheck", "FetchOptions", "Fetcher",
           "ParsedFeed", "RetryPolicy", "SitemapListing", "WarcError", "WarcPage", "check_feed", "collect_listings",
           "entries_of", "env_lookup", "fetch_feed", "from_connection", "parse_feed", "parse_sitemap", "read_feed",
           "read_warc"]
