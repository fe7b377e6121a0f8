"""Password hashes: salted, slow, not reversible, checked in constant time."""

from __future__ import annotations

import pytest

from backlog_desk.domain.passwords import (
    PasswordProblem,
    check_rules,
    hash_password,
    verify_password,
)


def test_hash_has_a_random_salt_and_never_contains_the_password() -> None:
    a, b = hash_password("清结2026!"), hash_password("清结2026!")
    assert a != b  # a fresh salt each time: equal passwords do not give equal hashes
    assert a.split("$")[4] != b.split("$")[4]
    for stored in (a, b):
        assert "清结2026!" not in stored
        assert stored.startswith("scrypt$16384$8$1$")
    assert verify_password("清结2026!", a) and verify_password("清结2026!", b)


def test_same_salt_same_hash_and_salt_matters() -> None:
    salt = bytes(range(16))
    assert hash_password("secret1", salt=salt) == hash_password("secret1", salt=salt)
    assert hash_password("secret1", salt=salt) != hash_password("secret1", salt=bytes(16))


def test_wrong_password_and_damaged_hash_are_refused() -> None:
    stored = hash_password("correct horse")
    assert not verify_password("correct hors", stored)
    assert not verify_password("Correct horse", stored)
    assert not verify_password("", stored)
    assert not verify_password("correct horse", stored[:-4] + "AAAA")
    assert not verify_password("correct horse", "md5$whatever")
    assert not verify_password("correct horse", "")


def test_rules_refuse_short_passwords() -> None:
    with pytest.raises(PasswordProblem):
        check_rules("12345")
    with pytest.raises(PasswordProblem):
        check_rules(" padded ")
    check_rules("123456")
