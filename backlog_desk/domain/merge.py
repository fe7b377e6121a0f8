"""Three-way merge of one case's fields between two installations that edit apart.

Each side remembers, per peer and per case, the values it last *agreed* on with that peer
(its base); a package carries the sender's current values and the sender's own base. A field
counts as changed by a side only when its value differs from every value both sides are
known to have held. Using both bases matters: the sender's base tells the receiver which of
the receiver's values the sender has already seen (so a resolved conflict settles the other
side), the receiver's base covers what it took from the sender since the sender last heard
from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

# A base value that is not known (the peers never agreed on this case yet).
UNKNOWN: Any = object()


class Outcome(StrEnum):
    SAME = "same"          # both hold the same value
    KEEP = "keep"          # only this side changed it: keep mine (it travels back later)
    TAKE = "take"          # only the other side changed it: take theirs
    CONFLICT = "conflict"  # both changed it differently since they last agreed


def merge_field(mine: Any, theirs: Any, their_base: Any = UNKNOWN,
                my_base: Any = UNKNOWN) -> Outcome:
    """Decide one field. Bases may be UNKNOWN."""
    if theirs == mine:
        return Outcome.SAME
    if theirs is not UNKNOWN and (_known_equal(theirs, their_base)
                                  or _known_equal(theirs, my_base)):
        return Outcome.KEEP
    if _known_equal(mine, their_base) or _known_equal(mine, my_base):
        return Outcome.TAKE
    return Outcome.CONFLICT


def _known_equal(value: Any, base: Any) -> bool:
    return base is not UNKNOWN and value == base


@dataclass(frozen=True)
class CaseMerge:
    """The decision for every field of one case present on both sides."""

    take: dict[str, Any]            # field -> their value, to write
    keep: tuple[str, ...]           # fields where mine stays and differs from theirs
    conflicts: dict[str, tuple[Any, Any]]  # field -> (mine, theirs)

    @property
    def settled(self) -> bool:
        """True when after applying `take` this side holds exactly what the sender holds."""
        return not self.keep and not self.conflicts


def merge_case(fields: Iterable[str], mine: Mapping[str, Any], theirs: Mapping[str, Any],
               their_base: Mapping[str, Any] | None,
               my_base: Mapping[str, Any] | None) -> CaseMerge:
    take: dict[str, Any] = {}
    keep: list[str] = []
    conflicts: dict[str, tuple[Any, Any]] = {}
    tb = their_base or {}
    mb = my_base or {}
    # Equal fields need no rule; a package of 100,000 cases usually differs in one or two.
    for f in [f for f in fields if mine.get(f) != theirs.get(f)]:
        m, t = mine.get(f), theirs.get(f)
        outcome = merge_field(m, t, tb.get(f, UNKNOWN), mb.get(f, UNKNOWN))
        if outcome is Outcome.TAKE:
            take[f] = t
        elif outcome is Outcome.KEEP:
            keep.append(f)
        elif outcome is Outcome.CONFLICT:
            conflicts[f] = (m, t)
    return CaseMerge(take, tuple(keep), conflicts)


def agreed_base(theirs: Mapping[str, Any], previous: Mapping[str, Any] | None,
                merge: CaseMerge) -> dict[str, Any]:
    """The receiver's new base after a merge: the sender's values, except where the two
    sides still disagree on a conflict (there the old agreement, if any, stays)."""
    out = dict(theirs)
    for f in merge.conflicts:
        if previous is not None and f in previous:
            out[f] = previous[f]
        else:
            out.pop(f, None)
    return out
