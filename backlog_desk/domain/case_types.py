"""Case-type codes (类型代字): what a type code in a case number says about the case.

The SPC standard 《人民法院案件类型及其代字标准》 is not public, so the default table below is
assembled from codes seen in published numbers and codes recalled from the standard
(shared/LEGAL.md §1.5, where each code carries its confidence mark). A court extends or
overrides it with `CaseTypeTable.with_types`; nothing here should be treated as complete.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "DEFAULT_CASE_TYPES",
    "CaseType",
    "CaseTypeTable",
    "Family",
    "Instance",
    "infer_family_and_instance",
    "type_code_problem",
]


class Family(StrEnum):
    """Procedure family: which kind of proceedings a case belongs to."""

    CIVIL = "civil"
    CRIMINAL = "criminal"
    ADMINISTRATIVE = "administrative"
    ENFORCEMENT = "enforcement"
    STATE_COMPENSATION = "state_compensation"
    BANKRUPTCY = "bankruptcy"
    PRESERVATION = "preservation"
    JUDICIAL_SANCTION = "judicial_sanction"
    OTHER = "other"


class Instance(StrEnum):
    """Procedural stage.

    RETRIAL_REVIEW is the examination of whether to reopen a case (再审审查: 申, 监, 抗);
    RETRIAL is the reopened trial itself (再, 提). REVIEW covers a higher body checking a
    decision outside the appeal route (刑核 复核, 执复 复议, 执监 监督, 行审 非诉审查).
    """

    FIRST = "first"
    SECOND = "second"
    RETRIAL = "retrial"
    RETRIAL_REVIEW = "retrial_review"
    REVIEW = "review"
    ENFORCEMENT = "enforcement"
    OTHER = "other"


# A type code is at most 3 characters by rule (LEGAL §1.5, art. 7) but 4-character codes
# exist in practice; the case-number parser matches up to 5, so longer codes could never
# be recognised.
MAX_TYPE_CODE_LENGTH = 5

# Characters that delimit other parts of a case number; a type code containing one would
# make numbers ambiguous to parse.
_FORBIDDEN_IN_CODE = frozenset("字第号之")


def type_code_problem(code: str) -> str | None:
    """Say why `code` cannot be a type code, or return None when it can.

    Lets a settings dialog check a court's input before building a `CaseType` (which
    raises on the same conditions).
    """
    if not code:
        return "the type code is empty"
    if unicodedata.normalize("NFKC", code) != code:
        return f"type code {code!r} contains full-width or compatibility characters"
    if len(code) > MAX_TYPE_CODE_LENGTH:
        return f"type code {code!r} is longer than {MAX_TYPE_CODE_LENGTH} characters"
    for ch in code:
        if ch in _FORBIDDEN_IN_CODE:
            return f"type code {code!r} contains {ch!r}, which separates parts of a case number"
        if not "\u4e00" <= ch <= "\u9fff":
            return f"type code {code!r} contains {ch!r}; only Chinese characters are allowed"
    return None


@dataclass(frozen=True, slots=True)
class CaseType:
    """One type code and what it means.

    `counts_in_stats` is the default for receipt/closure counts; courts differ (LEGAL §1.5,
    [Q4a] excludes 诉前调确, 诉前调书, 执保 and 执恢), so it is only a starting value.
    """

    code: str
    family: Family
    instance: Instance
    label: str
    counts_in_stats: bool = True

    def __post_init__(self) -> None:
        problem = type_code_problem(self.code)
        if problem is not None:
            raise ValueError(problem)


class CaseTypeTable:
    """An immutable lookup of type codes; later entries with the same code win."""

    __slots__ = ("_by_code", "_codes")

    def __init__(self, types: Iterable[CaseType]) -> None:
        by_code: dict[str, CaseType] = {}
        for case_type in types:
            by_code[case_type.code] = case_type
        self._by_code = by_code
        # Longest first so that prefix matching tries 民辖终 before 民辖.
        self._codes = tuple(sorted(by_code, key=lambda code: (-len(code), code)))

    def get(self, code: str) -> CaseType | None:
        return self._by_code.get(code)

    def with_types(self, extra: Iterable[CaseType]) -> CaseTypeTable:
        """Return a new table with `extra` added; an extra type replaces one with its code."""
        return CaseTypeTable([*self._by_code.values(), *extra])

    def codes(self) -> list[str]:
        """All codes, longest first (ties in code order)."""
        return list(self._codes)

    def __iter__(self) -> Iterator[CaseType]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_code
        if isinstance(item, CaseType):
            return self._by_code.get(item.code) == item
        return False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CaseTypeTable):
            return NotImplemented
        return self._by_code == other._by_code

    def __hash__(self) -> int:
        return hash(frozenset(self._by_code.items()))

    def __repr__(self) -> str:
        return f"CaseTypeTable({len(self)} types)"


# Pre-2016 types are free text (民一初, 刑三复, 知民终); when the table does not know them,
# their characters still say the family (first family character) and the stage (last
# stage character).
_FAMILY_BY_CHAR = {
    "民": Family.CIVIL, "商": Family.CIVIL, "督": Family.CIVIL, "催": Family.CIVIL,
    "刑": Family.CRIMINAL, "行": Family.ADMINISTRATIVE, "执": Family.ENFORCEMENT,
    "赔": Family.STATE_COMPENSATION, "破": Family.BANKRUPTCY, "清": Family.BANKRUPTCY,
    "保": Family.PRESERVATION, "惩": Family.JUDICIAL_SANCTION,
}  # fmt: skip
_INSTANCE_BY_CHAR = {
    "初": Instance.FIRST, "终": Instance.SECOND, "再": Instance.RETRIAL,
    "提": Instance.RETRIAL, "申": Instance.RETRIAL_REVIEW, "监": Instance.RETRIAL_REVIEW,
    "抗": Instance.RETRIAL_REVIEW, "核": Instance.REVIEW, "复": Instance.REVIEW,
}  # fmt: skip
# Division numerals (民一初 → 民初) and old prefixes (知民终, 非诉行审) hide a table code.
_OLD_DECORATION_RE = re.compile(r"[一二三四五六七八九十]|^(?:知|非诉|海)")


def infer_family_and_instance(type_text: str, table: CaseTypeTable) -> tuple[Family, Instance]:
    """Family and instance of a type as written, including free-form pre-2016 types."""
    known = table.get(type_text) or table.get(_OLD_DECORATION_RE.sub("", type_text))
    if known is not None:
        return known.family, known.instance
    family = next((_FAMILY_BY_CHAR[ch] for ch in type_text if ch in _FAMILY_BY_CHAR), Family.OTHER)
    instance = next(
        (_INSTANCE_BY_CHAR[ch] for ch in reversed(type_text) if ch in _INSTANCE_BY_CHAR),
        Instance.ENFORCEMENT if family is Family.ENFORCEMENT else Instance.OTHER,
    )
    return family, instance


_F = Family
_I = Instance


def _t(code: str, family: Family, instance: Instance, label: str, counts: bool = True) -> CaseType:
    return CaseType(code, family, instance, label, counts)


# Grouped as in LEGAL §1.5. Codes marked ❓ there are included so that numbers using them
# parse without an "unknown type" warning; a wrong guess costs nothing because no real
# number would use a code that does not exist.
DEFAULT_CASE_TYPES = CaseTypeTable(
    [
        # Civil
        _t("民初", _F.CIVIL, _I.FIRST, "民事一审"),
        _t("民终", _F.CIVIL, _I.SECOND, "民事二审"),
        _t("民再", _F.CIVIL, _I.RETRIAL, "民事再审"),
        _t("民申", _F.CIVIL, _I.RETRIAL_REVIEW, "民事申请再审审查"),
        _t("民监", _F.CIVIL, _I.RETRIAL_REVIEW, "民事依职权再审审查"),
        _t("民抗", _F.CIVIL, _I.RETRIAL_REVIEW, "民事抗诉再审审查"),
        _t("民辖", _F.CIVIL, _I.FIRST, "民事管辖"),
        _t("民辖终", _F.CIVIL, _I.SECOND, "民事管辖上诉"),
        _t("民辖监", _F.CIVIL, _I.RETRIAL_REVIEW, "民事管辖监督"),
        _t("民撤", _F.CIVIL, _I.FIRST, "第三人撤销之诉"),
        _t("民特", _F.CIVIL, _I.OTHER, "民事特别程序"),
        _t("民督", _F.CIVIL, _I.OTHER, "督促程序"),
        _t("民催", _F.CIVIL, _I.OTHER, "公示催告"),
        _t("民他", _F.CIVIL, _I.OTHER, "民事其他"),
        # Pre-litigation mediation is not litigation; the one court rule seen ([Q4a]) leaves
        # these out of receipt and closure counts.
        _t("民诉前调", _F.CIVIL, _I.OTHER, "诉前调解", counts=False),
        _t("诉前调确", _F.CIVIL, _I.OTHER, "诉前调解司法确认", counts=False),
        _t("诉前调书", _F.CIVIL, _I.OTHER, "诉前调解书", counts=False),
        # Criminal
        _t("刑初", _F.CRIMINAL, _I.FIRST, "刑事一审"),
        _t("刑终", _F.CRIMINAL, _I.SECOND, "刑事二审"),
        _t("刑核", _F.CRIMINAL, _I.REVIEW, "刑事复核"),
        _t("刑监", _F.CRIMINAL, _I.RETRIAL_REVIEW, "刑事依职权再审审查"),
        _t("刑申", _F.CRIMINAL, _I.RETRIAL_REVIEW, "刑事申诉审查"),
        _t("刑抗", _F.CRIMINAL, _I.RETRIAL_REVIEW, "刑事抗诉再审审查"),
        _t("刑再", _F.CRIMINAL, _I.RETRIAL, "刑事再审"),
        _t("刑没", _F.CRIMINAL, _I.FIRST, "违法所得没收"),
        _t("刑没初", _F.CRIMINAL, _I.FIRST, "违法所得没收一审"),
        _t("刑医", _F.CRIMINAL, _I.OTHER, "强制医疗"),
        _t("刑医解", _F.CRIMINAL, _I.OTHER, "解除强制医疗"),
        _t("刑医复", _F.CRIMINAL, _I.REVIEW, "强制医疗复议"),
        _t("刑医监", _F.CRIMINAL, _I.RETRIAL_REVIEW, "强制医疗监督"),
        _t("刑更", _F.CRIMINAL, _I.OTHER, "减刑假释暂予监外执行"),
        _t("刑更监", _F.CRIMINAL, _I.RETRIAL_REVIEW, "减刑假释监督"),
        _t("刑更备", _F.CRIMINAL, _I.OTHER, "减刑假释备案"),
        _t("刑他", _F.CRIMINAL, _I.OTHER, "刑事其他"),
        # Administrative (行赔*: compensation claimed in administrative litigation)
        _t("行初", _F.ADMINISTRATIVE, _I.FIRST, "行政一审"),
        _t("行终", _F.ADMINISTRATIVE, _I.SECOND, "行政二审"),
        _t("行申", _F.ADMINISTRATIVE, _I.RETRIAL_REVIEW, "行政申请再审审查"),
        _t("行再", _F.ADMINISTRATIVE, _I.RETRIAL, "行政再审"),
        _t("行监", _F.ADMINISTRATIVE, _I.RETRIAL_REVIEW, "行政依职权再审审查"),
        _t("行抗", _F.ADMINISTRATIVE, _I.RETRIAL_REVIEW, "行政抗诉再审审查"),
        _t("行审", _F.ADMINISTRATIVE, _I.REVIEW, "非诉行政执行审查"),
        _t("行审复", _F.ADMINISTRATIVE, _I.REVIEW, "非诉行政执行审查复议"),
        _t("行赔初", _F.ADMINISTRATIVE, _I.FIRST, "行政赔偿一审"),
        _t("行赔终", _F.ADMINISTRATIVE, _I.SECOND, "行政赔偿二审"),
        _t("行赔申", _F.ADMINISTRATIVE, _I.RETRIAL_REVIEW, "行政赔偿申请再审审查"),
        # Enforcement; 执恢 and 执保 are excluded from counts by the [Q4a] court rule.
        _t("执", _F.ENFORCEMENT, _I.ENFORCEMENT, "首次执行"),
        _t("执恢", _F.ENFORCEMENT, _I.ENFORCEMENT, "恢复执行", counts=False),
        _t("执保", _F.ENFORCEMENT, _I.ENFORCEMENT, "财产保全执行", counts=False),
        _t("执异", _F.ENFORCEMENT, _I.OTHER, "执行异议"),
        _t("执复", _F.ENFORCEMENT, _I.REVIEW, "执行复议"),
        _t("执监", _F.ENFORCEMENT, _I.REVIEW, "执行监督"),
        _t("执协", _F.ENFORCEMENT, _I.OTHER, "执行协调"),
        _t("执他", _F.ENFORCEMENT, _I.OTHER, "执行其他"),
        # Preservation (行保 is conduct preservation, not administrative)
        _t("财保", _F.PRESERVATION, _I.OTHER, "财产保全"),
        _t("行保", _F.PRESERVATION, _I.OTHER, "行为保全"),
        _t("证保", _F.PRESERVATION, _I.OTHER, "证据保全"),
        # Bankruptcy; compulsory liquidation is heard by the same tribunal under the same
        # rules, and Family has no separate member for it.
        _t("破申", _F.BANKRUPTCY, _I.OTHER, "破产申请审查"),
        _t("破", _F.BANKRUPTCY, _I.OTHER, "破产"),
        _t("破终", _F.BANKRUPTCY, _I.SECOND, "破产上诉"),
        _t("强清申", _F.BANKRUPTCY, _I.OTHER, "强制清算申请审查"),
        _t("强清", _F.BANKRUPTCY, _I.OTHER, "强制清算"),
        # State compensation
        _t("法赔", _F.STATE_COMPENSATION, _I.FIRST, "法院作为赔偿义务机关"),
        _t("委赔", _F.STATE_COMPENSATION, _I.OTHER, "赔偿委员会审理"),
        _t("委赔监", _F.STATE_COMPENSATION, _I.RETRIAL_REVIEW, "赔偿委员会监督审查"),
        _t("委赔提", _F.STATE_COMPENSATION, _I.RETRIAL, "赔偿委员会提审"),
        _t("委赔他", _F.STATE_COMPENSATION, _I.OTHER, "赔偿委员会其他"),
        _t("赔他", _F.STATE_COMPENSATION, _I.OTHER, "赔偿其他"),
        # Judicial sanction and assistance
        _t("司惩", _F.JUDICIAL_SANCTION, _I.OTHER, "司法制裁"),
        _t("司惩复", _F.JUDICIAL_SANCTION, _I.REVIEW, "司法制裁复议"),
        _t("司救民", _F.OTHER, _I.OTHER, "民事司法救助"),
        _t("司救刑", _F.OTHER, _I.OTHER, "刑事司法救助"),
        _t("司救行", _F.OTHER, _I.OTHER, "行政司法救助"),
        _t("司救执", _F.OTHER, _I.OTHER, "执行司法救助"),
        _t("司救赔", _F.OTHER, _I.OTHER, "国家赔偿司法救助"),
        _t("司救访", _F.OTHER, _I.OTHER, "涉诉信访司法救助"),
        # Recognition of judgments from outside the mainland
        _t("认港", _F.OTHER, _I.OTHER, "认可香港裁判"),
        _t("认澳", _F.OTHER, _I.OTHER, "认可澳门裁判"),
        _t("认台", _F.OTHER, _I.OTHER, "认可台湾裁判"),
        _t("认外", _F.OTHER, _I.OTHER, "承认外国裁判"),
    ]
)
