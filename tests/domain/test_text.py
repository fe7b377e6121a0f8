"""Cleaning of ledger text and personal names."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backlog_desk.domain.text import (
    clean_person_name,
    clean_text,
    clean_texts,
    contains_cjk,
    to_text,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("\u3000\u3000", ""),
        ("  民一庭  ", "民一庭"),
        ("\u3000民一庭\u3000", "民一庭"),
        ("民一庭\n", "民一庭"),
        ("鉴定中，  预计\t下月\n结案", "鉴定中， 预计 下月 结案"),
        ("公告\u3000\u3000送达", "公告 送达"),
        # Full-width digits and letters become ASCII ...
        ("（２０２１）吉０１０５民初１２３４号", "（2021）吉0105民初1234号"),
        ("ＡＢＣ　ｘｙｚ", "ABC xyz"),
        ("２０２１－０３－０５", "2021-03-05"),
        # ... but Chinese punctuation stays full-width.
        ("因当事人下落不明，需公告送达：预计？！；", "因当事人下落不明，需公告送达：预计？！；"),
        ("（2021）吉0105民初1号", "（2021）吉0105民初1号"),
        ("等待鉴定……", "等待鉴定……"),
        # Half-width parentheses typed by the user are not turned into full-width ones.
        ("(2021)吉0105民初1号", "(2021)吉0105民初1号"),
        # Compatibility ideograph (U+F90A) becomes the unified one (U+91D1).
        ("\uf90a", "\u91d1"),
        # Half-width katakana middle dot in minority names becomes the full-width one.
        ("买买提\uff65艾力", "买买提\u30fb艾力"),
        # Zero-width characters copied from web pages vanish.
        ("民\u200b一庭\ufeff", "民一庭"),
        # Numbers and dates read from cells.
        (1234.0, "1234"),
        (1234, "1234"),
        (12.5, "12.5"),
        (date(2021, 3, 5), "2021-03-05"),
        (datetime(2021, 3, 5), "2021-03-05"),
        (True, "TRUE"),
    ],
)
def test_clean_text(raw: object, clean: str) -> None:
    assert clean_text(raw) == clean


def test_to_text_keeps_time_of_day() -> None:
    assert to_text(datetime(2021, 3, 5, 14, 30)) == "2021-03-05 14:30:00"
    assert to_text(None) == ""
    assert to_text(" 原样 ") == " 原样 "  # to_text renders, it does not clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("张　三", "张三"),
        (" 李 四 ", "李四"),
        ("张  三", "张三"),
        ("欧阳\u3000娜娜", "欧阳娜娜"),
        ("王五\n", "王五"),
        ("买买提·艾力", "买买提·艾力"),
        ("张三、李四", "张三、李四"),
        ("John  Smith", "John Smith"),
        (" Anna\u3000Lee ", "Anna Lee"),
        ("𠮷 田", "𠮷田"),  # extension-B character still counts as CJK
        (None, ""),
    ],
)
def test_clean_person_name(raw: object, clean: str) -> None:
    assert clean_person_name(raw) == clean


def test_contains_cjk() -> None:
    assert contains_cjk("张三")
    assert contains_cjk("x𠮷")
    assert not contains_cjk("John Smith")
    assert not contains_cjk("（）：，")


def test_clean_texts_matches_clean_text_on_a_mixed_column() -> None:
    column: list[object] = [
        "（2021）吉0105民初1号",
        " 首尾空格 ",
        "（２０２１）吉０１０５民初２号",
        "中间  两个空格",
        "",
        "末尾\u3000",
        "clean",
    ]
    assert clean_texts(column) == [clean_text(v) for v in column]


def test_clean_texts_with_non_strings_falls_back() -> None:
    assert clean_texts(["a", 12.0, None, date(2021, 3, 5)]) == ["a", "12", "", "2021-03-05"]


_PIECES = st.sampled_from(
    [
        "张",
        "三",
        " ",
        "\u3000",
        "\t",
        "\n",
        "（",
        "）",
        "２",
        "a",
        "\u200b",
        "，",
        "①",
        "ﾊ",
        "\x00",
        "\xa0",
        "…",
        "x ",
    ]
)


@given(st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=8))
def test_clean_texts_equals_clean_text_everywhere(column: list[str]) -> None:
    assert clean_texts(column) == [clean_text(v) for v in column]


@given(st.text(max_size=30))
def test_clean_text_is_idempotent_and_trimmed(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.text(alphabet="张三李四欧阳 \u3000\t", max_size=10))
def test_chinese_names_have_no_spaces(text: str) -> None:
    assert not any(ch.isspace() for ch in clean_person_name(text))
