"""A worker-side probe for the pool's allocator tuning (top level: the pool runs it by name)."""

from __future__ import annotations

from typing import Any


def rss_mb() -> float:
    """This process's resident memory in MB (Linux)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def retained_after_fragmented_frees(_: Any = None) -> float:
    """MB still resident after freeing 60 MB of 300 KB blocks that small survivors pin inside the heap.

    This is the pattern a parse leaves (big buffers freed, small objects kept): with glibc's adaptive
    thresholds the freed blocks stay in the heap; with the pool's fixed ones they go back to the system.
    """
    big = bytearray(2_000_000)
    big[-1] = 1
    del big  # glibc now raises its mmap threshold to 2 MB: 300 KB blocks land in the heap
    before = rss_mb()
    keep, blocks = [], []
    for _ in range(200):
        block = bytearray(300_000)
        block[::4096] = b"x" * len(block[::4096])  # touch every page
        blocks.append(block)
        keep.append(bytearray(1000))
    del blocks
    return rss_mb() - before
