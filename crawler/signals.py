"""cleancrawl's own Scrapy signals (send with `crawler.signals.send_catch_log`, connect with `.connect`)."""

# Sent by ParquetExportPipeline with `table=` and `urls=[...]` after a part file is renamed into place:
# those rows are durable. The Redis frontier releases their in-flight entries only then.
rows_committed = object()
