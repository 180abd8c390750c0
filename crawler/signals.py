"""cleancrawl's own Scrapy signals (send with `crawler.signals.send_catch_log`, connect with `.connect`)."""

# Sent by ParquetExportPipeline with `table=` and `urls=[...]` after a part file is renamed into place:
# those rows are durable. The Redis frontier releases their in-flight entries only then.
rows_committed = object()

# Sent by ParquetExportPipeline just before an articles part file is committed; a receiver (the WARC archive)
# completes the files those rows point into, so a visible row never points at an unfinished file. A receiver
# error stops the commit.
articles_commit_pending = object()

# Sent by ParquetExportPipeline with `urls=[...]` after a Parquet part of articles is renamed into place: those
# rows are durable (the incremental state store marks them written only then).
articles_committed = object()
