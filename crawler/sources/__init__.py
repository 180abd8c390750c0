"""Where a crawl's URLs come from: URL lists, job files, sitemaps, RSS/Atom feeds and links, plus URL scope rules.

Pure functions over bytes and URLs (no requests are made here); the `articles` spider calls them.
"""
