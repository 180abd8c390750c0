"""The `cleancrawl` command line: the commands, running a crawl in-process, its progress, summary and the demo."""
