"""The ticket list queries: views, filters, sorting, paging, the SLA filter, and index use."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import apsw
import pytest

from appliance.domain.sla import sla_state
from appliance.store import Store
from appliance.store import ticket_list as tl
from appliance.store.ticket_list import ListFilters, ListQueryError, TicketPage, list_tickets
from tests.store.ticket_list_data import FRIDAY_EVENING, NOW, Crafted, build


@pytest.fixture
def crafted(store: Store) -> Crafted:
    return store.write_sync(build)


def page_of(
    store: Store,
    crafted: Crafted,
    view: str,
    filters: ListFilters | None = None,
    *,
    sort: str = "number",
    descending: bool = False,
    page: int = 1,
    per_page: int = 50,
    user: int | None = None,
    now: datetime = NOW,
) -> TicketPage:
    return store.read_sync(
        lambda conn: list_tickets(
            conn,
            view=view,
            filters=filters or ListFilters(),
            sort=sort,
            descending=descending,
            page=page,
            per_page=per_page,
            user_id=user if user is not None else crafted.tech_anna,
            now=now,
        )
    )


def numbers(page: TicketPage) -> list[int]:
    return [row.number for row in page.rows]


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ("new", [1, 2, 8]),
        ("mine", [2, 3]),
        ("unassigned", [1, 7, 8]),
        # due within two hours or passed, clock running: 1 (+50 min), 2 (+5), 3 and 10 (passed);
        # not 4 (waiting: clock stopped), 7 (+30 h), 9 (Friday), 8 (no SLA).
        ("breaching", [1, 2, 3, 10]),
        ("open", [1, 2, 3, 4, 7, 8, 9, 10]),
        ("closed", [5, 6]),
        ("all", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    ],
)
def test_each_view_holds_its_tickets(
    store: Store, crafted: Crafted, view: str, expected: list[int]
) -> None:
    result = page_of(store, crafted, view)
    assert numbers(result) == expected
    assert result.total == len(expected)


def test_mine_is_the_asking_technicians(store: Store, crafted: Crafted) -> None:
    assert numbers(page_of(store, crafted, "mine", user=crafted.tech_boris)) == [4, 9, 10]
    assert numbers(page_of(store, crafted, "mine", user=crafted.manager)) == []


def test_view_counts_match_the_views(store: Store, crafted: Crafted) -> None:
    counts = store.read_sync(lambda c: tl.view_counts(c, user_id=crafted.tech_anna, now=NOW))
    assert counts == {
        "new": 3,
        "mine": 2,
        "unassigned": 3,
        "breaching": 4,
        "open": 8,
        "closed": 2,
        "all": 10,
    }


def test_row_carries_what_the_list_shows(store: Store, crafted: Crafted) -> None:
    rows = {row.number: row for row in page_of(store, crafted, "open").rows}
    first = rows[1]
    assert first.id == crafted.ids[1]
    assert first.received_at == NOW - timedelta(minutes=10)
    assert first.received_at.tzinfo is not None
    assert first.org_name == "Альфа"
    assert first.person_name == "Иванов Иван"
    assert first.summary == "Принтер не печатает на третьем этаже"
    assert first.category == "Печать › Принтер не печатает"
    assert (first.priority, first.status) == ("normal", "new")
    assert first.assignee_id is None and first.assignee_name is None
    assert first.response_due_at == NOW + timedelta(minutes=50)
    assert first.first_response_at is None and first.paused_since is None
    assert first.calendar_id is not None
    assert first.version == 1
    # A long description is cut to the summary length with an ellipsis; line breaks flattened.
    assert rows[2].summary.startswith("Не работает почта очень длинное")
    assert rows[2].summary.endswith("…")
    assert len(rows[2].summary) <= tl.SUMMARY_CHARS + 1
    assert rows[3].summary == "Сеть падает каждые 5 минут"
    # A top-level category shows alone; an empty full name falls back to the login.
    assert rows[3].category == "Сеть"
    assert rows[4].assignee_name == "boris"
    assert rows[4].paused_since == NOW - timedelta(hours=1)
    # A ticket from nowhere has no organisation, person, category or due times.
    assert (rows[8].org_name, rows[8].person_name, rows[8].category) == (None, None, None)
    assert rows[8].response_due_at is None and rows[8].calendar_id is None
    assert rows[8].summary == "<script>alert(1)</script> принтер"


@pytest.mark.parametrize(
    ("view", "filters", "expected"),
    [
        ("open", ListFilters(statuses=("new",)), [1, 2, 8]),
        ("open", ListFilters(statuses=("waiting", "in_progress")), [3, 4, 7, 9, 10]),
        ("open", ListFilters(priorities=("high",)), [3]),
        ("open", ListFilters(priorities=("low", "high")), [3, 7, 9, 10]),
        ("open", ListFilters(assignee=tl.UNASSIGNED), [1, 7, 8]),
        ("closed", ListFilters(assignee=tl.UNASSIGNED), []),
        ("new", ListFilters(text="почта"), [2]),
        ("open", ListFilters(sla="ok"), [1, 7, 9]),
        ("open", ListFilters(sla="at_risk"), [2]),
        ("open", ListFilters(sla="breached"), [3, 10]),
        ("open", ListFilters(sla="paused"), [4]),
        ("closed", ListFilters(sla="paused"), []),
        # stemming and case: "принтеры" finds "Принтер" and "принтер"
        ("open", ListFilters(text="принтеры"), [1, 8]),
        ("closed", ListFilters(text="ПРИНТЕР"), [5]),
        # a short word is matched as a substring
        ("open", ListFilters(text="1с"), [4]),
        # a ticket number
        ("closed", ListFilters(text="№ 6"), [6]),
        ("open", ListFilters(text="№ 6"), []),
        # markup typed into the box is only text
        ("open", ListFilters(text="<script>"), [8]),
        ("open", ListFilters(text='" OR 1=1 --'), []),
        ("open", ListFilters(text="   "), [1, 2, 3, 4, 7, 8, 9, 10]),
    ],
)
def test_filters(
    store: Store, crafted: Crafted, view: str, filters: ListFilters, expected: list[int]
) -> None:
    result = page_of(store, crafted, view, filters)
    assert numbers(result) == expected
    assert result.total == len(expected)


def test_organisation_assignee_and_category_filters(store: Store, crafted: Crafted) -> None:
    assert numbers(page_of(store, crafted, "open", ListFilters(org_id=crafted.org_alpha))) == [
        1,
        3,
        7,
    ]
    assert numbers(page_of(store, crafted, "closed", ListFilters(org_id=crafted.org_beta))) == [6]
    anna = ListFilters(assignee=crafted.tech_anna)
    assert numbers(page_of(store, crafted, "open", anna)) == [2, 3]
    assert numbers(page_of(store, crafted, "closed", anna)) == [6]
    # A service selects tickets filed under it and under its problems; a problem only itself.
    service = ListFilters(category_id=crafted.service_print)
    assert numbers(page_of(store, crafted, "open", service)) == [1]
    assert numbers(page_of(store, crafted, "closed", service)) == [5]
    problem = ListFilters(category_id=crafted.problem_printer)
    assert numbers(page_of(store, crafted, "closed", problem)) == []


def test_text_combines_with_other_filters(store: Store, crafted: Crafted) -> None:
    text_and_org = ListFilters(text="принтер", org_id=crafted.org_alpha)
    assert numbers(page_of(store, crafted, "open", text_and_org)) == [1]
    assert numbers(page_of(store, crafted, "closed", text_and_org)) == [5]
    text_and_status = ListFilters(text="принтер", statuses=("new",), priorities=("normal",))
    assert numbers(page_of(store, crafted, "new", text_and_status)) == [1, 8]
    text_and_sla = ListFilters(text="принтер", sla="ok")
    assert numbers(page_of(store, crafted, "open", text_and_sla)) == [1]


@pytest.mark.parametrize(
    ("sort", "descending", "expected"),
    [
        ("number", False, [1, 2, 3, 4, 7, 8, 9, 10]),
        ("number", True, [10, 9, 8, 7, 4, 3, 2, 1]),
        ("received", True, [8, 1, 2, 3, 4, 7, 9, 10]),
        ("received", False, [10, 9, 7, 4, 3, 2, 1, 8]),
        # Альфа, Бета, Гамма; within one organisation newest first; no organisation last
        ("organisation", False, [1, 3, 7, 2, 4, 9, 10, 8]),
        ("organisation", True, [9, 10, 2, 4, 1, 3, 7, 8]),
        # by rank, not by text: urgent > high > normal > low
        ("priority", True, [3, 8, 1, 2, 4, 7, 9, 10]),
        ("priority", False, [7, 9, 10, 8, 1, 2, 4, 3]),
        ("status", False, [8, 1, 2, 3, 7, 9, 10, 4]),
        # by name (the login when the name is empty): "boris" before "Анна Техник"; nobody last
        ("assignee", False, [4, 9, 10, 2, 3, 8, 1, 7]),
        # the next due time (response, then resolution); no due time last either way
        ("due", False, [10, 3, 2, 1, 4, 7, 9, 8]),
        ("due", True, [9, 7, 4, 1, 2, 3, 10, 8]),
    ],
)
def test_sorting(
    store: Store, crafted: Crafted, sort: str, descending: bool, expected: list[int]
) -> None:
    result = page_of(store, crafted, "open", sort=sort, descending=descending)
    assert numbers(result) == expected


def test_breaching_most_urgent_first(store: Store, crafted: Crafted) -> None:
    assert numbers(page_of(store, crafted, "breaching", sort="due")) == [10, 3, 2, 1]
    assert numbers(page_of(store, crafted, "breaching", sort="due", descending=True)) == [
        1,
        2,
        3,
        10,
    ]
    at_risk_or_late = page_of(store, crafted, "open", ListFilters(sla="breached"), sort="due")
    assert numbers(at_risk_or_late) == [10, 3]


def test_paging_keeps_the_total(store: Store, crafted: Crafted) -> None:
    pages = [page_of(store, crafted, "open", page=p, per_page=3) for p in (1, 2, 3, 4)]
    assert [numbers(p) for p in pages] == [[1, 2, 3], [4, 7, 8], [9, 10], []]
    assert {p.total for p in pages} == {8}
    # out-of-range paging values are clamped, not errors
    clamped = page_of(store, crafted, "open", page=0, per_page=0)
    assert (numbers(clamped), clamped.page, clamped.per_page) == ([1], 1, 1)
    assert page_of(store, crafted, "open", per_page=10_000).per_page == tl.MAX_PER_PAGE


@pytest.mark.parametrize(
    ("view", "filters", "sort", "key"),
    [
        ("everything", ListFilters(), "number", "ticket_list.error.view"),
        ("open", ListFilters(), "description", "ticket_list.error.sort"),
        ("open", ListFilters(statuses=("lost",)), "number", "ticket_list.error.status"),
        ("open", ListFilters(priorities=("meh",)), "number", "ticket_list.error.priority"),
        ("open", ListFilters(sla="late"), "number", "ticket_list.error.sla"),
        ("open", ListFilters(assignee="anna"), "number", "ticket_list.error.assignee"),
    ],
)
def test_unknown_values_are_refused(
    store: Store, crafted: Crafted, view: str, filters: ListFilters, sort: str, key: str
) -> None:
    with pytest.raises(ListQueryError) as caught:
        page_of(store, crafted, view, filters, sort=sort)
    assert caught.value.key == key


def test_naive_now_is_refused(store: Store, crafted: Crafted) -> None:
    with pytest.raises(ValueError, match="naive"):
        page_of(store, crafted, "open", now=NOW.replace(tzinfo=None))


_COLOUR_TO_FILTER = {"green": "ok", "amber": "at_risk", "red": "breached", "paused": "paused"}


@pytest.mark.parametrize(
    "now",
    [
        NOW,
        FRIDAY_EVENING,
        FRIDAY_EVENING + timedelta(hours=17),  # Saturday morning
        NOW - timedelta(hours=6, minutes=1),  # Monday 08:59 in Moscow
        NOW + timedelta(minutes=4),
        NOW + timedelta(hours=3),
        NOW + timedelta(days=3, hours=5),
    ],
)
def test_sla_filter_agrees_with_the_timer_colours(
    store: Store, crafted: Crafted, now: datetime
) -> None:
    """Whatever the moment, a ticket is in the SLA filter whose colour the timer shows."""
    calendars = store.read_sync(tl.load_calendars)
    expected: dict[str, list[int]] = {state: [] for state in tl.SLA_STATES}
    for row in page_of(store, crafted, "open", now=now).rows:
        state = sla_state(
            now=now,
            received_at=row.received_at,
            response_due=row.response_due_at,
            resolution_due=row.resolution_due_at,
            first_response_at=row.first_response_at,
            resolved_at=row.resolved_at,
            paused_since=row.paused_since,
            cal=calendars.get(row.calendar_id) if row.calendar_id else None,
            paused_seconds=row.paused_seconds,
            closed_at=row.closed_at,
        )
        if state.colour in _COLOUR_TO_FILTER:
            expected[_COLOUR_TO_FILTER[state.colour]].append(row.number)
    for state in tl.SLA_STATES:
        found = numbers(page_of(store, crafted, "open", ListFilters(sla=state), now=now))
        assert found == expected[state], state


def test_at_risk_counts_business_hours_not_wall_clock(store: Store, crafted: Crafted) -> None:
    # Ticket 10 on Friday 17:00 in Moscow: 5 of 40 business hours left (amber), though more
    # than a quarter of the wall-clock time to its Monday due time remains.
    at_risk = page_of(store, crafted, "open", ListFilters(sla="at_risk"), now=FRIDAY_EVENING)
    assert 10 in numbers(at_risk)
    fine = page_of(store, crafted, "open", ListFilters(sla="ok"), now=FRIDAY_EVENING)
    assert 10 not in numbers(fine)


def test_breaching_window_moves_with_now(store: Store, crafted: Crafted) -> None:
    # Three days on, ticket 7 (due at NOW + 30 h) has passed its due time too.
    later = page_of(store, crafted, "breaching", now=NOW + timedelta(days=3))
    assert numbers(later) == [1, 2, 3, 7, 10]


def test_list_follows_changes(store: Store, crafted: Crafted) -> None:
    def take(conn: apsw.Connection) -> None:
        conn.execute(
            "UPDATE tickets SET status = 'in_progress', assignee_id = ?, version = version + 1,"
            " first_response_at = ? WHERE number = 1",
            (crafted.tech_anna, "2025-03-10T12:00:00.000000Z"),
        )

    store.write_sync(take)
    assert numbers(page_of(store, crafted, "new")) == [2, 8]
    assert numbers(page_of(store, crafted, "mine")) == [1, 2, 3]
    assert numbers(page_of(store, crafted, "unassigned")) == [7, 8]
    row = next(r for r in page_of(store, crafted, "mine").rows if r.number == 1)
    assert (row.status, row.assignee_name, row.version) == ("in_progress", "Анна Техник", 2)


# -- index use ----------------------------------------------------------------------------------

_FULL_SCAN = re.compile(r"^SCAN t\b(?! USING (COVERING )?INDEX tickets_received\b)")


def _plans(conn: apsw.Connection, view: str, filters: ListFilters, sort: str) -> list[str]:
    where, params = tl.build_where(conn, view=view, filters=filters, user_id=1, now=NOW)
    order = tl._order_by(sort, True, due_known=tl._on_due_index(view, filters))
    statements = [
        (
            f"SELECT t.id FROM {tl.tickets_source(view, filters)} {tl._sort_join(sort)}"
            f" WHERE {where} ORDER BY {order} LIMIT 50"
        ),
        f"SELECT count(*) FROM {tl.tickets_source(view, filters)} WHERE {where}",
    ]
    return [
        row[3] for sql in statements for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)
    ]


@pytest.mark.parametrize("view", [v for v in tl.VIEWS if v not in ("closed", "all")])
@pytest.mark.parametrize("sort", ["received", "number", "due", "priority"])
def test_open_views_search_an_index(store: Store, crafted: Crafted, view: str, sort: str) -> None:
    """The open views reach their tickets through an index, never by reading the table."""
    plans = store.read_sync(lambda conn: _plans(conn, view, ListFilters(), sort))
    steps_on_t = [p for p in plans if re.match(r"^(SEARCH|SCAN) t\b", p)]
    assert steps_on_t, plans
    assert all(p.startswith("SEARCH t USING") for p in steps_on_t), plans


@pytest.mark.parametrize("view", ["closed", "all"])
def test_big_views_walk_the_time_index_and_stop(store: Store, crafted: Crafted, view: str) -> None:
    """Closed is most of the store: newest first is a backward walk of received_at with a limit,
    never a sort of everything; an organisation filter uses that organisation's index."""
    plans = store.read_sync(lambda conn: _plans(conn, view, ListFilters(), "received"))
    assert re.match(r"SCAN t USING (COVERING )?INDEX tickets_received$", plans[0]), plans
    assert not any("TEMP B-TREE" in p for p in plans), plans
    by_org = store.read_sync(
        lambda conn: _plans(conn, view, ListFilters(org_id=crafted.org_alpha), "received")
    )
    assert re.match(r"SEARCH t USING (COVERING )?INDEX tickets_org_received", by_org[0]), by_org


@pytest.mark.parametrize(
    "filters",
    [
        ListFilters(org_id=1),
        ListFilters(assignee=1),
        ListFilters(category_id=1),
        ListFilters(text="принтер"),
        ListFilters(sla="breached"),
        ListFilters(statuses=("waiting",)),
    ],
)
def test_filters_never_read_the_whole_table(
    store: Store, crafted: Crafted, filters: ListFilters
) -> None:
    for view in tl.VIEWS:
        plans = store.read_sync(lambda conn, view=view: _plans(conn, view, filters, "received"))
        assert not [p for p in plans if _FULL_SCAN.match(p)], (view, plans)


@pytest.mark.parametrize(
    ("view", "filters"),
    [
        ("breaching", ListFilters()),
        ("open", ListFilters(sla="breached")),
        ("open", ListFilters(sla="at_risk")),
        ("new", ListFilters(sla="ok")),
    ],
)
def test_running_clocks_are_found_by_due_time(
    store: Store, crafted: Crafted, view: str, filters: ListFilters
) -> None:
    """Breaching soon and the SLA filter read the due-time index: a range of it, not every open
    ticket's row."""
    for sort in ("due", "received"):
        plans = store.read_sync(lambda conn, sort=sort: _plans(conn, view, filters, sort))
        on_t = [p for p in plans if re.match(r"^(SEARCH|SCAN) t\b", p)]
        assert on_t and all(p.startswith("SEARCH t USING INDEX tickets_next_due") for p in on_t), (
            plans
        )
    # Most urgent first is the index's own order: no sorting, the page stops after 50 rows.
    due_first = store.read_sync(lambda conn: _plans(conn, view, filters, "due"))
    assert not any("TEMP B-TREE" in p for p in due_first), due_first


def test_the_list_indexes_exist(store: Store) -> None:
    names = {
        row[0]
        for row in store.read_sync(
            lambda c: c.execute("SELECT name FROM sqlite_schema WHERE type = 'index'").fetchall()
        )
    }
    assert {"tickets_open_received", "tickets_next_due"} <= names


def test_now_in_another_zone_is_the_same_instant(store: Store, crafted: Crafted) -> None:
    moscow = NOW.astimezone(ZoneInfo("Europe/Moscow"))
    assert numbers(page_of(store, crafted, "breaching", now=moscow)) == numbers(
        page_of(store, crafted, "breaching", now=NOW.astimezone(UTC))
    )
