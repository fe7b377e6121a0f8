"""Hidden over-limit by a new case number (LEGAL §2.7 item 7): a case withdrawn (撤诉) and the
same dispute filed again soon after, or a case closed and the same matter registered again.

Either restarts the clock under a new 案号 while the dispute itself stays unresolved. No statute
sets the gap; the thresholds (`Thresholds.refile_days`, `reopen_days`) are local defaults the
court adjusts. "The same dispute" is the same case name (which names the parties and the cause,
e.g. 张三诉李四民间借贷纠纷) under the same type code: an appeal or a retrial of the same dispute
carries another type code and is a lawful next step, not a refiling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .dates import format_date_cn
from .time_limits import HiddenFlag
from .time_limits_events import Thresholds

__all__ = ["EarlierCase", "refiling_flags", "title_key"]

WITHDRAWN = "撤诉"
_NOISE = re.compile(r"[\s\u3000,，、.。;；:：()（）\[\]【】\"'“”‘’]")


def title_key(title: str) -> str:
    """The case name as compared: spaces and punctuation (half- or full-width) dropped."""
    return _NOISE.sub("", title)


@dataclass(frozen=True, slots=True)
class EarlierCase:
    """A closed case that may be the same dispute as the case being checked."""

    case_number: str
    title: str
    type_code: str
    filing_date: date
    closed_date: date
    close_manner: str


def refiling_flags(case_number: str, title: str, type_code: str, filing_date: date,
                   earlier: Iterable[EarlierCase], thresholds: Thresholds) -> list[HiddenFlag]:
    """Flags for a case filed ``filing_date`` against closed cases of the same name and type
    code: withdrawn ``refile_days`` or fewer days before it was filed, or otherwise closed
    ``reopen_days`` or fewer days before. The nearest earlier case of each kind is named."""
    key = title_key(title)
    if not key:
        return []
    best: dict[str, tuple[int, EarlierCase]] = {}
    for old in earlier:
        if (old.case_number == case_number or old.type_code != type_code
                or title_key(old.title) != key or old.closed_date > filing_date):
            continue
        gap = (filing_date - old.closed_date).days
        withdrawn = old.close_manner == WITHDRAWN
        limit = thresholds.refile_days if withdrawn else thresholds.reopen_days
        if gap > limit:
            continue
        code = "withdrawn_refiled" if withdrawn else "closed_reopened"
        if code not in best or gap < best[code][0]:
            best[code] = (gap, old)
    flags = []
    if "withdrawn_refiled" in best:
        gap, old = best["withdrawn_refiled"]
        flags.append(HiddenFlag("withdrawn_refiled", (
            f"本案与{old.case_number}案件名称、当事人相同，前案于{format_date_cn(old.closed_date)}"
            f"撤诉后{gap}日即重新立案（不超过{thresholds.refile_days}日），需核查是否以撤诉再立案"
            f"规避审限。")))
    if "closed_reopened" in best:
        gap, old = best["closed_reopened"]
        manner = old.close_manner or "结案"
        flags.append(HiddenFlag("closed_reopened", (
            f"本案与{old.case_number}系同一纠纷，前案于{format_date_cn(old.closed_date)}以"
            f"{manner}方式结案后{gap}日又立新案（不超过{thresholds.reopen_days}日），需核查是否"
            f"以结案再立案规避审限。")))
    return flags
