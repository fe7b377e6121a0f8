"""Withdrawn and refiled, closed and reopened: hand-worked cases for the two refiling flags."""

from __future__ import annotations

import datetime as dt

from backlog_desk.domain.time_limits_events import Thresholds
from backlog_desk.domain.time_limits_refiling import EarlierCase, refiling_flags, title_key

D = dt.date
TITLE = "张三诉李四民间借贷纠纷"


def _old(closed: dt.date, manner: str, *, title: str = TITLE, code: str = "民初",
         number: str = "（2025）吉0105民初7号") -> EarlierCase:
    return EarlierCase(number, title, code, D(2025, 1, 10), closed, manner)


def test_titles_compare_without_spaces_and_punctuation() -> None:
    assert title_key("张三 诉 李四（民间借贷）纠纷") == title_key("张三诉李四(民间借贷)纠纷")


def test_withdrawn_and_refiled_within_the_threshold_explains_itself() -> None:
    flags = refiling_flags("（2025）吉0105民初99号", "张三 诉 李四民间借贷纠纷", "民初",
                           D(2025, 6, 30), [_old(D(2025, 5, 1), "撤诉")], Thresholds())
    assert [f.code for f in flags] == ["withdrawn_refiled"]
    assert flags[0].message == (
        "本案与（2025）吉0105民初7号案件名称、当事人相同，前案于2025年5月1日"
        "撤诉后60日即重新立案（不超过90日），需核查是否以撤诉再立案规避审限。")


def test_the_threshold_is_inclusive_and_adjustable() -> None:
    old = [_old(D(2025, 1, 1), "撤诉")]
    assert refiling_flags("x", TITLE, "民初", D(2025, 4, 1), old, Thresholds())  # 90 days
    assert not refiling_flags("x", TITLE, "民初", D(2025, 4, 2), old, Thresholds())  # 91
    assert refiling_flags("x", TITLE, "民初", D(2025, 4, 2), old, Thresholds(refile_days=91))


def test_closed_and_reopened_names_the_manner() -> None:
    flags = refiling_flags("x", TITLE, "民初", D(2025, 9, 1), [_old(D(2025, 5, 1), "驳回")],
                           Thresholds())
    assert [f.code for f in flags] == ["closed_reopened"]
    assert "以驳回方式结案后123日又立新案（不超过180日）" in flags[0].message


def test_not_the_same_dispute_or_not_soon_after_is_not_flagged() -> None:
    th = Thresholds()
    assert not refiling_flags("x", TITLE, "民初", D(2025, 6, 1),
                              [_old(D(2025, 5, 1), "撤诉", title="王五诉赵六买卖合同纠纷")], th)
    # an appeal of the same dispute carries another type code: a lawful next step
    assert not refiling_flags("x", TITLE, "民终", D(2025, 6, 1), [_old(D(2025, 5, 1), "判决")], th)
    # closed after the new case was filed: not a refiling
    assert not refiling_flags("x", TITLE, "民初", D(2025, 6, 1), [_old(D(2025, 7, 1), "撤诉")], th)
    # the case itself
    assert not refiling_flags("（2025）吉0105民初7号", TITLE, "民初", D(2025, 6, 1),
                              [_old(D(2025, 5, 1), "撤诉")], th)
    assert not refiling_flags("x", "", "民初", D(2025, 6, 1), [_old(D(2025, 5, 1), "撤诉")], th)


def test_the_nearest_earlier_case_is_named_and_both_flags_can_apply() -> None:
    olds = [_old(D(2025, 2, 1), "撤诉", number="（2025）吉0105民初1号"),
            _old(D(2025, 5, 1), "撤诉", number="（2025）吉0105民初2号"),
            _old(D(2025, 3, 1), "调解", number="（2025）吉0105民初3号")]
    flags = refiling_flags("x", TITLE, "民初", D(2025, 5, 11), olds, Thresholds())
    assert [f.code for f in flags] == ["withdrawn_refiled", "closed_reopened"]
    assert "民初2号" in flags[0].message and "10日" in flags[0].message
    assert "民初3号" in flags[1].message
