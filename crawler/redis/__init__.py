"""A crawl shared by worker processes through Redis: its keys, runs, frontier, seeding and per-site politeness."""
