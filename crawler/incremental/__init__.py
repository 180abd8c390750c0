"""Incremental re-runs: what the crawl knows of each URL across runs, conditional requests, only new or changed rows."""
