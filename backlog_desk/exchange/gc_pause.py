"""Pausing Python's cyclic garbage collector around a large read.

Reading a case list, a workbook or a package makes millions of small objects that all
survive and form no cycles; every collection would rescan them all again. Measured: a
100,000 x 12 case list's to_python 0.77 -> 0.33 s, about a second of a 100,000-row
workbook's dry run, half a second of a 100,000-case package apply.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
