"""Workbench accounts: usernames and argon2id password hashes (never the password).

Used on a shared store when the team has no identity provider of its own. The
hash is salted and memory-hard (argon2-cffi's defaults: argon2id, 64 MiB, 3
passes), so a copied ``users`` table does not give the passwords away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from coding.errors import WorkbenchError

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 10
RESERVED = frozenset({"model", "system", "unknown", "researcher"})

_hasher = PasswordHasher()


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str = ""
    email: str | None = None
    password_hash: str | None = None
    active: bool = True
    created_at: datetime | None = None


def check_username(username: str) -> str:
    """The username as stored (lower case), or WorkbenchError saying what is wrong.

    >>> check_username(" Priya ")
    'priya'
    """
    cleaned = username.strip().lower()
    if not _USERNAME.match(cleaned):
        raise WorkbenchError(
            f"{username!r} is not a username: use 2-40 lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter."
        )
    if cleaned in RESERVED:
        raise WorkbenchError(f"{cleaned!r} is reserved by the workbench; choose another username.")
    return cleaned


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise WorkbenchError(f"A password needs at least {MIN_PASSWORD} characters.")
    return _hasher.hash(password)


def verify_password(account: Account | None, password: str) -> bool:
    """True when the password matches the account's hash (False for no account or no hash)."""
    if account is None or not account.password_hash or not account.active:
        return False
    try:
        return _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
