"""The raw archive: every response into WARC files, read back (ours, Common Crawl WARC/WET) and re-cleaned."""
