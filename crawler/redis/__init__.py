"""A crawl shared by many worker processes through Redis: the shared frontier, its ledger and heartbeats."""
