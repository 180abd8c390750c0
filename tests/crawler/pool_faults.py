"""Cleaning functions that misbehave on purpose, for the pool tests (top level: the pool pickles them by name)."""

from __future__ import annotations

import os
import signal
import time

from crawler.cleaning.page import clean_page
from crawler.items import PageItem


def clean_or_misbehave(page: PageItem):
    """clean_page, except: `/stuck` hangs, `/crash` kills its worker, `/raise` raises."""
    if "/stuck" in page.url:
        time.sleep(60)  # bounded: the pool kills this worker long before
    if "/crash" in page.url:
        os._exit(3)
    if "/raise" in page.url:
        raise RuntimeError("cleaner bug")
    return clean_page(page)


def interrupt_self(_: object) -> str:
    """Send this worker SIGINT, as Ctrl-C in a terminal does to every process of the group; say what it did."""
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.5)  # Python runs a signal handler between two bytecodes: long before this ends
    except KeyboardInterrupt:
        return "interrupted"
    return "carried on"
