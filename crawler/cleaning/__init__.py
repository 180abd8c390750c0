"""CLEAN stage of a crawl: the item pipeline that runs the cleaners on each page, in a process pool off the reactor."""
