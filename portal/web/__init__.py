"""Helpers every blueprint shares: what a request is, safe redirects, blueprint guards, route segments."""
