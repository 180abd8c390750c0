"""FETCH: the Scrapy project: where URLs come from, fetching, cleaning, incremental state, dedup, export, archive."""
