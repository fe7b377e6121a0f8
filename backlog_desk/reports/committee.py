"""长期未结案件审委会研究清单: every open baseline case over a year old, for the committee,
with the committee's recorded decision (or room to write it) and the signature lines."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from backlog_desk.domain.dates import format_date_cn

from .layout import (
    esc,
    fmt_age,
    fmt_date,
    frame_width,
    gap,
    heading_block,
    render,
    signature_block,
    styles,
)
from .model import CaseLine, CaseListData, ReportMeta
from .tables import data_table

TITLE = "长期未结案件审委会研究清单"
SIGNERS = ("承办人", "庭长", "分管院领导", "院长")
HEADER = ["序号", "案号", "案件名称", "立案日期", "案龄", "承办部门", "承办人", "未结原因",
          "是否法定事由", "清结措施", "预计结案日期", "审委会意见"]
# Widths chosen so the longest case number (about 95 pt at 7.5 pt) and a department name of
# six characters fit on one line; the title and the reason take the wrapping.
FRACTIONS = [0.03, 0.135, 0.16, 0.06, 0.055, 0.068, 0.045, 0.15, 0.04, 0.095, 0.06, 0.102]
# An empty decision cell keeps room for the decision to be written in by hand.
BLANK_DECISION = "\n\n"


def lawful_text(lawful: bool | None) -> str:
    return "未填" if lawful is None else ("是" if lawful else "否")


def reason_text(c: CaseLine) -> str:
    return f"【{c.reason_category}】{c.reason}" if c.reason_category else c.reason


def decision_text(c: CaseLine) -> str:
    if not c.committee_decision:
        return BLANK_DECISION
    when = f"（{fmt_date(c.committee_date)}）" if c.committee_date else ""
    return c.committee_decision + when


def row(i: int, c: CaseLine) -> list[str]:
    return [str(i), c.case_number, c.title, fmt_date(c.filing_date), fmt_age(c.age_months),
            c.department, c.judge, reason_text(c), lawful_text(c.lawful), c.measures,
            fmt_date(c.expected_close_date), decision_text(c)]


def build(path: Path, meta: ReportMeta, data: CaseListData) -> int:
    st = styles()
    width = frame_width(wide=True)
    scope = meta.department or "全院"
    lawful = sum(1 for c in data.cases if c.lawful)
    decided = sum(1 for c in data.cases if c.committee_decision)
    story: list[Flowable] = [*heading_block(st, meta)]
    story.append(Paragraph(esc(
        f"截至{format_date_cn(meta.as_of)}，{scope}立案已满一年仍未审结的旧存案件共"
        f"{len(data.cases)}件，其中属法定事由的{lawful}件，已经审判委员会研究的{decided}件。"
        f"现将清单提请审判委员会逐案研究，明确结案期限和责任人。"), st.body))
    story.append(gap(2))
    story.append(data_table(HEADER, (row(i, c) for i, c in enumerate(data.cases, start=1)),
                            [width * f for f in FRACTIONS], size=7.5,
                            align=["CENTER", "LEFT", "LEFT", "CENTER", "CENTER", "LEFT", "LEFT",
                                   "LEFT", "CENTER", "LEFT", "CENTER", "LEFT"]))
    story.append(KeepTogether([gap(6), Paragraph("审核签字", st.heading),
                               signature_block(SIGNERS, width * 0.8)]))
    return render(path, meta, story, wide=True)
