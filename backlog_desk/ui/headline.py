"""The headline panel above the ledger: the court's campaign numbers at a glance.

Everything shown comes from one `CampaignStats` (services.stats); the panel only formats it,
so the window and the printed bulletin can never disagree on a number.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from backlog_desk.domain.rates import TargetStatus, format_rate
from backlog_desk.services.stats import CampaignStats

from . import i18n

# Traffic-light colours with enough contrast on white for a projector in a meeting room.
STATE_COLOURS: dict[str, str] = {
    "met": "#1b7f3b",
    "on_track": "#1f5fa8",
    "behind": "#b86e00",
    "missed": "#b3261e",
}


def _count(n: int) -> str:
    return f"{n:,}"


def make_label(parent: QWidget, name: str, *, bold: bool = False, scale: float = 1.0) -> QLabel:
    """A selectable label for headline figures and titles (the dashboard uses it too)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold or scale != 1.0:
        font = QFont(label.font())
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


def title_row(parent: QWidget, court: str, campaign: str,
              as_of: str) -> tuple[QHBoxLayout, QLabel, QLabel, QLabel]:
    """The court (large, bold), the campaign and, on the right, the day the figures are
    for: the headline's and the dashboard's first row. The names are the labels' objectName."""
    row = QHBoxLayout()
    labels = (make_label(parent, court, bold=True, scale=1.45),
              make_label(parent, campaign, scale=1.1), make_label(parent, as_of))
    labels[2].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    row.addWidget(labels[0])
    row.addSpacing(16)
    row.addWidget(labels[1])
    row.addStretch(1)
    row.addWidget(labels[2])
    return row, *labels


class HeadlinePanel(QFrame):
    """Court, campaign, baseline/closed/open/rate and each target's progress."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headline")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)

        top, self.court_label, self.campaign_label, self.as_of_label = title_row(
            self, "courtName", "campaignName", "asOf")
        layout.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(24)
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(18)
        tiles.setVerticalSpacing(0)
        self.tile_captions: dict[str, QLabel] = {}
        self.tile_values: dict[str, QLabel] = {}
        captions = {
            "baseline": self.tr("Baseline"),
            "closed": self.tr("Closed"),
            "open": self.tr("Open"),
            "rate": self.tr("Clearance rate"),
        }
        for col, (key, caption) in enumerate(captions.items()):
            cap = make_label(self, f"{key}Caption")
            cap.setText(caption)
            value = make_label(self, f"{key}Value", bold=True, scale=1.7)
            for w in (cap, value):
                w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tiles.addWidget(cap, 0, col)
            tiles.addWidget(value, 1, col)
            self.tile_captions[key] = cap
            self.tile_values[key] = value
        body.addLayout(tiles)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        body.addWidget(line)

        self.targets_grid = QGridLayout()
        self.targets_grid.setHorizontalSpacing(14)
        self.targets_grid.setVerticalSpacing(2)
        body.addLayout(self.targets_grid, 1)
        layout.addLayout(body)
        #: One row of labels per target: name, due, required, actual, state, gap.
        self.target_rows: list[list[QLabel]] = []
        self.set_stats(None)

    def state_text(self, state: str) -> str:
        texts = {
            "met": self.tr("Met"),
            "on_track": self.tr("On track"),
            "behind": self.tr("Behind"),
            "missed": self.tr("Missed"),
        }
        return texts.get(state, state)

    def set_loading(self, court_name: str) -> None:
        """The court is known, its numbers are still being counted."""
        self._clear_targets()
        self.court_label.setText(court_name)
        self.campaign_label.setText(self.tr("Counting…"))
        self.as_of_label.setText("")
        for value in self.tile_values.values():
            value.setText("…")

    def set_stats(self, stats: CampaignStats | None, court_name: str = "") -> None:
        """Show `stats`; with None, the court name only and a note that there is no campaign."""
        self._clear_targets()
        if stats is None:
            self.court_label.setText(court_name)
            self.campaign_label.setText(self.tr("No campaign is set up in this ledger")
                                        if court_name else "")
            self.as_of_label.setText("")
            for value in self.tile_values.values():
                value.setText("—")
            return
        self.court_label.setText(stats.court_name or court_name)
        campaign = stats.campaign.name
        if not stats.frozen:
            campaign += " " + self.tr("(baseline not frozen yet)")
        self.campaign_label.setText(campaign)
        self.as_of_label.setText(i18n.arg(self.tr("As of %1"), i18n.format_date(stats.as_of)))
        total = stats.total
        self.tile_values["baseline"].setText(_count(total.total))
        self.tile_values["closed"].setText(_count(total.closed))
        self.tile_values["open"].setText(_count(total.open))
        self.tile_values["rate"].setText(format_rate(total.rate))
        self._fill_targets(stats.targets)

    def _clear_targets(self) -> None:
        while self.targets_grid.count():
            item = self.targets_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Detach now so lookups before the next event-loop turn never see it.
                widget.setParent(None)
                widget.deleteLater()
        self.target_rows = []

    def _fill_targets(self, targets: list[TargetStatus]) -> None:
        headings = [self.tr("Target"), self.tr("Due"), self.tr("Required"), self.tr("Actual"),
                    self.tr("State"), self.tr("Still to close")]
        for col, text in enumerate(headings):
            head = QLabel(text, self)
            head.setObjectName("targetHeading")
            head.setStyleSheet("color: palette(mid);")
            self.targets_grid.addWidget(head, 0, col)
        for row, t in enumerate(targets, start=1):
            actual = format_rate(t.actual)
            tally = t.tally
            cells = [
                t.target.name,
                i18n.format_date(t.target.due),
                format_rate(t.required, 0),
                i18n.arg(self.tr("%1 (%2/%3)"), actual, _count(tally.closed),
                         _count(tally.total)),
                self.state_text(t.state),
                i18n.arg(self.tr("%1 cases"), _count(t.gap_cases)) if t.gap_cases else "",
            ]
            labels: list[QLabel] = []
            for col, text in enumerate(cells):
                label = QLabel(text, self)
                label.setObjectName(f"target_{t.target.key}_{col}")
                if col == 4:
                    colour = STATE_COLOURS.get(t.state, "#000000")
                    label.setStyleSheet(f"color: {colour}; font-weight: bold;")
                    label.setProperty("state", t.state)
                self.targets_grid.addWidget(label, row, col)
                labels.append(label)
            self.target_rows.append(labels)
        self.targets_grid.setColumnStretch(len(headings), 1)
