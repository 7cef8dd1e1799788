"""Wire models: requests are strict (unknown fields and bad types refused), responses tolerant."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from sync import wire
from sync.wire import (
    EnrollResponse,
    ErrorBody,
    FeedPage,
    MachineFacts,
    TicketSubmission,
)

UUID = "589b7af4-03bc-4c25-8d73-c3bfd428faf4"
SHA = "ab" * 32


def submission(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "uuid": UUID,
        "submitted_at": "2025-03-01T09:30:00+03:00",
        "description": "The printer prints blank pages",
    }
    doc.update(changes)
    return doc


def test_a_minimal_submission_parses_with_defaults():
    sub = TicketSubmission.model_validate(submission())
    assert str(sub.uuid) == UUID
    assert sub.submitted_at == datetime(2025, 3, 1, 6, 30, tzinfo=UTC)
    assert sub.phone == ""
    assert sub.urgent is False
    assert sub.priority == "normal"
    assert sub.attachments == []
    assert sub.machine_facts == MachineFacts()


def test_urgent_maps_to_urgent_priority():
    assert TicketSubmission.model_validate(submission(urgent=True)).priority == "urgent"


def test_description_and_phone_are_stripped():
    sub = TicketSubmission.model_validate(submission(description="  hi \n", phone=" 123 "))
    assert sub.description == "hi"
    assert sub.phone == "123"


def test_a_full_submission_round_trips_through_json():
    doc = submission(
        phone="+7 900 000-00-00",
        urgent=True,
        attachments=[SHA, "cd" * 32],
        machine_facts={
            "hostname": "ACC-01",
            "os": "Windows 11 Pro 23H2",
            "os_user": "ivanova",
            "ips": ["192.168.1.20"],
            "macs": ["00:11:22:33:44:55"],
            "uptime_seconds": 3600,
            "free_disk_bytes": 10_000_000_000,
            "screens": [{"x": 0, "y": 0, "width": 1920, "height": 1080}],
        },
    )
    sub = TicketSubmission.model_validate(doc)
    again = TicketSubmission.model_validate_json(sub.model_dump_json())
    assert again == sub


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"colour": "red"}, ("colour",), "Extra inputs"),
        ({"machine_facts": {"cpu": "x"}}, ("machine_facts", "cpu"), "Extra inputs"),
        ({"uuid": "not-a-uuid"}, ("uuid",), "UUID"),
        ({"uuid": "589b7af4-03bc-1c25-8d73-c3bfd428faf4"}, ("uuid",), "version 4"),
        ({"submitted_at": "2025-03-01T09:30:00"}, ("submitted_at",), "timezone"),
        ({"description": "   "}, ("description",), "at least 1"),
        ({"description": "x" * 5001}, ("description",), "at most 5000"),
        ({"description": 5}, ("description",), "valid string"),
        ({"phone": "1" * 41}, ("phone",), "at most 40"),
        ({"urgent": "yes"}, ("urgent",), "valid boolean"),
        ({"urgent": 1}, ("urgent",), "valid boolean"),
        ({"attachments": [SHA] * 6}, ("attachments",), "at most 5"),
        ({"attachments": [SHA, SHA]}, ("attachments",), "repeat"),
        ({"attachments": ["AB" * 32]}, ("attachments", 0), "pattern"),
        ({"attachments": ["ab"]}, ("attachments", 0), "pattern"),
        ({"machine_facts": {"uptime_seconds": "5"}}, ("machine_facts", "uptime_seconds"), "int"),
        (
            {"machine_facts": {"free_disk_bytes": -1}},
            ("machine_facts", "free_disk_bytes"),
            "greater than",
        ),
        ({"machine_facts": {"ips": ["1"] * 33}}, ("machine_facts", "ips"), "at most 32"),
        (
            {"machine_facts": {"screens": [{"x": 0, "y": 0, "width": 0, "height": 1}]}},
            ("machine_facts", "screens", 0, "width"),
            "greater than",
        ),
    ],
)
def test_bad_submissions_are_refused_naming_the_field(changes, field, fragment):
    with pytest.raises(ValidationError) as info:
        TicketSubmission.model_validate(submission(**changes))
    error = info.value.errors()[0]
    assert error["loc"] == field
    assert fragment in error["msg"]


def test_a_uuid_object_is_accepted_too():
    made = uuid.uuid4()
    assert TicketSubmission.model_validate(submission(uuid=made)).uuid == made


def test_requests_are_immutable():
    sub = TicketSubmission.model_validate(submission())
    with pytest.raises(ValidationError):
        sub.description = "changed"  # type: ignore[misc]


def test_responses_ignore_fields_a_newer_appliance_adds():
    answer = EnrollResponse.model_validate(
        {
            "device_id": 3,
            "token": "t",
            "org_name": "Acme",
            "server_fingerprint": "00" * 32,
            "wire_version": 1,
            "something_new": True,
        }
    )
    assert answer.device_id == 3
    page = FeedPage.model_validate(
        {
            "events": [
                {
                    "seq": 4,
                    "kind": "escalated",
                    "at": "2025-03-01T06:30:00Z",
                    "ticket_uuid": UUID,
                    "ticket_number": 7,
                    "new": 1,
                }
            ],
            "next": 4,
            "more": False,
            "faq_version": "x",
        }
    )
    assert page.events[0].kind == "escalated"
    assert page.faq is None


def test_error_body_defaults():
    body = ErrorBody.model_validate({"error": "conflict", "message": "Nope."})
    assert body.missing == []
    assert body.field is None
    assert body.retry_after is None


def test_paths():
    assert wire.ENROLL_PATH == "/api/v1/enroll"
    assert wire.blob_path(SHA) == f"/api/v1/blobs/{SHA}"
