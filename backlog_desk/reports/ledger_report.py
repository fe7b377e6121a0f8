"""台账: the ledger as it stands, with the current filter, for checking on paper."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from backlog_desk.domain.dates import format_date_cn

from .committee import reason_text
from .layout import esc, fmt_date, frame_width, gap, heading_block, render, styles
from .model import CaseListData, ReportMeta
from .tables import data_table

TITLE = "旧存案件清结台账"
STATUS_CN = {"open": "未结", "closed": "已结", "overdue": "逾期未结"}
HEADER = ["序号", "案号", "案件名称", "立案日期", "承办部门", "承办人", "未结原因",
          "清结措施", "预计结案日期", "状态", "结案日期", "结案方式"]
FRACTIONS = [0.035, 0.135, 0.166, 0.06, 0.068, 0.045, 0.17, 0.1, 0.06, 0.035, 0.06, 0.066]


def build(path: Path, meta: ReportMeta, data: CaseListData) -> int:
    st = styles()
    width = frame_width(wide=True)
    scope = meta.department or "全院"
    status = STATUS_CN.get(data.status_filter or "", "全部")
    story: list[Flowable] = [*heading_block(st, meta)]
    story.append(Paragraph(esc(
        f"范围：{scope}旧存案件，状态：{status}，共{len(data.cases)}件；"
        f"状态按{format_date_cn(meta.as_of)}计。"), st.note))
    story.append(gap(2))
    rows = ([str(i), c.case_number, c.title, fmt_date(c.filing_date), c.department, c.judge,
             reason_text(c), c.measures, fmt_date(c.expected_close_date),
             STATUS_CN.get(c.status, c.status), fmt_date(c.closed_date), c.close_manner]
            for i, c in enumerate(data.cases, start=1))
    story.append(data_table(HEADER, rows, [width * f for f in FRACTIONS], size=7.5,
                            align=["CENTER", "LEFT", "LEFT", "CENTER", "LEFT", "LEFT", "LEFT",
                                   "LEFT", "CENTER", "CENTER", "CENTER", "LEFT"]))
    return render(path, meta, story, wide=True)
