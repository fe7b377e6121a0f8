"""The three-way field merge rules of package exchange."""

from __future__ import annotations

from backlog_desk.domain.merge import UNKNOWN, Outcome, agreed_base, merge_case, merge_field


def test_same_value_is_same_whatever_the_bases() -> None:
    assert merge_field("a", "a", "x", "y") is Outcome.SAME


def test_only_they_changed_takes_theirs() -> None:
    assert merge_field("old", "new", "old", "old") is Outcome.TAKE
    # Their base says they saw my current value: take theirs even if my base is older.
    assert merge_field("mine", "new", "mine", "older") is Outcome.TAKE


def test_only_i_changed_keeps_mine() -> None:
    assert merge_field("new", "old", "old", "old") is Outcome.KEEP
    # They never touched it since the value I took from them (my base).
    assert merge_field("new", "taken", UNKNOWN, "taken") is Outcome.KEEP


def test_both_changed_differently_is_a_conflict() -> None:
    assert merge_field("mine", "theirs", "old", "old") is Outcome.CONFLICT
    assert merge_field("mine", "theirs", UNKNOWN, UNKNOWN) is Outcome.CONFLICT


def test_case_merge_splits_fields_and_new_base_keeps_conflicts_open() -> None:
    base = {"reason": "r0", "notes": "n0", "measures": "m0"}
    mine = {"reason": "r0", "notes": "n-mine", "measures": "m-mine"}
    theirs = {"reason": "r-theirs", "notes": "n-theirs", "measures": "m0"}
    merge = merge_case(("reason", "notes", "measures"), mine, theirs, base, base)
    assert merge.take == {"reason": "r-theirs"}
    assert merge.keep == ("measures",)
    assert merge.conflicts == {"notes": ("n-mine", "n-theirs")}
    assert not merge.settled
    new_base = agreed_base(theirs, base, merge)
    assert new_base == {"reason": "r-theirs", "notes": "n0", "measures": "m0"}
