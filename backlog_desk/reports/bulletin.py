"""清结进度通报: the weekly dispatch / monthly bulletin with ranking, charts and warnings."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from backlog_desk.domain.dates import format_date_cn
from backlog_desk.domain.rates import TargetStatus, format_rate

from . import charts
from .layout import esc, fmt_date, frame_width, gap, heading_block, render, styles
from .model import BulletinData, DepartmentLine, ReportMeta
from .tables import data_table

TITLE = "旧存案件清结进度通报"
STATE_CN = {"met": "已达标", "on_track": "进度正常", "behind": "进度落后", "missed": "未达标"}


def _rank_change(d: DepartmentLine) -> str:
    if d.rank is None or d.previous_rank is None:
        return "—"
    delta = d.previous_rank - d.rank
    return "持平" if delta == 0 else (f"升{delta}" if delta > 0 else f"降{-delta}")


def _target_sentence(t: TargetStatus) -> str:
    due = format_date_cn(t.target.due)
    text = (f"{t.target.name}（{due}前达到{format_rate(t.required, 0)}）：实际"
            f"{format_rate(t.actual)}，{STATE_CN[t.state]}")
    if t.gap_cases:
        text += f"，尚差{t.gap_cases}件"
    if t.days_left >= 0:
        text += f"，距截止还有{t.days_left}天"
    return text + "。"


def _departments_table(data: BulletinData, width: float) -> Flowable:
    ref = data.reference_target
    target_text = format_rate(ref.required, 0) if ref else "—"
    header = ["排名", "部门", "旧存案件", "本期结案", "累计结案", "未结", "清结率", "目标",
              "差额", "名次变化"]
    rows = [[str(d.rank or "—"), d.name, str(d.tally.total), str(d.closed_in_period),
             str(d.tally.closed), str(d.tally.open), format_rate(d.tally.rate), target_text,
             str(d.gap), _rank_change(d)] for d in data.departments]
    rows.append(["", "合计", str(data.total.total), str(data.closed_in_period),
                 str(data.total.closed), str(data.total.open), format_rate(data.total.rate),
                 target_text, "", ""])
    fractions = [0.07, 0.17, 0.1, 0.1, 0.1, 0.09, 0.1, 0.08, 0.1, 0.09]
    return data_table(header, rows, [width * f for f in fractions], total_row=True,
                      align=["CENTER", "LEFT"] + ["RIGHT"] * 5 + ["CENTER"] * 3)


def _buckets_table(data: BulletinData, width: float) -> Flowable:
    header = [f"案龄（计算至{format_date_cn(data.reference_date)}）", "旧存案件", "已结",
              "未结", "清结率"]
    rows = [[label, str(t.total), str(t.closed), str(t.open), format_rate(t.rate)]
            for label, t in data.buckets]
    rows.append(["合计", str(data.total.total), str(data.total.closed), str(data.total.open),
                 format_rate(data.total.rate)])
    return data_table(header, rows, [width * f for f in (0.32, 0.17, 0.17, 0.17, 0.17)],
                      total_row=True, align=["LEFT"] + ["RIGHT"] * 4)


def _warning(data: BulletinData) -> str:
    ref = data.reference_target
    ranked = [d for d in data.departments if d.rank is not None]
    parts: list[str] = []
    if ref is not None:
        below = [d for d in ranked if d.tally.rate is not None and d.tally.rate < ref.required]
        goal = f"{format_rate(ref.required, 0)}的目标（{format_date_cn(ref.target.due)}）"
        if below:
            names = "、".join(f"{d.name}（{format_rate(d.tally.rate)}）" for d in below)
            parts.append(f"以下{len(below)}个部门清结率低于{goal}：{names}，"
                         f"请分管院领导督促，逐案落实清结措施。")
        else:
            parts.append(f"各部门清结率均已达到{goal}。")
    if ranked:
        worst = max(d.rank or 0 for d in ranked)
        last = [d for d in ranked if d.rank == worst]
        if len(ranked) > 1:
            names = "、".join(d.name for d in last)
            parts.append(f"末位警示：{names}清结率{format_rate(last[0].tally.rate)}，"
                         f"居全院末位，予以警示，请于下期通报前说明原因并提出整改措施。")
    if data.overdue_total:
        parts.append(f"另有{data.overdue_total}件案件已超过承办部门填报的预计结案日期仍未结案，"
                     f"请相关部门核实原因、重新明确结案时间。")
    return "".join(parts)


def build(path: Path, meta: ReportMeta, data: BulletinData) -> int:
    st = styles()
    width = frame_width(wide=False)
    t = data.total
    period = f"{format_date_cn(data.period_start)}至{format_date_cn(meta.as_of)}"
    story: list[Flowable] = [*heading_block(st, meta)]
    story.append(Paragraph("一、总体情况", st.heading))
    story.append(Paragraph(esc(
        f"截至{format_date_cn(meta.as_of)}，全院旧存案件{t.total}件，已结{t.closed}件，"
        f"未结{t.open}件，清结率{format_rate(t.rate)}。本期（{period}）结案"
        f"{data.closed_in_period}件。"), st.body))
    for target in data.targets:
        story.append(Paragraph(esc(_target_sentence(target)), st.body))
    story.append(Paragraph("二、各部门清结情况", st.heading))
    if data.reference_target is not None:
        story.append(Paragraph(esc(
            f"目标与差额（还需结案件数）按“{data.reference_target.target.name}”计算；名次变化与"
            f"{format_date_cn(data.period_start)}前一日的排名比较。"), st.note))
        story.append(gap(1.5))
    story.append(_departments_table(data, width))
    story.append(Paragraph("三、按案龄分段清结情况", st.heading))
    story.append(_buckets_table(data, width))
    ref_rate = data.reference_target.required if data.reference_target else None
    story.append(KeepTogether([
        Paragraph("四、各部门清结率及未结案件趋势", st.heading),
        charts.rate_bars([d.name for d in data.departments],
                         [d.tally.rate for d in data.departments], ref_rate, width),
        charts.burndown(
            data.burndown,
            [(ts.target.due, _allowed(ts), f"{format_rate(ts.required, 0)}目标")
             for ts in data.targets if ts.target.filed_on_or_before is None],
            data.campaign_start, t.total, width),
    ]))
    story.append(Paragraph("五、督导提醒与末位警示", st.heading))
    story.append(Paragraph(esc(_warning(data)), st.body))
    story.append(Paragraph(f"六、超过预计结案日期仍未结的案件（共{data.overdue_total}件）",
                           st.heading))
    if data.overdue_by_department:
        story.append(Paragraph(esc("按部门：" + "、".join(
            f"{n}{c}件" for n, c in data.overdue_by_department) + "。"), st.note))
    if len(data.overdue) < data.overdue_total:
        story.append(Paragraph(esc(
            f"下表列出逾期最久的{len(data.overdue)}件；全部案件请打印台账"
            f"（backlog-desk-cli report ledger --status overdue）。"), st.note))
    story.append(gap(1.5))
    if data.overdue:
        rows = [[str(i), c.case_number, c.title, c.department, c.judge, fmt_date(c.filing_date),
                 fmt_date(c.expected_close_date),
                 str((meta.as_of - c.expected_close_date).days) if c.expected_close_date else ""]
                for i, c in enumerate(data.overdue, start=1)]
        fr = [0.05, 0.215, 0.255, 0.108, 0.07, 0.095, 0.095, 0.112]
        story.append(data_table(["序号", "案号", "案件名称", "承办部门", "承办人", "立案日期",
                                 "预计结案", "逾期天数"], rows, [width * f for f in fr],
                                size=8, align=["CENTER", "LEFT", "LEFT", "LEFT", "LEFT",
                                               "CENTER", "CENTER", "RIGHT"]))
    story.append(gap(6))
    story.append(Paragraph(esc(f"{meta.court_name}审判管理办公室"), st.signoff))
    story.append(Paragraph(esc(format_date_cn(meta.as_of)), st.signoff))
    return render(path, meta, story)


def _allowed(ts: TargetStatus) -> int:
    """Cases that may still be open on the due day with the target met."""
    return ts.tally.total - math.ceil(Fraction(ts.required) * ts.tally.total)
