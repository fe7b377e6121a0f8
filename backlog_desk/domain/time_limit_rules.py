"""The 审限 rule table: statutory time limits by type code and procedure, with their sources.

The shipped defaults transcribe shared/LEGAL.md §2.2 and §4. Where the law sets no length for
an extension, the 2000 SPC rule's figure is used and the source says so; where a figure is only
a sensible default (❓ in LEGAL.md) the source says that too, so the audit office knows which
rows to confirm. A court adjusts the table by building a new `RuleTable` (rows are frozen).
Codes without a row (民他, 破, 刑核 death-penalty review …) have no statutory limit: the app
shows their age only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from .ages import month_period_end

__all__ = [
    "DEFAULT_RULES",
    "Approver",
    "ExtensionRule",
    "LimitUnit",
    "Period",
    "RuleTable",
    "TrackRule",
]


class LimitUnit(StrEnum):
    MONTHS = "months"
    DAYS = "days"


@dataclass(frozen=True, slots=True)
class Period:
    """A length of time as the law states it; months follow LEGAL §2.1, days are plain days."""

    amount: int
    unit: LimitUnit

    def __post_init__(self) -> None:
        if self.amount <= 0:
            raise ValueError(f"a period must be positive, not {self.amount}")

    def end_from(self, start: date) -> date:
        """The last day of the period counted from ``start`` (``start`` itself not counted)."""
        if self.unit is LimitUnit.MONTHS:
            return _month_period_end(start, self.amount)
        return start + timedelta(days=self.amount)

    @property
    def label(self) -> str:
        return f"{self.amount}个月" if self.unit is LimitUnit.MONTHS else f"{self.amount}日"


# The deadline list computes the same few thousand (date, months) pairs for every case; the
# calendar arithmetic is the largest single cost of a status, so it is remembered.
@lru_cache(maxsize=1 << 16)
def _month_period_end(start: date, n: int) -> date:
    return month_period_end(start, n)


def months(n: int) -> Period:
    return Period(n, LimitUnit.MONTHS)


def days(n: int) -> Period:
    return Period(n, LimitUnit.DAYS)


class Approver(StrEnum):
    """Who approves an extension. Values are the Chinese names shown to users."""

    PRESIDENT = "本院院长"
    SUPERIOR = "上级法院"
    HIGH_COURT = "高级人民法院"
    SPC = "最高人民法院"

    @property
    def is_superior(self) -> bool:
        return self is not Approver.PRESIDENT


@dataclass(frozen=True, slots=True)
class ExtensionRule:
    """One allowed extension, in the order they may be granted. ``length`` None: the law sets
    no length (the approving body decides)."""

    length: Period | None
    approver: Approver


@dataclass(frozen=True, slots=True)
class TrackRule:
    """One row of the rule table.

    ``procedures`` empty matches any procedure field; rows are tried in table order, so the
    rows naming a procedure come before the catch-all row of the same type code.
    ``restart_on_change``: a procedure change restarts the clock from the decision (criminal,
    LEGAL §2.6); otherwise the new limit still counts from filing (civil/administrative).
    """

    key: str
    name: str
    type_codes: tuple[str, ...]
    procedures: tuple[str, ...]
    base: Period
    extensions: tuple[ExtensionRule, ...]
    deductions_apply: bool
    suspension_applies: bool
    source: str
    restart_on_change: bool = False

    def matches(self, type_code: str, procedure: str) -> bool:
        return type_code in self.type_codes and (not self.procedures
                                                 or procedure in self.procedures)

    @property
    def president_extension(self) -> ExtensionRule | None:
        """The extension the court's own president may grant, if any."""
        for ext in self.extensions:
            if ext.approver is Approver.PRESIDENT:
                return ext
        return None


class RuleTable:
    """An immutable, ordered set of rows with a per-code index (the deadline list looks up a
    rule for every open case, so a linear scan of the table per case would be wasted)."""

    __slots__ = ("_by_code", "rows")

    rows: tuple[TrackRule, ...]

    def __init__(self, rows: Iterable[TrackRule]) -> None:
        self.rows = tuple(rows)
        keys = [r.key for r in self.rows]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate rule keys: {sorted(k for k in keys if keys.count(k) > 1)}")
        by_code: dict[str, list[TrackRule]] = {}
        for row in self.rows:
            for code in row.type_codes:
                by_code.setdefault(code, []).append(row)
        self._by_code = {code: tuple(rows_) for code, rows_ in by_code.items()}

    def find(self, type_code: str, procedure: str) -> TrackRule | None:
        for row in self._by_code.get(type_code, ()):
            if not row.procedures or procedure in row.procedures:
                return row
        return None

    def get(self, key: str) -> TrackRule | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None

    def __iter__(self) -> Iterator[TrackRule]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


_P, _S, _H, _SPC = Approver.PRESIDENT, Approver.SUPERIOR, Approver.HIGH_COURT, Approver.SPC
_ORDINARY = ("普通程序",)
_SIMPLE = ("简易程序",)

# Civil and administrative deductions: CPL interp. art. 243, ALL interp. art. 50 (LEGAL §2.4);
# suspension periods are excluded in every family (LEGAL §2.4, §2.5).
DEFAULT_RULES = RuleTable([
    TrackRule("civil_small_claims", "民事一审小额诉讼程序", ("民初",), ("小额诉讼",), months(2),
              (ExtensionRule(months(1), _P),), True, True, "民事诉讼法第168条"),
    TrackRule("civil_simple", "民事一审简易程序", ("民初",), _SIMPLE, months(3),
              (ExtensionRule(months(1), _P),), True, True,
              "民事诉讼法第164条；民诉法解释第258条（延长后合计不超过4个月）"),
    TrackRule("civil_ordinary", "民事一审普通程序", ("民初",), (), months(6),
              (ExtensionRule(months(6), _P), ExtensionRule(months(3), _S)), True, True,
              "民事诉讼法第152条；审限规定（2000）第2条（上级法院批准延长3个月）"),
    TrackRule("civil_appeal", "民事二审（对判决上诉）", ("民终",), (), months(3),
              (ExtensionRule(months(3), _P),), True, True,
              "民事诉讼法第183条第1款；审限规定（2000）第2条"),
    TrackRule("civil_ruling_appeal", "民事二审（对裁定上诉）", ("民辖终",), (), days(30),
              (ExtensionRule(None, _P),), True, True,
              "民事诉讼法第183条第2款；民诉法解释第339条"),
    TrackRule("civil_special", "民事特别程序", ("民特",), (), days(30),
              (ExtensionRule(days(30), _P),), True, True,
              "民事诉讼法第187条；审限规定（2000）第2条"),
    TrackRule("civil_retrial", "民事再审（按一审普通程序）", ("民再",), (), months(6),
              (ExtensionRule(months(6), _P), ExtensionRule(months(3), _S)), True, True,
              "民诉法解释第128条；民事诉讼法第152条（按二审审理的改用第183条）"),
    TrackRule("civil_retrial_review", "民事再审审查", ("民申", "民监", "民抗"), (), months(3),
              (ExtensionRule(None, _P),), True, True,
              "民事诉讼法第211条（2021）/第215条（2023）；民诉法解释第129条"),
    TrackRule("civil_payment_order", "督促程序", ("民督",), (), days(15), (), False, True,
              "民事诉讼法第227条（2023）"),
    TrackRule("criminal_fast_track", "刑事速裁程序", ("刑初",), ("速裁程序",), days(10),
              (), False, True, "刑事诉讼法第225条（可能判处一年以上的为15日）",
              restart_on_change=True),
    TrackRule("criminal_simple", "刑事简易程序", ("刑初",), _SIMPLE, days(20), (), False, True,
              "刑事诉讼法第220条（可能判处三年以上的为一个半月）", restart_on_change=True),
    TrackRule("criminal_first", "刑事一审公诉案件", ("刑初", "刑没初", "刑没"), (), months(2),
              (ExtensionRule(months(1), _P), ExtensionRule(months(3), _S),
               ExtensionRule(None, _SPC)), False, True,
              "刑事诉讼法第208条（至迟不超过三个月；本院批准延长一个月为默认值❓）、第158条；"
              "刑诉法解释第210条", restart_on_change=True),
    TrackRule("criminal_appeal", "刑事二审", ("刑终",), (), months(2),
              (ExtensionRule(months(2), _H), ExtensionRule(None, _SPC)), False, True,
              "刑事诉讼法第243条", restart_on_change=True),
    TrackRule("criminal_retrial", "刑事再审", ("刑再",), (), months(3),
              (ExtensionRule(months(3), _P),), False, True,
              "刑事诉讼法第258条（延长后不超过六个月；批准人为默认值❓）", restart_on_change=True),
    TrackRule("criminal_medical", "强制医疗", ("刑医",), (), months(1), (), False, True,
              "刑事诉讼法第305条"),
    TrackRule("criminal_commutation", "减刑、假释", ("刑更",), (), months(1),
              (ExtensionRule(months(1), _P),), False, True,
              "《关于减刑、假释案件审理程序的规定》（2014）第1条"),
    TrackRule("admin_simple", "行政一审简易程序", ("行初",), _SIMPLE, days(45), (), True, True,
              "行政诉讼法第83条", ),
    TrackRule("admin_first", "行政一审", ("行初", "行赔初"), (), months(6),
              (ExtensionRule(None, _H),), True, True, "行政诉讼法第81条；行诉法解释第50条"),
    TrackRule("admin_appeal", "行政二审", ("行终", "行赔终"), (), months(3),
              (ExtensionRule(None, _H),), True, True, "行政诉讼法第88条；行诉法解释第50条"),
    TrackRule("admin_nonlitigation", "非诉行政执行审查", ("行审", "行审复"), (), days(30), (),
              True, True, "行诉法解释第160条、第161条"),
    TrackRule("enforcement", "执行实施", ("执", "执恢"), (), months(6),
              (ExtensionRule(months(3), _P), ExtensionRule(None, _S)), True, True,
              "审限规定（2000）第5条；法发〔2006〕35号第1条（执恢适用为默认值❓）"),
    TrackRule("enforcement_objection", "执行异议", ("执异",), (), days(15), (), True, True,
              "民事诉讼法第236条（2023）；执行程序解释第5条"),
    TrackRule("enforcement_review", "执行复议", ("执复",), (), days(30),
              (ExtensionRule(days(30), _P),), True, True, "执行程序解释第8条"),
    TrackRule("bankruptcy_application", "破产申请审查", ("破申",), (), days(15),
              (ExtensionRule(days(15), _S),), False, False, "企业破产法第10条"),
    TrackRule("court_compensation", "法院赔偿义务机关决定", ("法赔",), (), months(2), (), False,
              True, "国家赔偿法第23条"),
    TrackRule("compensation_committee", "赔偿委员会决定", ("委赔",), (), months(3),
              (ExtensionRule(months(3), _P),), False, True, "国家赔偿法第28条"),
    TrackRule("sanction_review", "司法惩戒复议", ("司惩复",), (), days(5), (), False, False,
              "审限规定（2000）第2条"),
])
