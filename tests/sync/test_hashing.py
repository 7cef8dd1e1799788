"""Blob names and the content hash behind ticket idempotency."""

from __future__ import annotations

import hashlib

import pytest

from sync.hashing import canonical_submission, content_hash, sha256_hex
from sync.wire import TicketSubmission

BASE = {
    "uuid": "589b7af4-03bc-4c25-8d73-c3bfd428faf4",
    "submitted_at": "2025-03-01T09:30:00+03:00",
    "description": "Mail does not open",
    "phone": "101",
    "urgent": False,
    "attachments": ["ab" * 32, "cd" * 32],
    "machine_facts": {"hostname": "ACC-01", "os_user": "ivanova"},
}


def hash_of(**changes: object) -> str:
    return content_hash(TicketSubmission.model_validate({**BASE, **changes}))


def test_sha256_hex_is_lowercase_hex_of_the_bytes():
    assert sha256_hex(b"abc") == hashlib.sha256(b"abc").hexdigest()
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_content_hash_names_its_scheme():
    digest = hash_of()
    assert digest.startswith("v1:")
    assert len(digest) == 3 + 64


@pytest.mark.parametrize(
    "same",
    [
        {"uuid": "589B7AF4-03BC-4C25-8D73-C3BFD428FAF4"},
        {"submitted_at": "2025-03-01T06:30:00Z"},
        {"description": "  Mail does not open\n"},
        {"phone": " 101 "},
        {"machine_facts": {"os_user": "ivanova", "hostname": "ACC-01"}},
    ],
)
def test_normalised_equal_submissions_hash_equal(same):
    assert hash_of(**same) == hash_of()


@pytest.mark.parametrize(
    "other",
    [
        {"submitted_at": "2025-03-01T09:30:01+03:00"},
        {"description": "Mail does not open!"},
        {"phone": "102"},
        {"urgent": True},
        {"attachments": ["cd" * 32, "ab" * 32]},
        {"attachments": ["ab" * 32]},
        {"machine_facts": {"hostname": "ACC-02", "os_user": "ivanova"}},
    ],
)
def test_any_difference_in_content_changes_the_hash(other):
    assert hash_of(**other) != hash_of()


def test_canonical_form_is_sorted_compact_utf8():
    sub = TicketSubmission.model_validate({**BASE, "description": "Не печатает"})
    raw = canonical_submission(sub)
    assert "Не печатает".encode() in raw
    assert b'"attachments":[' in raw
    assert raw.index(b'"attachments"') < raw.index(b'"description"') < raw.index(b'"uuid"')
    assert b'"submitted_at":"2025-03-01T06:30:00+00:00"' in raw
