"""Record identities: version-7 UUIDs one at a time and in batches (RFC 9562)."""

from __future__ import annotations

import time
import uuid

import pytest

from backlog_desk.store.ids import uuid7, uuid7_batch


def _check_v7(text: str, ms: int) -> uuid.UUID:
    u = uuid.UUID(text)
    assert str(u) == text  # canonical lower-case 8-4-4-4-12 text
    assert u.version == 7 and u.variant == uuid.RFC_4122
    assert u.int >> 80 == ms  # unix_ts_ms in the top 48 bits
    return u


def test_single_ids_are_version_7_with_the_time_in_front() -> None:
    ms = time.time_ns() // 1_000_000
    _check_v7(uuid7(ms), ms)
    assert uuid7(ms - 1) < uuid7(ms) < uuid7(ms + 1)


@pytest.mark.parametrize("n", [1, 2, 4096, 70_000])
def test_a_batch_is_valid_unique_and_increasing(n: int) -> None:
    ms = 1_700_000_000_123
    ids = uuid7_batch(n, ms)
    assert len(ids) == n
    values = [_check_v7(t, ms).int for t in ids]
    assert values == sorted(set(values))  # strictly increasing, so unique
    # Only the counted-up rand_b differs: rand_a and the top of rand_b are the batch's own.
    assert len({v >> 48 for v in values}) == 1


def test_batches_differ_and_sort_by_time() -> None:
    a, b = uuid7_batch(1000, 1_000), uuid7_batch(1000, 1_000)
    assert not set(a) & set(b)  # 74 random bits per batch
    later = uuid7_batch(3, 1_001)
    assert max(a + b) < min(later)
    now = time.time_ns() // 1_000_000
    assert uuid7_batch(1, now - 10)[0] < uuid7_batch(1)[0] < uuid7_batch(1, now + 10_000)[0]
    assert uuid7_batch(0) == []


def test_a_batch_is_as_random_as_single_ids() -> None:
    """74 random bits each: the randomness moves between batches, not only the counter."""
    firsts = [uuid.UUID(uuid7_batch(1, 5)[0]).int for _ in range(200)]
    assert len({v >> 48 for v in firsts}) > 195  # rand_a and the top of rand_b: 26 bits
    assert len({v & 0xFFFF_FFFF_FFFF for v in firsts}) == 200  # and the counter's start


def test_a_seeded_batch_repeats_itself() -> None:
    import random

    a = uuid7_batch(500, 1_000, random.Random(7))
    assert a == uuid7_batch(500, 1_000, random.Random(7))  # the demo court, run again
    assert a != uuid7_batch(500, 1_000, random.Random(8))
    assert a == sorted(a) and len(set(a)) == 500
