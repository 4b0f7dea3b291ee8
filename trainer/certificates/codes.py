"""Verification codes: 11 random Crockford base32 symbols and a Luhn mod 32 check symbol,
shown in groups of four, like 7KQ4-M2XD-9RT3. A mistyped symbol, or two swapped, is caught
by the check before anything is looked up; an altered code that passes it still names no
certificate (55 random bits). Pure: no Flask, no database."""

from __future__ import annotations

import secrets

#: Crockford's base32: no I, L, O or U, so nothing is misread
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_SYMBOLS = 11
LENGTH = RANDOM_SYMBOLS + 1
#: what people type for what they mean
READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    """A fresh code, grouped for reading aloud: 7KQ4-M2XD-9RT3."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_SYMBOLS))
    return grouped(body + check_symbol(body))


def check_symbol(body: str) -> str:
    """Luhn mod 32: catches every single wrong symbol and most neighbours swapped."""
    factor, total, n = 2, 0, len(ALPHABET)
    for symbol in reversed(body):
        addend = factor * ALPHABET.index(symbol)
        total += addend // n + addend % n
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def normalise(typed: str) -> str | None:
    """The code as stored (grouped, upper case), or None when it cannot be one of ours."""
    if not typed or len(typed) > 40:
        return None
    plain = "".join(typed.split()).replace("-", "").upper().translate(READ_AS)
    if len(plain) != LENGTH or any(symbol not in ALPHABET for symbol in plain):
        return None
    if check_symbol(plain[:-1]) != plain[-1]:
        return None
    return grouped(plain)


def grouped(plain: str) -> str:
    return "-".join(plain[i : i + 4] for i in range(0, len(plain), 4))
