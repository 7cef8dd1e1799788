"""How strong a backup passphrase is, for the meter beside the field. Pure.

A rough estimate of guessing entropy: length times log2 of the alphabet the characters come from
(lower, upper, digits, other ASCII, Cyrillic, anything else), with repeated characters counted
once per run. It is a guide for the admin, not a proof; the hard rule is the minimum length.
"""

from __future__ import annotations

import math

MIN_LENGTH = 12
STRONG_BITS = 80
FAIR_BITS = 55


def entropy_bits(passphrase: str) -> float:
    pool = 0
    if any(c.islower() and c.isascii() for c in passphrase):
        pool += 26
    if any(c.isupper() and c.isascii() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(c.isascii() and not c.isalnum() for c in passphrase):
        pool += 33
    if any("\u0400" <= c <= "\u04ff" for c in passphrase):
        pool += 66
    if any(not c.isascii() and not "\u0400" <= c <= "\u04ff" for c in passphrase):
        pool += 100
    runs = sum(1 for i, c in enumerate(passphrase) if i == 0 or c != passphrase[i - 1])
    return runs * math.log2(pool) if pool else 0.0


def strength(passphrase: str) -> str:
    """'too_short', 'weak', 'fair' or 'strong'."""
    if len(passphrase) < MIN_LENGTH:
        return "too_short"
    bits = entropy_bits(passphrase)
    if bits >= STRONG_BITS:
        return "strong"
    return "fair" if bits >= FAIR_BITS else "weak"
