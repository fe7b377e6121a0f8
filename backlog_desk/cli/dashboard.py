"""The `dashboard` command: what the window's dashboard page shows, for scripts and checks."""

from __future__ import annotations

import argparse

from backlog_desk.domain.rates import format_rate
from backlog_desk.services.dashboard import dashboard

from .common import EXIT_OK, Register, UsageError, date_option, emit, open_db


def cmd_dashboard(args: argparse.Namespace) -> int:
    if args.weeks < 1:
        raise UsageError("--weeks must be at least 1")
    as_of = date_option(args.as_of)
    db = open_db(args)
    try:
        d = dashboard(db, as_of=as_of, pace_weeks=args.weeks,
                      risks=not args.no_risks)
    finally:
        db.dispose()

    def human() -> str:
        t = d.total
        lines = [f"{d.court_name} {d.campaign.name}, as of {d.as_of}: baseline {t.total}, "
                 f"closed {t.closed}, open {t.open}, rate {format_rate(t.rate)}"]
        for line in d.targets:
            st, p = line.status, line.projection
            lines.append(f"  {st.target.name}: {format_rate(st.actual)} of "
                         f"{format_rate(st.required, 0)} by {st.target.due} ({st.state}, "
                         f"{st.days_left} days left); projection {p.state}"
                         + (f" {p.day}, {p.days_late:+d} days" if p.day else ""))
        for dept in d.departments:
            p2 = dept.projection
            lines.append(f"  {dept.name}: {format_rate(dept.tally.rate)} rank {dept.rank}"
                         + (f"; projection {p2.state}" if p2 else "")
                         + (f" {p2.day}, {p2.days_late:+d} days" if p2 and p2.day
                            and p2.days_late is not None else ""))
        lines += [f"  at risk, {r.key}: {r.count}" for r in d.risks]
        return "\n".join(lines)

    emit(args, d.as_json(), human)
    return EXIT_OK


def register(command: Register) -> None:
    p = command("dashboard", cmd_dashboard, "the campaign dashboard: rates, targets, burn-down, "
                "projections at the recent pace, cases at risk")
    p.add_argument("db")
    p.add_argument("--as-of", metavar="YYYY-MM-DD")
    p.add_argument("--weeks", type=int, default=4, metavar="N",
                   help="the pace is that of the last N weeks (default 4)")
    p.add_argument("--no-risks", action="store_true",
                   help="skip the at-risk counts (a scan of every case)")
