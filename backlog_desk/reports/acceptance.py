"""部门验收报告: one department's ledger checked case by case, its figures, the problems still
open, and the signatures of the department head and the vice-president over it."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from backlog_desk.domain.dates import format_date_cn
from backlog_desk.domain.rates import format_rate

from .bulletin import STATE_CN
from .committee import reason_text
from .layout import (
    esc,
    fmt_date,
    frame_width,
    gap,
    heading_block,
    render,
    signature_block,
    styles,
)
from .model import AcceptanceData, ReportMeta
from .tables import data_table

TITLE = "旧存案件清结验收报告"
STATUS_CN = {"open": "未结", "closed": "已结"}
HEADER = ["序号", "案号", "案件名称", "立案日期", "承办人", "状态", "结案日期", "结案方式",
          "未结原因", "预计结案日期", "核查意见"]
FRACTIONS = [0.035, 0.135, 0.19, 0.065, 0.055, 0.04, 0.065, 0.07, 0.19, 0.065, 0.09]


def build(path: Path, meta: ReportMeta, data: AcceptanceData) -> int:
    st = styles()
    width = frame_width(wide=True)
    t = data.tally
    story: list[Flowable] = [*heading_block(st, meta, office=data.department)]
    story.append(Paragraph("一、基本情况", st.heading))
    rank = (f"，在全院{data.ranked}个部门中排名第{data.rank}"
            if data.rank is not None else "")
    story.append(Paragraph(esc(
        f"截至{format_date_cn(meta.as_of)}，{data.department}旧存案件{t.total}件，已结{t.closed}件，"
        f"未结{t.open}件，清结率{format_rate(t.rate)}{rank}。"), st.body))
    for ts in data.targets:
        story.append(Paragraph(esc(
            f"{ts.target.name}（{format_date_cn(ts.target.due)}前达到"
            f"{format_rate(ts.required, 0)}）："
            f"本部门{ts.tally.total}件，实际{format_rate(ts.actual)}，{STATE_CN[ts.state]}"
            + (f"，尚差{ts.gap_cases}件。" if ts.gap_cases else "。")), st.body))
    if data.manners:
        story.append(Paragraph(esc("已结案件按结案方式：" + "、".join(
            f"{m or '未填'}{n}件" for m, n in data.manners) + "。"), st.body))
    story.append(Paragraph("二、存在问题", st.heading))
    problems = [(what, n) for what, n in data.problems if n]
    if problems:
        for i, (what, n) in enumerate(problems, start=1):
            story.append(Paragraph(esc(f"{i}．{what}{n}件。"), st.body))
    else:
        story.append(Paragraph("经逐案核查，未发现问题。", st.body))
    story.append(Paragraph(f"三、逐案核查情况（{len(data.cases)}件）", st.heading))
    rows = ([str(i), c.case_number, c.title, fmt_date(c.filing_date), c.judge,
             STATUS_CN.get(c.status, c.status), fmt_date(c.closed_date), c.close_manner,
             reason_text(c) if c.status == "open" else "", fmt_date(c.expected_close_date)
             if c.status == "open" else "", ""]
            for i, c in enumerate(data.cases, start=1))
    story.append(data_table(HEADER, rows, [width * f for f in FRACTIONS], size=7.5,
                            align=["CENTER", "LEFT", "LEFT", "CENTER", "LEFT", "CENTER",
                                   "CENTER", "LEFT", "LEFT", "CENTER", "LEFT"]))
    signers = [f"庭长 {data.head}".strip(), f"分管院领导 {data.leader}".strip()]
    story.append(KeepTogether([
        Paragraph("四、验收意见", st.heading),
        Paragraph("＿" * 60, st.body), Paragraph("＿" * 60, st.body), gap(4),
        signature_block(signers, width * 0.8)]))
    return render(path, meta, story, wide=True)
