"""`HoldGate`: let a number of requests through, then hold the next ones until released (bounded).

The fault server's generated pages pass this gate, so a crash/resume test can stop a crawl while
some of its requests are in flight, then release them and see what the crawl does with them.
"""

from __future__ import annotations

import threading

HOLD_MAX = 60.0  # seconds a held request waits for `release()` at most


class HoldGate:
    """Count-based gate shared by a server's handler threads; open until `hold_after` is called."""

    def __init__(self) -> None:
        self.held = 0  # requests waiting at the gate now
        self._budget: int | None = None  # requests still let through at once; None: open
        self._released = threading.Event()
        self._gate_lock = threading.Lock()

    def hold_after(self, pages: int) -> None:
        """Serve `pages` more requests at once, then hold each later one until `release()`.

        Held requests are in flight at the client: a test can stop a crawl while they wait, then
        release them and see what the crawl does with them. A hold ends by itself after `HOLD_MAX` s.
        """
        with self._gate_lock:
            self._budget = pages
            self._released.clear()

    def release(self) -> None:
        """Let held and later requests through."""
        with self._gate_lock:
            self._budget = None
            self._released.set()

    def gate(self) -> None:
        """Pass, or wait (bounded) for `release()` once the page budget is spent."""
        with self._gate_lock:
            if self._budget is None:
                return
            if self._budget > 0:
                self._budget -= 1
                return
            self.held += 1
        self._released.wait(HOLD_MAX)
        with self._gate_lock:
            self.held -= 1
