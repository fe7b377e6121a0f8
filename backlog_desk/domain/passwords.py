"""Password hashing for local accounts: salted scrypt, stdlib only, constant-time check.

The stored form is self-describing (`scrypt$n$r$p$salt$hash`, base64 parts) so the cost can be
raised later without invalidating existing accounts: each hash is checked with the
parameters it was made with.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
# n=2**14, r=8 takes ~50 ms and 16 MiB per check on an office PC: cheap for one login,
# ruinous for someone trying a dictionary against a copied database file.
COST_N, COST_R, COST_P = 2 ** 14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
MIN_LENGTH = 6


class PasswordProblem(ValueError):
    pass


def check_rules(password: str) -> None:
    """Raise PasswordProblem when a new password is too weak to accept."""
    if len(password) < MIN_LENGTH:
        raise PasswordProblem(f"the password must have at least {MIN_LENGTH} characters")
    if password.strip() != password:
        raise PasswordProblem("the password must not begin or end with a space")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=128 * r * n * 2, dklen=HASH_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = _derive(password, salt, COST_N, COST_R, COST_P)
    return f"{SCHEME}${COST_N}${COST_R}${COST_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches `stored`; False for a wrong password or a damaged hash."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = _derive(password, base64.b64decode(salt, validate=True), int(n), int(r),
                         int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
