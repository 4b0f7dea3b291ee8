"""Two-step verification for admin and finance accounts: a time-based code from an
authenticator app (RFC 6238, by pyotp) after the password, or a single-use recovery code.

A code works once: the step it was made for is kept, and codes for that step or earlier are
refused. Recovery codes are shown once, kept only as SHA-256 hashes, and spent on use.
"""

import hashlib
import secrets
from datetime import timedelta

import pyotp
from sqlalchemy import delete, func, select, update

from trainer import audit
from trainer.auth import throttle
from trainer.auth.service import THROTTLED
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import RecoveryCode, Role, User

OFFERED_TO = (Role.ADMIN, Role.FINANCE)
STEP_SECONDS = 30
RECOVERY_CODES = 10
WRONG_CODE = "Enter the 6-digit code your authenticator app shows now."


def offered(user: User) -> bool:
    return user.has_role(*OFFERED_TO)


def new_secret() -> str:
    return pyotp.random_base32()


def setup_uri(secret: str, *, email: str, issuer: str) -> str:
    """What the QR code holds: the secret, the account and the service's name."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def _current_step() -> int:
    return int(utc_now().timestamp()) // STEP_SECONDS


def _matching_step(secret: str, code: str, after: int | None) -> int | None:
    """The step (now, or one either side for a slow clock) whose code is `code`."""
    code = "".join(code.split())
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None
    totp, now = pyotp.TOTP(secret), _current_step()
    for step in (now - 1, now, now + 1):
        if (after is None or step > after) and secrets.compare_digest(
            totp.at(step * STEP_SECONDS), code
        ):
            return step
    return None


def turn_on(user: User, secret: str, code: str) -> list[str]:
    """Start asking `user` for codes, once a code shows their app has the secret; returns
    their recovery codes (the only time anyone sees them)."""
    step = _matching_step(secret, code, None)
    if step is None:
        raise DomainError(WRONG_CODE, "code")
    user.totp_secret, user.totp_last_step = secret, step
    audit.record("account.two_step_on", user, actor=user)
    return new_recovery_codes(user)


def turn_off(user: User, *, actor: User) -> None:
    """Stop asking for codes (the owner, or an admin when the phone and codes are lost)."""
    user.totp_secret, user.totp_last_step = None, None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    audit.record("account.two_step_off", user, actor=actor)
    db.session.flush()


def _hash(code: str) -> str:
    return hashlib.sha256("".join(code.lower().split()).replace("-", "").encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Ten new codes like 'k7pq-2xrm-c9tw' (older ones stop working)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = [
        "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
        for _ in range(RECOVERY_CODES)
    ]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(c)) for c in codes)
    db.session.flush()
    return codes


def recovery_codes_left(user: User) -> int:
    query = select(func.count()).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
    )
    return db.session.scalar(query) or 0


def verify(user: User, code: str) -> str | None:
    """'code' or 'recovery code' when `code` lets `user` in (and is spent), else None."""
    step = _matching_step(user.totp_secret or "", code, user.totp_last_step)
    if user.totp_secret and step is not None:
        user.totp_last_step = step
        return "code"
    if len(code) > 40:
        return None
    spent = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    return "recovery code" if spent.rowcount == 1 else None


def second_step(user: User, code: str, address: str, *, limits: dict) -> str | None:
    """The code asked for after the password: 'code' or 'recovery code' when it lets `user`
    in, else None (a failure counts towards the account's and the address's throttle)."""
    wait = throttle.throttled_for(
        user.email,
        address,
        per_account=limits["per_account"],
        per_address=limits["per_address"],
        window=timedelta(minutes=limits["window_minutes"]),
    )
    if wait is not None:
        raise DomainError(THROTTLED.format(wait=throttle.in_words(wait)), "code")
    how = verify(user, code)
    throttle.note_attempt(user.email, address, succeeded=how is not None)
    return how
