"""The report queries' own mechanics: moments read as microseconds in SQL, rows mapped by
name, and the index the team's time spent is summed from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import apsw
import pytest

from appliance.domain.clock import from_db, to_db
from appliance.domain.workflow import WORK_KINDS
from appliance.reports.measures import to_us
from appliance.store import Store, report_rows
from appliance.store.migrate import bundled_migrations


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 30, 12, 34, 56, 789_012, tzinfo=UTC),
        datetime(2026, 3, 29, 0, 59, 59, 999_999, tzinfo=UTC),
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 500_000, tzinfo=UTC),  # before the epoch
        datetime(2000, 2, 29, 23, 0, 0, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
    ],
)
def test_a_stored_moment_reads_as_the_same_microsecond_in_sql(moment: datetime) -> None:
    conn = apsw.Connection(":memory:")
    stored = to_db(moment)
    sql = report_rows._us_sql("?1")
    ((found,),) = conn.execute(f"SELECT {sql}", (stored,)).fetchall()
    assert found == to_us(from_db(stored)) == to_us(moment)
    ((none,),) = conn.execute(f"SELECT {sql}", (None,)).fetchall()
    assert none is None


def test_every_microsecond_of_a_second_reads_back_exactly() -> None:
    conn = apsw.Connection(":memory:")
    start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    moments = [start + timedelta(microseconds=m * 37_813) for m in range(200)]
    sql = report_rows._us_sql("?1")
    for moment in moments:
        ((found,),) = conn.execute(f"SELECT {sql}", (to_db(moment),)).fetchall()
        assert found == to_us(moment)


class _Pair(NamedTuple):
    a: int
    b: int


def test_a_named_tuple_row_must_name_the_columns_in_order() -> None:
    conn = apsw.Connection(":memory:")
    assert report_rows.fetch_rows(conn, _Pair, "SELECT 1 AS a, 2 AS b") == [_Pair(1, 2)]
    with pytest.raises(ValueError, match="fields"):
        report_rows.fetch_rows(conn, _Pair, "SELECT 2 AS b, 1 AS a")


def test_time_spent_reads_the_work_index_alone(store: Store) -> None:
    # The partial index names the work kinds as literals: they must be exactly WORK_KINDS, or
    # SQLite cannot prove the index covers the query and reads every action instead.
    (migration,) = [m for m in bundled_migrations() if "ticket_actions_work" in m.sql]
    literals = ", ".join(f"'{kind}'" for kind in WORK_KINDS)
    assert f"kind IN ({literals})" in migration.sql
    since, until = to_db(datetime(2026, 1, 1, tzinfo=UTC)), to_db(datetime(2026, 2, 1, tzinfo=UTC))
    # The whole team: the covering index, by date range.
    sql, params = report_rows.time_spent_query(report_rows.RowFilter(since, until))
    assert "SEARCH a USING INDEX ticket_actions_work" in _plan(store, sql, params)
    # One technician: their own actions by date, through either index; never all actions.
    sql, params = report_rows.time_spent_query(report_rows.RowFilter(since, until, tech_id=1))
    assert "SEARCH a USING" in _plan(store, sql, params)


def _plan(store: Store, sql: str, params: list[object]) -> str:
    rows = store.read_sync(
        lambda conn: conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    )
    return " | ".join(row[3] for row in rows)
