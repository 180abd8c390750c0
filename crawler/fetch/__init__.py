"""FETCH: downloader middlewares (private addresses, robots.txt, redirects) and how a failed download is named."""
