"""Where a scheduled crawl finds its pages: sitemaps, RSS/Atom feeds and links, plus URL scope rules.

Pure functions over bytes and URLs (no requests are made here); the `articles` spider calls them.
"""
