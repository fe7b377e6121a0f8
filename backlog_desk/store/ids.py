"""Stable record identities.

Time-ordered UUIDs (version 7, RFC 9562): unique like uuid4, but new ones sort after old
ones, so the unique index on `cases.uuid` grows at its end instead of splitting pages all
over a million-row B-tree.
"""

from __future__ import annotations

import os
import random
import time

# Seeded from the OS once: identities need uniqueness, not secrecy, and a syscall per id
# costs more than the rest of making it.
_RANDOM = random.Random(os.urandom(32))


def uuid7(ms: int | None = None, rand: int | None = None) -> str:
    """A version-7 UUID from a millisecond timestamp and 74 random bits."""
    ms = time.time_ns() // 1_000_000 if ms is None else ms
    rand = _RANDOM.getrandbits(74) if rand is None else rand
    value = (ms & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76                              # version
    value |= ((rand >> 62) & 0xFFF) << 64           # rand_a, 12 bits
    value |= 0b10 << 62                             # RFC 4122 variant
    value |= rand & 0x3FFF_FFFF_FFFF_FFFF           # rand_b, 62 bits
    # uuid.UUID(int=...) and str() cost ~5 µs; formatting the hex directly ~0.5 µs.
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
