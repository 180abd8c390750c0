"""`CleanPool`: run the CPU-bound cleaning in spawned worker processes, off the reactor.

Three guarantees the crawl relies on:
- **Bounded**: at most `max_pending` pages are inside the pool at once; the next page waits on a
  semaphore in the crawl process, and Scrapy's scraper slot (SCRAPER_SLOT_MAX_ACTIVE_SIZE) stops
  fetching while pages wait, so memory stays flat however fast pages arrive.
- **Never hangs**: a page that is still in the pool after `timeout` seconds raises `CleanTimeout`; the
  stuck worker cannot be stopped alone, so the whole pool is killed and replaced.
- **Warm before timed**: each new pool first imports the cleaning function's module in every worker
  (trafilatura, lxml, langdetect: seconds), so that start-up never counts against a page's timeout.
- **Light coordinator**: the cleaning function travels as a `NamedFunction` ("module:function" plus
  keyword arguments), resolved inside the worker, so the crawl process never imports the cleaning
  libraries (memory it would hold for nothing).
- **Survives dead workers**: a worker that dies (segfault, out of memory, our own kill after a timeout)
  breaks a ProcessPoolExecutor for every page inside it. The pool is replaced and each of those pages
  is tried once more, alone, in a one-process quarantine pool, so that a page that kills its worker
  every time cannot take innocent pages down with it twice; a page that dies there raises `WorkerDied`.
"""

from __future__ import annotations

import asyncio
import ctypes
import importlib
import logging
import multiprocessing
import signal
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

logger = logging.getLogger(__name__)


class NamedFunction:
    """A top-level function named "module:function" plus keyword arguments, imported where it is first called.

    It pickles as the name and the arguments, so the process that sends it to a pool never imports
    the function's module; each worker imports it once. Called in-process it imports on first use.
    """

    def __init__(self, target: str, **kwargs: Any) -> None:
        module, sep, name = target.partition(":")
        if not (module and sep and name):
            raise ValueError(f"a function is named 'module:function', got {target!r}")
        self.target = target
        self.module = module
        self.kwargs = kwargs

    def __call__(self, arg: Any) -> Any:
        """`function(arg, **kwargs)`."""
        return _resolve(self.target)(arg, **self.kwargs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NamedFunction) and (self.target, self.kwargs) == (other.target, other.kwargs)

    def __hash__(self) -> int:
        return hash(self.target)

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.kwargs.items())
        return f"NamedFunction({self.target!r}{args})"


_RESOLVED: dict[str, Callable[..., Any]] = {}


def _resolve(target: str) -> Callable[..., Any]:
    """The function "module:function" names (imported once per process)."""
    fn = _RESOLVED.get(target)
    if fn is None:
        module, _, name = target.partition(":")
        fn = _RESOLVED[target] = getattr(importlib.import_module(module), name)
    return fn


def module_of(fn: Callable[..., Any]) -> str:
    """The module a worker must import to run `fn` (a NamedFunction's target, a partial's function's module)."""
    if isinstance(fn, NamedFunction):
        return fn.module
    return getattr(fn, "func", fn).__module__


class CleanTimeout(Exception):
    """The page spent longer than the timeout in the pool."""


class WorkerDied(Exception):
    """The worker process cleaning the page died, also when the page was retried alone."""


class CleanPool:
    """Spawned worker processes with a bound on pages in flight, a per-page timeout and self-repair."""

    def __init__(self, workers: int, timeout: float, max_pending: int | None = None):
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {timeout}")
        self.workers = workers
        self.timeout = timeout
        # one page queued behind each busy worker keeps the workers fed while the reactor is busy
        self.max_pending = max_pending or 2 * workers
        self.in_flight = 0  # pages inside the pool now (and the most ever): what the bound holds down
        self.peak_in_flight = 0
        self._sem = asyncio.Semaphore(self.max_pending)
        self._main = _Executor(workers)
        self._quarantine: _Executor | None = None
        self._quarantine_lock = asyncio.Lock()

    @property
    def restarts(self) -> int:
        """How many times a broken or stuck executor was replaced."""
        return self._main.restarts + (self._quarantine.restarts if self._quarantine else 0)

    async def run(self, fn: Callable[[Any], Any], arg: Any) -> Any:
        """`fn(arg)` in a worker; raises CleanTimeout, WorkerDied, or what `fn` raised."""
        async with self._sem:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            try:
                try:
                    return await self._main.call(fn, arg, self.timeout)
                except BrokenProcessPool:
                    pass
                async with self._quarantine_lock:
                    self._quarantine = self._quarantine or _Executor(1)
                    try:
                        return await self._quarantine.call(fn, arg, self.timeout)
                    except BrokenProcessPool:
                        raise WorkerDied("the worker process died while cleaning this page") from None
            finally:
                self.in_flight -= 1

    def close(self) -> None:
        """Stop the workers (Scrapy closes pipelines only after every item is done)."""
        self._main.shutdown()
        if self._quarantine is not None:
            self._quarantine.shutdown()


class _Executor:
    """A spawned ProcessPoolExecutor that is replaced when it breaks or a call times out."""

    def __init__(self, workers: int):
        self.workers = workers
        self.restarts = 0
        self._generation = 0
        self._pool = self._new_pool()
        self._warm: tuple[int, asyncio.Future[Any]] | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: a forked copy of a running Twisted reactor (threads, sockets) is not safe
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker)

    async def call(self, fn: Callable[[Any], Any], arg: Any, timeout: float) -> Any:
        """`fn(arg)` in a worker within `timeout` s; raises CleanTimeout or BrokenProcessPool (pool replaced)."""
        generation = self._generation
        try:
            await self._warmed(module_of(fn))
            generation = self._generation
            future = asyncio.get_running_loop().run_in_executor(self._pool, fn, arg)
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            self._replace(generation, f"a page took longer than {timeout:g}s")
            raise CleanTimeout(f"cleaning took longer than {timeout:g}s") from None
        except BrokenProcessPool:
            self._replace(generation, "a worker process died")
            raise

    async def _warmed(self, module: str) -> None:
        """Wait until every worker of the current pool has imported `module` (once per pool)."""
        if self._warm is None or self._warm[0] != self._generation:
            loop = asyncio.get_running_loop()
            jobs = [loop.run_in_executor(self._pool, _import_module, module) for _ in range(self.workers)]
            self._warm = (self._generation, asyncio.ensure_future(asyncio.gather(*jobs)))
        await asyncio.shield(self._warm[1])

    def _replace(self, generation: int, why: str) -> None:
        """Kill the pool's processes and start a fresh pool, once per broken generation."""
        if generation != self._generation:
            return  # another page already replaced this pool
        old = self._pool
        self._generation += 1
        self.restarts += 1
        logger.warning("restarting the cleaning pool (%s)", why)
        _kill_workers(old)
        old.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def shutdown(self) -> None:
        """Stop the worker processes."""
        self._pool.shutdown(wait=True, cancel_futures=True)


# glibc mallopt parameters (malloc.h): fixed thresholds instead of glibc's adaptive ones
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def _start_worker() -> None:
    """Set up a worker process: Ctrl-C is the crawl process's to handle, and freed memory goes back.

    Ctrl-C in a terminal sends SIGINT to every process of the group. A worker interrupted mid-page would send
    the KeyboardInterrupt back to the crawl process, where it breaks the event loop and the crawl hangs
    instead of stopping gracefully; the crawl process stops the workers itself once in-flight pages are done.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return_freed_memory()


def return_freed_memory() -> None:
    """Make glibc's malloc give freed memory back to the system (each worker, and the crawl process, call it).

    By default glibc raises its mmap and trim thresholds after a large block is freed (up to 32 MB),
    so the heap keeps what the biggest pages needed: a worker settled higher after each big page, and
    the crawl process keeps the peak of its page backlog. Fixed thresholds (blocks of 32 KB and more
    mmapped, heap tops over 256 KB trimmed) keep both flat at no measurable cost per page.
    Other C libraries (musl, macOS) are left as they are.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, 32 * 1024)
    mallopt(_M_TRIM_THRESHOLD, 256 * 1024)


def _import_module(name: str) -> None:
    """Import a module in a worker; the short pause lets each new worker take one of these jobs."""
    importlib.import_module(name)
    time.sleep(0.05)


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    kill = getattr(executor, "kill_workers", None)  # Python 3.14+
    if kill is not None:
        kill()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()
