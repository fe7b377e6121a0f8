"""The 审限 rules in force, and the audit office's versioned changes of them.

A change is a new row (never an update): key, value, the day it takes effect, who and why. The
status of a case on a day is computed with the rules in force on that day
(`time_limit_settings.rules_in_force`), so changing a limit does not rewrite history.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backlog_desk.domain.time_limit_settings import (
    RuleSetting,
    RulesInForce,
    SettingProblem,
    normalise_setting,
    rules_in_force,
    setting_keys,
)
from backlog_desk.store import audit
from backlog_desk.store.database import Database
from backlog_desk.store.models import TimeLimitSetting

from .actor import Actor
from .errors import InvalidValue

__all__ = ["current_value", "load_rules", "rule_history", "set_rule", "settings_in"]


def settings_in(s: Session, known_at: dt.datetime | None = None) -> list[RuleSetting]:
    """Every recorded change (only those recorded by ``known_at``, when given: a report made
    again for an earlier moment uses the rules known then)."""
    q = select(TimeLimitSetting).order_by(TimeLimitSetting.id)
    if known_at is not None:
        q = q.where(TimeLimitSetting.recorded_at <= known_at)
    rows = s.execute(q).scalars()
    return [RuleSetting(r.key, r.value, r.effective_from, r.actor, r.reason, r.recorded_at)
            for r in rows]


def load_rules(db: Database, as_of: dt.date | None = None) -> RulesInForce:
    """The rule table, thresholds and reminder marks in force on ``as_of`` (default today)."""
    as_of = as_of or dt.date.today()
    with db.read() as s:
        return rules_in_force(settings_in(s), as_of)


def rule_history(db: Database) -> list[RuleSetting]:
    """Every recorded change, oldest first."""
    with db.read() as s:
        return settings_in(s)


def current_value(force: RulesInForce, key: str) -> str:
    """The value of ``key`` in a table in force, in the stored form."""
    applied = {s.key: s for s in force.applied}
    if key in applied:
        return normalise_setting(key, applied[key].value)
    return setting_keys()[key]


def set_rule(db: Database, actor: Actor, key: str, value: str, reason: str, *,
             effective_from: dt.date | None = None, source: str = "") -> RuleSetting:
    """Record that ``key`` takes ``value`` from ``effective_from`` (default today).

    Audit office only; a reason is required (it is printed beside the rule's legal source).
    Refuses an unknown key or an impossible value with the reason, writing nothing.
    """
    actor.require_audit("change the 审限 rules")
    effective_from = effective_from or dt.date.today()
    if not reason.strip():
        raise InvalidValue(f"changing {key} needs a reason", field="reason")
    try:
        stored = normalise_setting(key, value)
    except SettingProblem as exc:
        raise InvalidValue(str(exc), field="key" if "unknown setting" in str(exc)
                           else "value") from None
    now = dt.datetime.now()
    with db.session() as s:
        before = current_value(rules_in_force(settings_in(s), effective_from), key.strip())
        row = TimeLimitSetting(key=key.strip(), value=stored, effective_from=effective_from,
                               reason=reason.strip(), actor=actor.name, recorded_at=now)
        s.add(row)
        s.flush()
        audit.append(s, actor.name, [audit.Change(
            "set", "time_limit_setting", key.strip(), f"from {effective_from.isoformat()}",
            before, f"{stored} ({reason.strip()})")], source=source, at=now)
    return RuleSetting(key.strip(), stored, effective_from, actor.name, reason.strip(), now)
