"""Feeds for readers and crawlers: RSS, the sitemap and robots.txt."""

from portal.feeds.views import bp

__all__ = ["bp"]
