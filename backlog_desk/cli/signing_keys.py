"""`signing-key`: where this installation's package-signing key is, a new key, forgetting
a peer's old key."""

from __future__ import annotations

import argparse

from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.packages import forget_peer_key, identity, new_signing_key

from .common import EXIT_OK, Register, UsageError, actor_for, emit, open_db


def cmd_signing_key(args: argparse.Namespace) -> int:
    if args.new and args.forget_peer:
        raise UsageError("give --new or --forget-peer, not both")
    if args.new and not args.reason:
        raise UsageError("--new needs --reason TEXT (it goes to the audit log)")
    db = open_db(args)
    try:
        if args.forget_peer:
            peer = forget_peer_key(db, actor_for(db, args.as_user), args.forget_peer)
            emit(args, {"forgot": peer.as_json()}, lambda: (
                f"forgot the key of {peer.role} {peer.department}: its next package is "
                "shown as a first contact; compare its fingerprint by phone before applying"))
            return EXIT_OK
        if args.new:
            me = new_signing_key(db, actor_for(db, args.as_user), args.reason)
        else:
            with db.session() as s:
                me = identity(s)  # made here on first need, as by `peers`
    finally:
        db.dispose()
    present = me.key_file.is_file()
    usable = True
    try:
        me.private_key  # noqa: B018  (reading it is the check)
    except InvalidValue:
        usable = False
    doc = {"installation": me.installation_id, "fingerprint": me.fingerprint,
           "key_file": str(me.key_file), "present": present, "usable": usable,
           "new": bool(args.new)}
    emit(args, doc, lambda: "\n".join([
        f"fingerprint {me.fingerprint}" + (" (new: read it out to every peer)"
                                           if args.new else ""),
        f"key file    {me.key_file}",
        "            " + ("present, matches this ledger" if usable else
                          "present but another key" if present else
                          "NOT on this computer: packages cannot be signed here")]))
    return EXIT_OK


def register(command: Register) -> None:
    p = command("signing-key", cmd_signing_key,
                "this installation's package-signing key: fingerprint and key file")
    p.add_argument("db")
    p.add_argument("--new", action="store_true",
                   help="replace the key (every peer must confirm the new fingerprint)")
    p.add_argument("--reason", metavar="TEXT", help="why the key is replaced (with --new)")
    p.add_argument("--forget-peer", metavar="NAME",
                   help="forget the key known for a department (or 'audit') after it made "
                        "a new one")
    p.add_argument("--as", dest="as_user", metavar="USER")
