"""The dashboard page with real widgets: loading off the GUI thread, the figures, clicks that
ask for a ledger filter, tooltips, the projection wording and the painted projection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot

from backlog_desk.domain.projection import Projection
from backlog_desk.domain.rates import format_rate
from backlog_desk.services.dashboard import Dashboard, LedgerFocus, dashboard
from backlog_desk.services.ledger_view import LedgerQuery
from backlog_desk.store.database import Database
from backlog_desk.ui import i18n
from backlog_desk.ui.charts import PROJECTION_COLOUR
from backlog_desk.ui.dashboard_page import DashboardPage
from backlog_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

AS_OF = dt.date(2026, 7, 15)  # the day tests/ui/conftest.py builds the demo for


@pytest.fixture
def page(qtbot: QtBot, db: Database) -> DashboardPage:
    widget = DashboardPage()
    qtbot.addWidget(widget)
    widget.resize(1300, 950)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=30_000) as blocker:
        widget.load(db, AS_OF)
    assert isinstance(blocker.args[0], Dashboard)
    assert not widget.pending
    return widget


def test_figures_and_targets_show_the_service_numbers(page: DashboardPage,
                                                      db: Database) -> None:
    d = dashboard(db, as_of=AS_OF)
    assert page.figure_buttons["baseline"].text() == f"{d.total.total:,}"
    assert page.figure_buttons["closed"].text() == f"{d.total.closed:,}"
    assert page.figure_buttons["open"].text() == f"{d.total.open:,}"
    assert page.figure_buttons["rate"].text() == format_rate(d.total.rate)
    assert page.as_of_label.text().endswith("2026年7月15日")
    # the court's projection, in words, with the Chinese date
    p = d.projection
    assert p is not None and p.day is not None and p.days_late is not None
    text = page.projection_label.text()
    assert i18n.format_date(p.day) in text and str(abs(p.days_late)) in text
    assert page.dept_table.rowCount() == len(d.departments) == len(page.rate_chart.bars)
    for row, line in enumerate(d.departments):
        assert page.dept_table.item(row, 0).text() == line.name
        assert page.dept_table.item(row, 3).text() == format_rate(line.tally.rate)
    # each target's days left
    all95 = next(t for t in d.targets if t.target.key == "all_95")
    label = page.findChild(type(page.as_of_label), "dashTarget_all_95_5")
    assert label is not None and str(all95.status.days_left) in label.text()


def test_clicking_a_bar_asks_for_that_department(page: DashboardPage, qtbot: QtBot) -> None:
    chart = page.rate_chart
    index = 3
    centre = chart.bar_rect(index).center().toPoint()
    with qtbot.waitSignal(page.filter_requested, timeout=2_000) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=centre)
    d = page.dashboard
    assert d is not None
    focus = blocker.args[0]
    assert focus == d.departments[index].focus
    assert (focus.department, focus.status, focus.filed_on_or_before) == (
        chart.bars[index].label, "open", d.campaign.cutoff_date)
    # Outside every bar (below the plot) nothing is asked for.
    with qtbot.assertNotEmitted(page.filter_requested):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                         pos=QPoint(chart.width() // 2, chart.height() - 2))


def test_clicking_numbers_and_risk_counts(page: DashboardPage, qtbot: QtBot,
                                          db: Database) -> None:
    with qtbot.waitSignal(page.filter_requested, timeout=2_000) as blocker:
        qtbot.mouseClick(page.figure_buttons["open"], Qt.MouseButton.LeftButton)
    d = page.dashboard
    assert d is not None
    assert blocker.args[0] == LedgerFocus(status="open", filed_on_or_before=d.campaign.cutoff_date)
    # the closed figure is not a filter (no ledger filter reproduces it exactly)
    with qtbot.assertNotEmitted(page.filter_requested):
        qtbot.mouseClick(page.figure_buttons["closed"], Qt.MouseButton.LeftButton)
    for risk in d.risks:
        button = page.risk_buttons[risk.key]
        assert f"{risk.count:,}" in button.text()
        if risk.count == 0:
            assert not button.isEnabled()
            continue
        with qtbot.waitSignal(page.filter_requested, timeout=2_000) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        focus = blocker.args[0]
        assert focus == risk.focus
        # the number on the button is what the ledger shows for that focus
        assert LedgerQuery(db, today=AS_OF).with_filters(**focus.filters()).count() == risk.count
    # a department's row in the table, by double click
    table = page.dept_table
    rect = table.visualItemRect(table.item(2, 0))
    # A single click selects (and asks for nothing); the double click opens the ledger.
    with qtbot.assertNotEmitted(page.filter_requested):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.filter_requested, timeout=2_000) as blocker:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].department == table.item(2, 0).text()
    # and from the keyboard
    table.setCurrentCell(4, 0)
    with qtbot.waitSignal(page.filter_requested, timeout=2_000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args[0].department == table.item(4, 0).text()


def test_tooltips_name_the_department_and_the_target(page: DashboardPage) -> None:
    chart = page.rate_chart
    centre = chart.bar_rect(0).center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, chart.mapToGlobal(centre))
    chart.event(event)
    assert QToolTip.isVisible()
    assert chart.bars[0].label in QToolTip.text() and "95%" in QToolTip.text()
    burn = page.burn_chart
    target = burn.targets[-1]
    spot = burn.point_at(target.day, target.value)
    assert burn.tooltip_near(spot.x() + 2, spot.y() - 2) == target.tooltip
    assert "2026年9月15日" in target.tooltip
    assert burn.tooltip_near(0, 0) == ""


def test_projection_is_drawn_dashed_on_the_burn_down(page: DashboardPage) -> None:
    burn = page.burn_chart
    assert len(burn.projection) == 2

    # The segment between the two projection points, sampled along its length.
    a, b = (burn.point_at(p.day, p.value) for p in burn.projection)

    def projection_pixels() -> int:
        image = burn.grab().toImage()
        colour = PROJECTION_COLOUR.rgb()
        hits = 0
        for k in range(1, 40):
            x = a.x() + (b.x() - a.x()) * k / 40
            y = a.y() + (b.y() - a.y()) * k / 40
            near = [QColor(image.pixel(int(x) + dx, int(y) + dy)).rgb()
                    for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
            hits += colour in near
        return hits

    drawn = projection_pixels()
    # dashed: most samples fall on a dash, some in the gaps
    assert 15 <= drawn < 39
    burn.set_data(burn.actual, burn.targets, [], burn.start, burn.end, burn.legend)
    assert projection_pixels() == 0


def test_projection_wording(qtbot: QtBot) -> None:
    page = DashboardPage()
    qtbot.addWidget(page)
    due = dt.date(2026, 6, 30)
    late = Projection("projected", Fraction(4, 5), due, due, Fraction(1), 7,
                      dt.date(2026, 7, 7), 7)
    early = Projection("projected", Fraction(4, 5), due, due, Fraction(1), 7,
                       dt.date(2026, 6, 23), -7)
    i18n.install("en")
    assert page.projection_text("民一庭", late, 4) == (
        "At the pace of the last 4 weeks, 民一庭 reaches 80% on 2026-07-07 — 7 days late")
    assert page.projection_text("民一庭", early, 4).endswith("7 days early")
    on_day = Projection("projected", Fraction(19, 20), due, due, Fraction(1), 1, due, 0)
    assert "95% on 2026-06-30" in page.projection_text("民一庭", on_day, 4)
    reached = Projection("reached", Fraction(4, 5), due, due, Fraction(0), 0)
    assert page.projection_text("民一庭", reached, 4) == "民一庭 has reached 80%"
    never = Projection("never", Fraction(4, 5), due, due, Fraction(0), 3)
    assert "does not reach 80%" in page.projection_text("民一庭", never, 2)
    over = Projection("over", Fraction(4, 5), due, due, Fraction(1), 3)
    assert "over" in page.projection_text("民一庭", over, 4)
    i18n.install("zh_CN")
    # Chinese dates in Chinese, whatever the catalogue holds yet
    assert "2026年7月7日" in page.projection_text("民一庭", late, 4)


def test_a_ledger_without_a_campaign(qtbot: QtBot) -> None:
    page = DashboardPage()
    qtbot.addWidget(page)
    page.set_dashboard(None)
    assert page.figure_buttons["open"].text() == "—"
    with qtbot.assertNotEmitted(page.filter_requested):
        qtbot.mouseClick(page.figure_buttons["open"], Qt.MouseButton.LeftButton)
    assert all(not b.isEnabled() for b in page.risk_buttons.values())


def test_a_hidden_page_reads_only_when_shown(qtbot: QtBot, db: Database) -> None:
    page = DashboardPage()
    qtbot.addWidget(page)
    page.set_source(db, AS_OF)
    assert not page.pending and page.dashboard is None  # hidden: nothing read yet
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.show()
    assert page.dashboard is not None and page.dashboard.as_of == AS_OF
    # a change while visible is read at once; an older read never overwrites a newer one
    later = AS_OF + dt.timedelta(days=7)
    page.set_source(db, AS_OF - dt.timedelta(days=7))
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.set_source(db, later)
    qtbot.waitUntil(lambda: not page.pending, timeout=30_000)
    assert page.dashboard is not None and page.dashboard.as_of == later
    page.set_source(None, AS_OF)
    assert page.dashboard is None and page.figure_buttons["open"].text() == "—"


def test_a_click_on_the_dashboard_filters_the_ledger(start_window: Callable[..., MainWindow],
                                                     db: Database, qtbot: QtBot) -> None:
    window = start_window(str(db.path))
    assert not window.dashboard_slot.built  # built when first shown or asked for
    assert window.pages.indexOf(window.dashboard_slot) == 1  # right after the ledger
    page = window.dashboard_page
    assert window.dashboard_slot.built and page.parentWidget() is window.dashboard_slot
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        window.show_page(page)  # a hidden dashboard reads nothing until it is shown
    d = page.dashboard
    assert d is not None and d.as_of == AS_OF  # the window's day

    def ledger_shows() -> int:
        qtbot.waitUntil(lambda: not window.model.is_loading, timeout=30_000)
        return window.model.rowCount()

    # a department's bar: the ledger page, filtered to that department's open baseline cases
    index = next(i for i, line in enumerate(d.departments) if line.tally.open)
    line = d.departments[index]
    centre = page.rate_chart.bar_rect(index).center().toPoint()
    qtbot.mouseClick(page.rate_chart, Qt.MouseButton.LeftButton, pos=centre)
    assert window.pages.currentWidget() is window.ledger_page
    assert ledger_shows() == line.tally.open
    assert window.department_combo.currentData() == line.name
    assert window.status_combo.currentData() == "open"
    rows = window.model.query.rows(list(window.model.ids[:50]))  # type: ignore[union-attr]
    assert {r.department for r in rows.values()} == {line.name}

    # an at-risk count: the same number of cases, and the filter bar says which
    window.show_page(page)
    overdue = next(r for r in d.risks if r.key == "overdue")
    assert overdue.count > 0
    qtbot.mouseClick(page.risk_buttons["overdue"], Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.ledger_page
    assert ledger_shows() == overdue.count
    assert window.filter_bar.overdue_check.isChecked()
    assert window.department_combo.currentData() is None  # the department filter is cleared

    # the open figure
    window.show_page(page)
    qtbot.mouseClick(page.figure_buttons["open"], Qt.MouseButton.LeftButton)
    assert ledger_shows() == d.total.open
