"""审限预警清单: cases over or approaching their statutory limit, and the hidden over-limit
flags, department by department."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from backlog_desk.domain.dates import format_date_cn

from .layout import esc, fmt_date, frame_width, gap, heading_block, render, styles
from .model import ReportMeta
from .tables import data_table

TITLE = "审限预警清单"
HEADER = ["序号", "案号", "承办人", "立案日期", "审限类别", "届满日期", "剩余/超期", "状态",
          "隐性超审限情形"]
FRACTIONS = [0.04, 0.14, 0.06, 0.075, 0.13, 0.075, 0.07, 0.06, 0.35]


@dataclass(frozen=True)
class DeadlineLine:
    case_number: str
    judge: str
    filing_date: dt.date
    track: str
    deadline: dt.date | None
    days_left: int | None
    state_label: str
    flags: tuple[str, ...]


@dataclass(frozen=True)
class DepartmentBlock:
    department: str
    over: int
    approaching: int
    flagged: int
    lines: list[DeadlineLine]


@dataclass(frozen=True)
class DeadlinesData:
    open_cases: int
    over: int
    approaching: int
    flagged: int
    departments: list[DepartmentBlock] = field(default_factory=list)


def _left(line: DeadlineLine) -> str:
    if line.days_left is None:
        return ""
    return f"超{-line.days_left}日" if line.days_left < 0 else f"剩{line.days_left}日"


def build(path: Path, meta: ReportMeta, data: DeadlinesData) -> int:
    st = styles()
    width = frame_width(wide=True)
    scope = meta.department or "全院"
    story: list[Flowable] = [*heading_block(st, meta)]
    story.append(Paragraph(esc(
        f"截至{format_date_cn(meta.as_of)}，{scope}未结案件{data.open_cases}件，其中超审限"
        f"{data.over}件、临近审限届满{data.approaching}件，有隐性超审限情形{data.flagged}件。"
        "审限按法定期限、经批准的延长和依法不计入审限的期间计算；隐性超审限情形为提示核查，"
        "不等于违规。"), st.body))
    story.append(gap(2))
    for block in data.departments:
        story.append(Paragraph(esc(
            f"{block.department or '未分配部门'}：超审限{block.over}件，临近届满"
            f"{block.approaching}件，隐性超审限情形{block.flagged}件"), st.heading))
        rows = ([str(i), ln.case_number, ln.judge, fmt_date(ln.filing_date), ln.track,
                 fmt_date(ln.deadline), _left(ln), ln.state_label, "；".join(ln.flags)]
                for i, ln in enumerate(block.lines, start=1))
        story.append(data_table(HEADER, rows, [width * f for f in FRACTIONS], size=7.5,
                                align=["CENTER", "LEFT", "LEFT", "CENTER", "LEFT", "CENTER",
                                       "CENTER", "CENTER", "LEFT"]))
        story.append(gap(3))
    if not data.departments:
        story.append(Paragraph(esc("没有超审限、临近届满或有隐性超审限情形的案件。"), st.body))
    return render(path, meta, story, wide=True)
