"""报市中院审管办: the formal report to the intermediate court's audit office.

A 上行文 layout: red header with the court's name, 文号 and 签发人, a red rule, title,
addressee, a body whose sentences are generated from the figures, the president's signature
with the seal area and date, and the list of cases still open over a year as an attachment.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, PageBreak, Paragraph, Table

from backlog_desk.domain.dates import format_date_cn
from backlog_desk.domain.rates import format_rate

from .bulletin import STATE_CN
from .committee import decision_text, lawful_text, reason_text
from .fonts import register_font
from .layout import esc, fmt_age, fmt_date, frame_width, gap, render, styles
from .model import ReportMeta, SuperiorData
from .tables import data_table

TITLE = "关于旧存案件清结专项行动进展情况的报告"
RED = colors.HexColor("#c00000")


def addressee(court_name: str) -> str:
    """The intermediate court over a district court: 长春市二道区人民法院 -> 长春市中级人民法院.
    The ledger does not store the superior court, so this is derived from the name."""
    if "市" in court_name and not court_name.endswith("中级人民法院"):
        return court_name.split("市", 1)[0] + "市中级人民法院审判管理办公室："
    return "市中级人民法院审判管理办公室："


def body(meta: ReportMeta, data: SuperiorData) -> list[str]:
    f = data.figures
    t = f.total
    out = [f"按照上级法院关于开展旧存案件清结专项行动的部署，我院对"
           f"{format_date_cn(f.reference_date)}前应予清结的旧存案件逐案建立台账、逐案明确责任人和结案期限。现将进展情况报告如下。",
           f"截至{format_date_cn(meta.as_of)}，我院旧存案件共{t.total}件，已结{t.closed}件，"
           f"未结{t.open}件，清结率{format_rate(t.rate)}。"]
    for ts in f.targets:
        s = (f"{ts.target.name}（{format_date_cn(ts.target.due)}前达到"
             f"{format_rate(ts.required, 0)}）：实际{format_rate(ts.actual)}，{STATE_CN[ts.state]}")
        out.append(s + (f"，尚差{ts.gap_cases}件。" if ts.gap_cases else "。"))
    ages = "，".join(f"{label}{b.total}件、已结{b.closed}件" for label, b in f.buckets if b.total)
    if ages:
        out.append(f"按案龄（计算至{format_date_cn(f.reference_date)}）分：{ages}。")
    ranked = [d for d in f.departments if d.rank is not None]
    if len(ranked) > 1:
        best, worst = ranked[0], ranked[-1]
        out.append(f"各部门中，清结率最高的是{best.name}（{format_rate(best.tally.rate)}），"
                   f"最低的是{worst.name}（{format_rate(worst.tally.rate)}）。")
    lawful = sum(1 for c in data.long_open if c.lawful)
    decided = sum(1 for c in data.long_open if c.committee_decision)
    out.append(f"目前立案已满一年仍未审结的案件{len(data.long_open)}件，其中属法定事由的{lawful}件，"
               f"已经审判委员会研究的{decided}件，具体情况见附件。")
    out.append("下一步，我院将坚持院庭长包案督办，逐案落实清结措施，对无法定事由的长期未结案件"
               "限期结案，确保按期完成清结任务。")
    out.append("特此报告。")
    return out


def _signature(width: float) -> Table:
    font = register_font()
    seal = "（盖章处）"
    rows = [["", "院长（签字）：＿＿＿＿＿＿＿＿", seal],
            ["", "", ""],
            ["", "　　　　年　　月　　日", ""]]
    return Table(rows, colWidths=[width * 0.35, width * 0.4, width * 0.25],
                 rowHeights=[16 * mm, 8 * mm, 12 * mm], style=[
                     ("FONT", (0, 0), (-1, -1), font, 11, 16),
                     ("BOX", (2, 0), (2, 2), 0.6, colors.HexColor("#999999")),
                     ("SPAN", (2, 0), (2, 2)),
                     ("ALIGN", (2, 0), (2, 2), "CENTER"),
                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                     ("TEXTCOLOR", (2, 0), (2, 2), colors.HexColor("#999999")),
                 ])


def build(path: Path, meta: ReportMeta, data: SuperiorData) -> int:
    st = styles()
    font = register_font()
    width = frame_width(wide=False)
    red_title = ParagraphStyle("red", parent=st.title, fontSize=26, leading=36, textColor=RED)
    number = ParagraphStyle("number", parent=st.body, firstLineIndent=0)
    story: list[Flowable] = [
        Paragraph(esc(meta.court_name), red_title), gap(2),
        Table([[data.doc_number, f"签发人：{data.president}"]],
              colWidths=[width / 2, width / 2],
              style=[("FONT", (0, 0), (-1, -1), font, 12, 16),
                     ("ALIGN", (1, 0), (1, 0), "RIGHT")]),
        HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=2, spaceAfter=10),
        Paragraph(esc(TITLE), st.title), gap(2),
        Paragraph(esc(addressee(meta.court_name)), number),
    ]
    story += [Paragraph(esc(s), st.body) for s in body(meta, data)]
    story.append(KeepTogether([gap(8), _signature(width),
                               Paragraph(esc(f"附件：立案满一年仍未审结案件清单（{len(data.long_open)}件）"),
                                         number)]))
    story.append(PageBreak())
    story.append(Paragraph("附件", number))
    story.append(Paragraph("立案满一年仍未审结案件清单", st.title))
    rows = [[str(i), c.case_number, c.title, fmt_date(c.filing_date), fmt_age(c.age_months),
             c.department, reason_text(c), lawful_text(c.lawful), decision_text(c).strip()]
            for i, c in enumerate(data.long_open, start=1)]
    fr = [0.04, 0.205, 0.16, 0.09, 0.08, 0.09, 0.175, 0.05, 0.11]
    story.append(data_table(["序号", "案号", "案件名称", "立案日期", "案龄", "承办部门", "未结原因",
                             "法定事由", "审委会意见"], rows, [width * x for x in fr], size=7.5,
                            align=["CENTER", "LEFT", "LEFT", "CENTER", "CENTER", "LEFT", "LEFT",
                                   "CENTER", "LEFT"]))
    return render(path, meta, story)
