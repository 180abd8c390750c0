"""Near-duplicates across a crawl: the index of texts seen and the pipeline that flags or drops copies."""
