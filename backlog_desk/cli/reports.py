"""Printed reports: `report` writes one (optionally signed), `verify-report` checks a PDF
against the database it came from."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from backlog_desk.services.report_kinds import KINDS

from .common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    Register,
    UsageError,
    actor_for,
    date_option,
    emit,
    open_db,
)


def _password(args: argparse.Namespace) -> str | None:
    if not args.sign_password_env:
        return None
    if args.sign_password_env not in os.environ:
        raise UsageError(f"--sign-password-env: the environment variable "
                         f"{args.sign_password_env} is not set")
    return os.environ[args.sign_password_env]


def cmd_report(args: argparse.Namespace) -> int:
    # Imported here: reportlab and the font cost ~0.3 s that other commands need not pay.
    from backlog_desk.services.reports import generate_report

    if args.sign_password_env and not args.sign:
        raise UsageError("--sign-password-env goes with --sign CERT.p12")
    password = _password(args)
    signer = None
    if args.sign:
        from backlog_desk.services.signing import load_signer

        signer = load_signer(Path(args.sign), password)
    data_at = dt.datetime.now() if args.current_data else None
    db = open_db(args)
    try:
        result = generate_report(db, args.kind, Path(args.out),
                                 user=actor_for(db, args.as_user).name,
                                 as_of=date_option(args.as_of),
                                 department=args.department, status=args.status,
                                 doc_number=args.doc_number, data_at=data_at)
    finally:
        db.dispose()
    doc = result.as_json()
    if signer is not None:
        from backlog_desk.services.signing import sign_pdf

        signed = sign_pdf(Path(args.out), signer)
        doc.update(signed=True, signer=signed.signer)
    emit(args, doc, lambda: (
        f"wrote {result.path}: {result.pages} pages, {result.cases} cases, report "
        f"{result.report_id}, fingerprint {result.fingerprint[:16]} ({result.seconds:.1f} s)"
        + (f", signed by {doc['signer']}" if args.sign else "")))
    return EXIT_OK


def cmd_verify_report(args: argparse.Namespace) -> int:
    from backlog_desk.services.report_verify import verify_report

    db = open_db(args)
    try:
        v = verify_report(db, Path(args.file))
    finally:
        db.dispose()

    def human() -> str:
        if v.matches:
            return (f"{v.file}: report {v.report_id} matches the database "
                    f"(fingerprint {v.fingerprint[:16]})")
        lines = [f"{v.file}: report {v.report_id} does NOT match the database: "
                 f"printed {v.fingerprint[:16]}, now {v.current[:16]}"]
        if not v.reproduced:
            lines.append("  the audit log does not give back the printed data either: changed "
                         "outside the app, or the report is not from this database; the "
                         "changes below are since the rebuilt state")
        for c in v.changes:
            # row_version alone: edited in a field this report does not print.
            shown = [f for f in c.fields if f.field != "row_version"]
            what = ("; ".join(f"{f.field}: {f.then!r} -> {f.now!r}" for f in shown)
                    or ("edited in fields this report does not print" if c.fields else ""))
            lines.append(f"  {c.change} {c.case_number or c.uuid}" + (f": {what}" if what else ""))
        return "\n".join(lines)

    emit(args, v.as_json(), human)
    return EXIT_OK if v.matches else EXIT_BAD_INPUT


def register(command: Register) -> None:
    p = command("report", cmd_report, "print a report to PDF")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("db")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--as-of", help="YYYY-MM-DD; the day the report describes")
    p.add_argument("--department", help="only this department's cases")
    p.add_argument("--status", choices=["open", "closed", "overdue"], help="ledger only")
    p.add_argument("--doc-number", default="", help="文号 of the superior report")
    p.add_argument("--as", dest="as_user", metavar="USER", help="the generating user")
    p.add_argument("--current-data", action="store_true",
                   help="for a past --as-of date, include changes entered after that day "
                        "(by default the report shows the data as it stood then)")
    p.add_argument("--sign", metavar="CERT.p12", help="sign the PDF (PAdES) with this "
                   "PKCS#12 certificate (.p12/.pfx)")
    p.add_argument("--sign-password-env", metavar="VAR",
                   help="environment variable holding the certificate's password")

    p = command("verify-report", cmd_verify_report,
                "check a report PDF against the database: same data, or which cases changed")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("db")
