"""The case-type table: default contents, lookups and a court's overrides."""

from __future__ import annotations

import pytest

from backlog_desk.domain.case_types import (
    DEFAULT_CASE_TYPES,
    CaseType,
    CaseTypeTable,
    Family,
    Instance,
    infer_family_and_instance,
    type_code_problem,
)

# Every code LEGAL.md §1.5 lists by name; the default table must know all of them.
LEGAL_CODES = (
    "民初", "民终", "民再", "民申", "民监", "民抗", "民辖", "民辖终", "民辖监", "民撤", "民特",
    "民督", "民催", "民他", "民诉前调", "诉前调确", "诉前调书", "刑初", "刑终", "刑核", "刑监",
    "刑申", "刑抗", "刑再", "刑没", "刑没初", "刑医", "刑医解", "刑医复", "刑医监", "刑更",
    "刑更监", "刑更备", "刑他", "行初", "行终", "行申", "行再", "行监", "行抗", "行审", "行审复",
    "行赔初", "行赔终", "行赔申", "执", "执恢", "执保", "执异", "执复", "执监", "执协", "执他",
    "财保", "行保", "证保", "破申", "破", "破终", "强清申", "强清", "法赔", "委赔", "委赔监",
    "委赔提", "委赔他", "赔他", "司惩", "认港", "认澳", "认台", "认外",
)  # fmt: skip


@pytest.mark.parametrize("code", LEGAL_CODES)
def test_default_table_knows_every_code_in_legal(code: str) -> None:
    case_type = DEFAULT_CASE_TYPES.get(code)
    assert case_type is not None
    assert case_type.code == code
    assert case_type.label


@pytest.mark.parametrize(
    ("code", "family", "instance"),
    [
        ("民初", Family.CIVIL, Instance.FIRST),
        ("民终", Family.CIVIL, Instance.SECOND),
        ("民再", Family.CIVIL, Instance.RETRIAL),
        ("民申", Family.CIVIL, Instance.RETRIAL_REVIEW),
        ("民辖终", Family.CIVIL, Instance.SECOND),
        ("刑初", Family.CRIMINAL, Instance.FIRST),
        ("刑核", Family.CRIMINAL, Instance.REVIEW),
        ("刑再", Family.CRIMINAL, Instance.RETRIAL),
        ("行终", Family.ADMINISTRATIVE, Instance.SECOND),
        ("行赔初", Family.ADMINISTRATIVE, Instance.FIRST),
        ("执", Family.ENFORCEMENT, Instance.ENFORCEMENT),
        ("执恢", Family.ENFORCEMENT, Instance.ENFORCEMENT),
        ("执复", Family.ENFORCEMENT, Instance.REVIEW),
        ("财保", Family.PRESERVATION, Instance.OTHER),
        ("行保", Family.PRESERVATION, Instance.OTHER),
        ("破终", Family.BANKRUPTCY, Instance.SECOND),
        ("法赔", Family.STATE_COMPENSATION, Instance.FIRST),
        ("委赔提", Family.STATE_COMPENSATION, Instance.RETRIAL),
        ("司惩", Family.JUDICIAL_SANCTION, Instance.OTHER),
    ],
)
def test_default_family_and_instance(code: str, family: Family, instance: Instance) -> None:
    case_type = DEFAULT_CASE_TYPES.get(code)
    assert case_type is not None
    assert (case_type.family, case_type.instance) == (family, instance)


def test_counts_in_stats_defaults_follow_the_one_court_rule_seen() -> None:
    excluded = {t.code for t in DEFAULT_CASE_TYPES if not t.counts_in_stats}
    assert {"诉前调确", "诉前调书", "执保", "执恢"} <= excluded
    for code in ("民初", "刑初", "执", "民终"):
        case_type = DEFAULT_CASE_TYPES.get(code)
        assert case_type is not None and case_type.counts_in_stats


def test_codes_are_longest_first_and_complete() -> None:
    codes = DEFAULT_CASE_TYPES.codes()
    assert [len(c) for c in codes] == sorted((len(c) for c in codes), reverse=True)
    assert set(codes) == {t.code for t in DEFAULT_CASE_TYPES}
    assert len(codes) == len(DEFAULT_CASE_TYPES)
    assert codes.index("民辖终") < codes.index("民辖")


def test_codes_returns_a_copy() -> None:
    DEFAULT_CASE_TYPES.codes().clear()
    assert "民初" in DEFAULT_CASE_TYPES.codes()


def test_get_unknown_is_none_and_contains() -> None:
    assert DEFAULT_CASE_TYPES.get("民民") is None
    assert "民初" in DEFAULT_CASE_TYPES
    assert "民民" not in DEFAULT_CASE_TYPES
    assert DEFAULT_CASE_TYPES.get("民初") in DEFAULT_CASE_TYPES
    assert CaseType("民初", Family.OTHER, Instance.OTHER, "x") not in DEFAULT_CASE_TYPES
    assert 42 not in DEFAULT_CASE_TYPES


def test_with_types_adds_and_overrides_without_changing_the_original() -> None:
    added = CaseType("民新", Family.CIVIL, Instance.OTHER, "某院自设")
    override = CaseType("执恢", Family.ENFORCEMENT, Instance.ENFORCEMENT, "恢复执行", True)
    table = DEFAULT_CASE_TYPES.with_types([added, override])

    assert table.get("民新") == added
    assert table.get("执恢") == override
    assert len(table) == len(DEFAULT_CASE_TYPES) + 1
    assert "民新" not in DEFAULT_CASE_TYPES
    original = DEFAULT_CASE_TYPES.get("执恢")
    assert original is not None and not original.counts_in_stats
    assert "民新" in table.codes()


def test_later_duplicate_wins_in_constructor() -> None:
    first = CaseType("民初", Family.CIVIL, Instance.FIRST, "a")
    second = CaseType("民初", Family.CIVIL, Instance.FIRST, "b")
    table = CaseTypeTable([first, second])
    assert len(table) == 1
    assert table.get("民初") == second
    assert list(table) == [second]


def test_tables_compare_by_content() -> None:
    assert CaseTypeTable(DEFAULT_CASE_TYPES) == DEFAULT_CASE_TYPES
    assert hash(CaseTypeTable(DEFAULT_CASE_TYPES)) == hash(DEFAULT_CASE_TYPES)
    assert CaseTypeTable([]) != DEFAULT_CASE_TYPES


@pytest.mark.parametrize(
    "code",
    ["", "民初字", "民第", "号", "民初1", "ab", "民 初", "民初民初民初", "（民）", "民\u3000"],
)
def test_bad_type_codes_are_refused(code: str) -> None:
    assert type_code_problem(code) is not None
    with pytest.raises(ValueError):
        CaseType(code, Family.CIVIL, Instance.FIRST, "x")


@pytest.mark.parametrize("code", ["执", "民初", "民辖终", "民诉前调", "司救民"])
def test_good_type_codes_are_accepted(code: str) -> None:
    assert type_code_problem(code) is None


@pytest.mark.parametrize(
    ("type_text", "family", "instance"),
    [
        ("民一初", Family.CIVIL, Instance.FIRST),  # division numeral hides 民初
        ("刑二终", Family.CRIMINAL, Instance.SECOND),
        ("知民终", Family.CIVIL, Instance.SECOND),  # old IP prefix
        ("非诉行审", Family.ADMINISTRATIVE, Instance.REVIEW),
        ("执复", Family.ENFORCEMENT, Instance.REVIEW),  # straight from the table
        ("刑三复", Family.CRIMINAL, Instance.REVIEW),  # by characters
        ("商初", Family.CIVIL, Instance.FIRST),
        ("海商初", Family.CIVIL, Instance.FIRST),
        ("民提", Family.CIVIL, Instance.RETRIAL),
        ("执行", Family.ENFORCEMENT, Instance.ENFORCEMENT),  # no stage character
        ("商清预", Family.CIVIL, Instance.OTHER),
        ("特", Family.OTHER, Instance.OTHER),
    ],
)
def test_infer_family_and_instance(type_text: str, family: Family, instance: Instance) -> None:
    assert infer_family_and_instance(type_text, DEFAULT_CASE_TYPES) == (family, instance)


def test_infer_uses_the_given_table_first() -> None:
    table = DEFAULT_CASE_TYPES.with_types(
        [CaseType("商初", Family.BANKRUPTCY, Instance.OTHER, "x")]
    )
    assert infer_family_and_instance("商初", table) == (Family.BANKRUPTCY, Instance.OTHER)
