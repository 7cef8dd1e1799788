"""The ticket state machine: the whole transition table, and what each move does."""

from __future__ import annotations

import itertools

import pytest

from appliance.domain.errors import InvalidInput
from appliance.domain.workflow import (
    STATUSES,
    TransitionError,
    action_counts_as_response,
    allowed_transitions,
    check_transition,
    effects,
    is_read_only,
)
from appliance.i18n import t

ALLOWED = {
    ("new", "in_progress"),
    ("new", "waiting"),
    ("new", "resolved"),
    ("in_progress", "waiting"),
    ("in_progress", "resolved"),
    ("waiting", "in_progress"),
    ("waiting", "resolved"),
    ("resolved", "in_progress"),
    ("resolved", "closed"),
    ("closed", "in_progress"),
}


@pytest.mark.parametrize(("old", "new"), list(itertools.product(STATUSES, STATUSES)))
def test_every_pair_of_statuses(old: str, new: str) -> None:
    if (old, new) in ALLOWED:
        check_transition(old, new)
        assert new in allowed_transitions(old)
    else:
        with pytest.raises(TransitionError) as refused:
            check_transition(old, new)
        assert refused.value.key == "workflow.not_allowed"
        assert refused.value.values == {"old": old, "new": new}
        assert new not in allowed_transitions(old)


def test_unknown_status_is_its_own_error() -> None:
    with pytest.raises(TransitionError) as refused:
        check_transition("new", "archived")
    assert (refused.value.key, refused.value.values) == (
        "workflow.unknown_status",
        {"status": "archived"},
    )
    with pytest.raises(TransitionError):
        allowed_transitions("archived")


def test_refusal_reads_well_in_both_languages() -> None:
    with pytest.raises(TransitionError) as refused:
        check_transition("closed", "resolved")
    err = refused.value
    assert t(err.key, "en", **err.values) == "A ticket cannot go from “closed” to “resolved”"
    assert "«closed»" in t(err.key, "ru", **err.values)
    assert isinstance(err, InvalidInput)  # the kind every boundary maps


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("new", "in_progress", set()),
        ("new", "waiting", {"pause_clock"}),
        ("new", "resolved", {"set_resolved_at", "pause_clock", "counts_as_response"}),
        ("in_progress", "waiting", {"pause_clock"}),
        ("in_progress", "resolved", {"set_resolved_at", "pause_clock", "counts_as_response"}),
        ("waiting", "in_progress", {"resume_clock"}),
        ("waiting", "resolved", {"set_resolved_at", "counts_as_response"}),
        ("resolved", "closed", {"set_closed_at"}),
        ("resolved", "in_progress", {"clear_resolved_at", "clear_closed_at", "resume_clock"}),
        ("closed", "in_progress", {"clear_resolved_at", "clear_closed_at", "resume_clock"}),
    ],
)
def test_effects_of_each_transition(old: str, new: str, expected: set[str]) -> None:
    done = effects(old, new)
    flags = {name for name, value in vars(done).items() if value}
    assert flags == expected


def test_effects_refuse_a_forbidden_move() -> None:
    with pytest.raises(TransitionError):
        effects("closed", "new")


def test_table_covers_exactly_the_statuses() -> None:
    assert set(STATUSES) == {"new", "in_progress", "waiting", "resolved", "closed"}
    assert {(old, new) for old in STATUSES for new in allowed_transitions(old)} == ALLOWED


def test_only_closed_is_read_only() -> None:
    assert [s for s in STATUSES if is_read_only(s)] == ["closed"]


@pytest.mark.parametrize(
    ("kind", "visibility", "counts"),
    [
        ("comment", "public", True),
        ("comment", "internal", False),
        ("phone_call", "internal", True),
        ("remote_session", "internal", True),
        ("on_site", "public", True),
        ("other", "internal", True),
        ("created", "internal", False),
        ("status", "public", False),
        ("assignment", "internal", False),
    ],
)
def test_which_actions_are_a_response(kind: str, visibility: str, counts: bool) -> None:
    assert action_counts_as_response(kind, visibility) is counts
