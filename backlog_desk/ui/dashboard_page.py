"""The campaign dashboard: figures, targets, charts, projections and cases at risk.

Everything shown comes from one `services.dashboard.Dashboard`, read off the GUI thread.
Every number a user may want to see the cases behind (closed, open, a department's bar or
row, each at-risk count) emits `filter_requested` with a `LedgerFocus`; the window applies
it to the ledger page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.domain.projection import Projection
from backlog_desk.domain.rates import format_rate, pace_rate
from backlog_desk.services.dashboard import Dashboard, LedgerFocus
from backlog_desk.store.database import Database

from . import i18n, workers
from .charts import Bar, BurnDownChart, ChartPoint, RateBarChart
from .headline import STATE_COLOURS, make_label, title_row

if TYPE_CHECKING:
    from .main_window import MainWindow


def _count(n: int) -> str:
    return f"{n:,}"


def _month_name(month: int) -> str:
    # Qt's own month names ("4月", "Apr") follow the interface language without a tr() each.
    locale = QLocale(i18n.current_language())
    return locale.standaloneMonthName(month, QLocale.FormatType.ShortFormat)


def _fraction_percent(rate: Fraction) -> str:
    # Targets are whole or half percentages (80 %, 95 %, 97.5 %): no trailing zeros.
    value = rate * 100
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


class DashboardPage(QWidget):
    """The dashboard page; call `load(db, as_of)` or `set_dashboard(d)`."""

    #: A `LedgerFocus`: show these cases in the ledger.
    filter_requested = Signal(object)
    #: The dashboard finished loading (the new Dashboard) — for the window and tests.
    loaded = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.dashboard: Dashboard | None = None
        self._task: workers.Task | None = None
        # Each load gets a number; results of an older one arriving late are dropped.
        self._number = 0
        self._source: tuple[Database, dt.date] | None = None
        self._stale = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(10)

        top, self.court_label, self.campaign_label, self.as_of_label = title_row(
            self, "dashCourt", "dashCampaign", "dashAsOf")
        layout.addLayout(top)

        figures = QHBoxLayout()
        figures.setSpacing(24)
        self.figure_buttons: dict[str, QPushButton] = {}
        captions = {"baseline": self.tr("Baseline"), "closed": self.tr("Closed"),
                    "open": self.tr("Open"), "rate": self.tr("Clearance rate")}
        for key, caption in captions.items():
            box = QVBoxLayout()
            cap = QLabel(caption, self)
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            button = QPushButton("—", self)
            button.setObjectName(f"{key}Figure")
            button.setFlat(True)
            font = QFont(button.font())
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.7)
            button.setFont(font)
            # Only "open" opens the ledger: the closed figure counts closures in the
            # baseline, which no ledger filter reproduces exactly (old cases closed before
            # the campaign are not in it).
            if key == "open":
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.setToolTip(self.tr("Show these cases in the ledger"))
                button.clicked.connect(lambda _=False, k=key: self._figure_clicked(k))
            else:
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.addWidget(cap)
            box.addWidget(button)
            figures.addLayout(box)
            self.figure_buttons[key] = button
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        figures.addWidget(line)
        self.targets_grid = QGridLayout()
        self.targets_grid.setHorizontalSpacing(14)
        self.targets_grid.setVerticalSpacing(2)
        figures.addLayout(self.targets_grid, 1)
        layout.addLayout(figures)

        self.projection_label = make_label(self, "courtProjection", bold=True)
        self.projection_label.setWordWrap(True)
        layout.addWidget(self.projection_label)

        charts = QHBoxLayout()
        left = QVBoxLayout()
        self.rate_title = make_label(self, "rateChartTitle", bold=True)
        left.addWidget(self.rate_title)
        self.rate_chart = RateBarChart(self)
        self.rate_chart.setMinimumHeight(300)
        self.rate_chart.bar_clicked.connect(self._bar_clicked)
        left.addWidget(self.rate_chart, 1)
        right = QVBoxLayout()
        self.burn_title = make_label(self, "burnChartTitle", bold=True)
        right.addWidget(self.burn_title)
        self.burn_chart = BurnDownChart(self)
        self.burn_chart.setMinimumHeight(300)
        self.burn_chart.date_text = i18n.format_date
        self.burn_chart.month_text = _month_name
        self.burn_chart.target_clicked.connect(lambda _i: self._figure_clicked("open"))
        right.addWidget(self.burn_chart, 1)
        charts.addLayout(left, 1)
        charts.addLayout(right, 1)
        layout.addLayout(charts, 1)

        lower = QHBoxLayout()
        lower.setSpacing(18)
        dept_box = QVBoxLayout()
        self.dept_title = make_label(self, "departmentsTitle", bold=True)
        dept_box.addWidget(self.dept_title)
        self.dept_table = QTableWidget(0, 7, self)
        self.dept_table.setObjectName("departmentTable")
        self.dept_table.setHorizontalHeaderLabels([
            self.tr("Department"), self.tr("Baseline"), self.tr("Open"),
            self.tr("Clearance rate"), self.tr("Rank"), self.tr("State"),
            self.tr("Projection")])
        self.dept_table.verticalHeader().setVisible(False)
        self.dept_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dept_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.dept_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.dept_table.horizontalHeader()
        for col in range(6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.dept_table.setMinimumHeight(260)
        # Activation is a double click (or a single one where the desktop says so) and
        # Enter on the keyboard.
        self.dept_table.activated.connect(lambda index: self._row_clicked(index.row()))
        dept_box.addWidget(self.dept_table)
        lower.addLayout(dept_box, 3)

        risk_box = QVBoxLayout()
        self.risk_title = make_label(self, "riskTitle", bold=True)
        risk_box.addWidget(self.risk_title)
        self.risk_buttons: dict[str, QPushButton] = {}
        for key in ("overdue", "no_reason", "stale"):
            button = QPushButton(self)
            button.setObjectName(f"risk_{key}")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(self.tr("Show these cases in the ledger"))
            button.setStyleSheet("text-align: left; padding: 6px 10px;")
            button.clicked.connect(lambda _=False, k=key: self._risk_clicked(k))
            risk_box.addWidget(button)
            self.risk_buttons[key] = button
        risk_box.addStretch(1)
        lower.addLayout(risk_box, 1)
        layout.addLayout(lower)

        self.status_label = make_label(self, "dashStatus")
        layout.addWidget(self.status_label)
        self.set_dashboard(None)

    # Loading ---------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        return self._task is not None

    def set_source(self, db: Database | None, as_of: dt.date) -> None:
        """The ledger the dashboard is about, or its data changed: read it now if the page
        is on screen, otherwise the next time it is shown (a hidden dashboard costs nothing,
        where counting a million cases after every edit would)."""
        self._source = (db, as_of) if db is not None else None
        self._stale = True
        if db is None:
            self._number += 1  # drop whatever is still being read
            self._task = None
            self.set_dashboard(None)
        elif self.isVisible():
            self._load_source()

    def _load_source(self) -> None:
        if self._source is not None:
            self._stale = False
            self.load(*self._source)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._load_source()
        super().showEvent(event)

    def load(self, db: Database, as_of: dt.date | None = None) -> None:
        """Read the dashboard of `db` on `as_of` (today) off the GUI thread: the figures
        first, then the cases at risk (a scan of every case: about a second at a million)."""
        from backlog_desk.services.dashboard import cases_at_risk, dashboard

        self._number += 1
        number = self._number
        self.status_label.setText(self.tr("Counting…"))

        def got_figures(result: object) -> None:
            if number != self._number or not isinstance(result, Dashboard):
                return
            self.set_dashboard(result)
            for button in self.risk_buttons.values():
                button.setText(self.tr("Counting…"))
                button.setEnabled(False)
            ref = result.campaign.reference_date
            self._task = workers.start(
                lambda _report: cases_at_risk(db, result.as_of, ref),
                on_done=lambda risks: got_risks(result, risks),
                on_failed=lambda exc: self._failed(exc, number), parent=self)

        def got_risks(figures: Dashboard, risks: object) -> None:
            if number != self._number or not isinstance(risks, list):
                return
            self._task = None
            self.set_dashboard(dataclasses.replace(figures, risks=risks))
            self.loaded.emit(self.dashboard)

        self._task = workers.start(lambda _report: dashboard(db, as_of=as_of, risks=False),
                                   on_done=got_figures,
                                   on_failed=lambda exc: self._failed(exc, number),
                                   parent=self)

    def _failed(self, exc: BaseException, number: int) -> None:
        if number != self._number:
            return  # a newer load is under way
        self._task = None
        self.set_dashboard(None)
        self.status_label.setText(i18n.arg(self.tr("The dashboard could not be read: %1"),
                                           str(exc)))
        self.loaded.emit(None)

    # Texts -----------------------------------------------------------------------------

    def state_text(self, state: str) -> str:
        return {"met": self.tr("Met"), "on_track": self.tr("On track"),
                "behind": self.tr("Behind"), "missed": self.tr("Missed")}.get(state, state)

    def days_left_text(self, days: int) -> str:
        if days > 0:
            return i18n.arg(self.tr("%1 days left"), days)
        if days == 0:
            return self.tr("due today")
        return i18n.arg(self.tr("%1 days past due"), -days)

    def projection_text(self, scope: str, proj: Projection | None, weeks: int) -> str:
        """The projection as one sentence, e.g. "At the pace of the last 4 weeks, 民一庭
        reaches 80% on 2026年7月7日 — 7 days late"."""
        if proj is None:
            return ""
        rate = _fraction_percent(proj.required)
        if proj.state == "reached":
            return i18n.arg(self.tr("%1 has reached %2"), scope, rate)
        if proj.state == "over":
            return i18n.arg(self.tr("The campaign is over; %1 did not reach %2"), scope, rate)
        if proj.state == "never" or proj.day is None or proj.days_late is None:
            return i18n.arg(self.tr("At the pace of the last %1 weeks, %2 does not reach %3"),
                            weeks, scope, rate)
        day = i18n.format_date(proj.day)
        if proj.days_late > 0:
            return i18n.arg(self.tr(
                "At the pace of the last %1 weeks, %2 reaches %3 on %4 — %5 days late"),
                weeks, scope, rate, day, proj.days_late)
        if proj.days_late < 0:
            return i18n.arg(self.tr(
                "At the pace of the last %1 weeks, %2 reaches %3 on %4 — %5 days early"),
                weeks, scope, rate, day, -proj.days_late)
        return i18n.arg(self.tr(
            "At the pace of the last %1 weeks, %2 reaches %3 on %4 — on the due day"),
            weeks, scope, rate, day)

    def risk_text(self, key: str, count: int) -> str:
        templates = {
            "overdue": self.tr("Expected close date passed: %1"),
            "no_reason": self.tr("No reason given: %1"),
            "stale": self.tr("No progress for 30 days: %1"),
        }
        return i18n.arg(templates[key], _count(count))

    # Showing ---------------------------------------------------------------------------

    def set_dashboard(self, d: Dashboard | None) -> None:
        self.dashboard = d
        self.rate_title.setText(self.tr("Clearance rate by department"))
        self.burn_title.setText(self.tr("Open baseline cases"))
        self.dept_title.setText(self.tr("Departments"))
        self.risk_title.setText(self.tr("Cases at risk (open cases)"))
        self._clear_targets()
        if d is None:
            self.court_label.setText("")
            self.campaign_label.setText(self.tr("No campaign is set up in this ledger"))
            self.as_of_label.setText("")
            for button in self.figure_buttons.values():
                button.setText("—")
            self.projection_label.setText("")
            self.rate_chart.set_data([], None, "")
            self.burn_chart.set_data([], [], [], dt.date.today(), dt.date.today(),
                                     ("", "", ""))
            self.dept_table.setRowCount(0)
            for key, button in self.risk_buttons.items():
                button.setText(self.risk_text(key, 0))
                button.setEnabled(False)
            self.status_label.setText("")
            return
        self.status_label.setText("")
        self.court_label.setText(d.court_name)
        campaign = d.campaign.name
        if not d.frozen:
            campaign += " " + self.tr("(baseline not frozen yet)")
        self.campaign_label.setText(campaign)
        self.as_of_label.setText(i18n.arg(self.tr("As of %1"), i18n.format_date(d.as_of)))
        self.figure_buttons["baseline"].setText(_count(d.total.total))
        self.figure_buttons["closed"].setText(_count(d.total.closed))
        self.figure_buttons["open"].setText(_count(d.total.open))
        self.figure_buttons["rate"].setText(format_rate(d.total.rate))
        self._fill_targets(d)
        court = self.tr("the court")
        self.projection_label.setText(self.projection_text(court, d.projection, d.pace_weeks))
        self._fill_rate_chart(d)
        self._fill_burn_down(d)
        self._fill_departments(d)
        for risk in d.risks:
            button = self.risk_buttons[risk.key]
            button.setText(self.risk_text(risk.key, risk.count))
            button.setEnabled(risk.count > 0)

    def _clear_targets(self) -> None:
        while self.targets_grid.count():
            item = self.targets_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()

    def _fill_targets(self, d: Dashboard) -> None:
        headings = [self.tr("Target"), self.tr("Due"), self.tr("Required"), self.tr("Actual"),
                    self.tr("State"), self.tr("Days left")]
        for col, text in enumerate(headings):
            head = QLabel(text, self)
            head.setStyleSheet("color: palette(mid);")
            self.targets_grid.addWidget(head, 0, col)
        for row, line in enumerate(d.targets, start=1):
            st = line.status
            cells = [st.target.name, i18n.format_date(st.target.due),
                     format_rate(st.required, 0), format_rate(st.actual),
                     self.state_text(st.state), self.days_left_text(st.days_left)]
            for col, text in enumerate(cells):
                label = QLabel(text, self)
                label.setObjectName(f"dashTarget_{st.target.key}_{col}")
                if col == 4:
                    colour = STATE_COLOURS.get(st.state, "#000000")
                    label.setStyleSheet(f"color: {colour}; font-weight: bold;")
                self.targets_grid.addWidget(label, row, col)
        self.targets_grid.setColumnStretch(len(headings), 1)

    def _fill_rate_chart(self, d: Dashboard) -> None:
        bars = []
        for line in d.departments:
            rate = line.tally.rate
            tip = i18n.arg(self.tr("%1: %2 closed of %3 (%4), %5 open"), line.name,
                           _count(line.tally.closed), _count(line.tally.total),
                           format_rate(rate), _count(line.tally.open))
            if line.projection is not None:
                tip += "\n" + self.projection_text(line.name, line.projection, d.pace_weeks)
            # Coloured by the department's state against the headline target (on track
            # means at or above today's share of it), like the targets' states above.
            state = line.target.state if line.target is not None else ""
            colour = QColor(STATE_COLOURS[state]) if state in STATE_COLOURS else None
            bars.append(Bar(line.name or self.tr("(no department)"),
                            None if rate is None else float(rate), format_rate(rate, 1), tip,
                            colour))
        head = d.headline
        target = float(head.required_rate) if head else None
        label = (i18n.arg(self.tr("Target %1 by %2"), format_rate(head.required_rate, 0),
                          i18n.format_date(head.due)) if head else "")
        pace = (float(pace_rate(head, d.as_of, d.campaign.start))
                if head is not None and d.as_of <= head.due else None)
        pace_label = (i18n.arg(self.tr("On track today: %1"), format_rate(
            pace_rate(head, d.as_of, d.campaign.start), 1)) if pace is not None and head
            else "")
        self.rate_chart.set_data(bars, target, label, pace, pace_label)

    def _fill_burn_down(self, d: Dashboard) -> None:
        actual = [ChartPoint(p.day, p.open, i18n.arg(self.tr("%1: %2 open"),
                                                    i18n.format_date(p.day), _count(p.open)))
                  for p in d.burn_down]
        targets = [ChartPoint(p.day, p.open, i18n.arg(
            self.tr("%1: at most %2 open (%3 by %4)"), t.name, _count(p.open),
            format_rate(t.required_rate, 0), i18n.format_date(t.due)))
            for t, p in d.target_points]
        proj_tip = self.projection_text(self.tr("the court"), d.projection, d.pace_weeks)
        projection = [ChartPoint(p.day, p.open, proj_tip) for p in d.projection_line]
        days = [p.day for p in (*d.burn_down, *d.projection_line)] + [t.due for t, _ in
                                                                      d.target_points]
        start = min([d.campaign.start, *days])
        end = max([d.campaign.end, *days])
        legend = (self.tr("Open"), self.tr("Target"),
                  i18n.arg(self.tr("Projection (last %1 weeks)"), d.pace_weeks))
        self.burn_chart.set_data(actual, targets, projection, start, end, legend)

    def _fill_departments(self, d: Dashboard) -> None:
        table = self.dept_table
        table.setRowCount(len(d.departments))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, line in enumerate(d.departments):
            cells: list[tuple[str, bool]] = [
                (line.name or self.tr("(no department)"), False),
                (_count(line.tally.total), True), (_count(line.tally.open), True),
                (format_rate(line.tally.rate), True),
                ("" if line.rank is None else str(line.rank), True),
                (self.state_text(line.target.state) if line.target else "", False),
                (self.projection_text(line.name, line.projection, d.pace_weeks), False),
            ]
            for col, (text, numeric) in enumerate(cells):
                item = QTableWidgetItem(text)
                if numeric:
                    item.setTextAlignment(right)
                if col == 0:
                    item.setToolTip(self.tr(
                        "Double-click to show this department's open baseline cases in the "
                        "ledger"))
                if col == 5 and line.target is not None:
                    item.setForeground(QColor(STATE_COLOURS.get(line.target.state, "#000")))
                if col == 6 and line.projection is not None:
                    late = line.projection.days_late
                    state = line.projection.state
                    if state in ("never", "over") or (late is not None and late > 0):
                        item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(row, col, item)

    # Clicks ----------------------------------------------------------------------------

    def _figure_clicked(self, key: str) -> None:
        if self.dashboard is None:
            return
        if key == "open":
            self.filter_requested.emit(self.dashboard.open_focus)

    def _bar_clicked(self, index: int) -> None:
        if self.dashboard is not None and 0 <= index < len(self.dashboard.departments):
            focus = self.dashboard.departments[index].focus
            if focus is not None:
                self.filter_requested.emit(focus)

    def _row_clicked(self, row: int) -> None:
        self._bar_clicked(row)

    def _risk_clicked(self, key: str) -> None:
        if self.dashboard is None:
            return
        for risk in self.dashboard.risks:
            if risk.key == key:
                self.filter_requested.emit(risk.focus)
                return

    def focus_for(self, key: str) -> LedgerFocus | None:
        """The focus a click on figure/risk `key` sends (for the window's menus and tests)."""
        if self.dashboard is None:
            return None
        for risk in self.dashboard.risks:
            if risk.key == key:
                return risk.focus
        return self.dashboard.open_focus if key == "open" else None


def install(window: MainWindow) -> DashboardPage:
    """The dashboard page for the window's page slot: it follows the open ledger (re-read
    after the headline numbers are recounted and after every edit, when next shown), and a
    click on it shows the ledger page filtered to those cases."""
    page = DashboardPage(window)

    def follow(*_args: object) -> None:
        opened = window.loaded
        if opened is None:
            page.set_source(None, dt.date.today())
        else:
            page.set_source(opened.db, opened.query.today or dt.date.today())

    window.stats_ready.connect(follow)
    window.edits.changed.connect(follow)
    page.filter_requested.connect(
        lambda focus: window.apply_ledger_filter(**focus.filters()))
    if window.loaded is not None:
        follow()  # built after the ledger was opened
    return page
