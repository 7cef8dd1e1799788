"""Every figure of the four reports over the world of ``world.py``, worked out by hand there:
business time on the Moscow 9-18 plan, calendar time without a plan, medians and nearest-rank
p90, shares within SLA, the work report's totals and its red subtotal, what a client never sees.
Then who may read reports, and that an export is audited."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from appliance.domain.errors import Forbidden, InvalidInput
from appliance.reports.document import Document, Table
from appliance.reports.period import Period
from appliance.services.actor import Actor
from appliance.services.reports import ReportQuery, export_report, report_document
from appliance.store import Store
from tests.reports.world import INTERNAL_NOTE, INTERNAL_WORK, MAY, NOW, ReportWorld
from tests.services.support import audit_rows, make_accounts


def doc(
    store: Store, kind: str, period: Period = MAY, actor: Actor | None = None, **filters: Any
) -> Document:
    return asyncio.run(
        report_document(
            store,
            actor or Actor.cli(),
            ReportQuery(kind, period, **filters),
            lang="ru",
            time_zone="Europe/Moscow",
            now=NOW,
        )
    )


def rows(table: Table, *, with_print_only: bool = True) -> list[dict[str, Any]]:
    keys = [c.key for c in table.columns]
    return [
        dict(zip(keys, row.values, strict=True)) | {"_tone": row.tone}
        for row in table.rows
        if with_print_only or not row.print_only
    ]


# -- efficiency ---------------------------------------------------------------------------------


def test_team_figures(store: Store, world: ReportWorld) -> None:
    (team,) = rows(doc(store, "efficiency").table("team"))
    # T1..T4 received in May; response 1800, 7200, 2700 (business) and 7200 (calendar) s.
    assert team["tickets"] == 4
    assert team["resp_median"] == (2700 + 7200) / 2
    assert team["resp_p90"] == 7200  # ceil(0.9 * 4) = 4th smallest
    # Decided response targets: T1 met, T2 missed, T3 met (T4 has no plan).
    assert team["resp_sla"] == pytest.approx(2 / 3)
    # Resolution 18000, 14400 (business) and 86400 (calendar: a whole day) s; T3 open.
    assert team["resolved"] == 3
    assert team["res_median"] == 18000
    assert team["res_p90"] == 86400
    # T1 and T2 met; T3's resolution due (Mon 20 May 16:30) has passed: missed.
    assert team["res_sla"] == pytest.approx(2 / 3)


def test_per_technician_figures_and_time_spent(store: Store, world: ReportWorld) -> None:
    found = {r["who"]: r for r in rows(doc(store, "efficiency").table("technicians"))}
    anna, boris, nobody = found["Анна Иванова"], found["Борис Петров"], found["Не назначена"]
    assert (anna["tickets"], anna["resp_median"], anna["resp_p90"]) == (2, 4500, 7200)
    assert (anna["resp_sla"], anna["res_median"], anna["res_sla"]) == (0.5, 16200, 1.0)
    assert (boris["tickets"], boris["resp_median"], boris["res_median"]) == (1, 2700, None)
    assert boris["res_sla"] == 0.0
    assert (nobody["tickets"], nobody["resp_sla"], nobody["minutes"]) == (1, None, None)
    # Minutes logged in May by who logged them: Anna 30+45+60+20, Boris 15+30 (+0 on T4).
    assert (anna["minutes"], boris["minutes"]) == (155, 45)
    spent = {r["who"]: r for r in rows(doc(store, "efficiency").table("spent"))}
    assert (spent["Анна Иванова"]["additional"], spent["Борис Петров"]["additional"]) == (60, 30)


def test_trend_by_week_and_backlog(store: Store, world: ReportWorld) -> None:
    report = doc(store, "efficiency")
    weeks = {r["from"].isoformat(): r for r in rows(report.table("trend"))}
    assert weeks["2024-05-13"]["tickets"] == 3  # T1, T2, T3
    assert weeks["2024-05-13"]["resp_median"] == 2700
    assert weeks["2024-05-20"]["tickets"] == 1  # T4
    assert weeks["2024-05-06"]["tickets"] == 0
    # Open on 31 May: T0 (since 10 Apr: over 30 days) and T3 (since 17 May: 7-30 days).
    backlog = {r["age"]: r["tickets"] for r in rows(report.table("backlog"))}
    assert backlog == {
        "до 1 дня": 0,
        "1–3 дня": 0,
        "3–7 дней": 0,
        "7–30 дней": 1,
        "более 30 дней": 1,
        "Итого": 2,
    }
    assert "рабочих часах" in report.notice


def test_filters_narrow_the_tickets(store: Store, world: ReportWorld) -> None:
    (team,) = rows(doc(store, "efficiency", tech_id=world.anna).table("team"))
    assert team["tickets"] == 2
    (team,) = rows(doc(store, "efficiency", org_id=world.vasilek).table("team"))
    assert (team["tickets"], team["resp_median"]) == (1, 7200)
    (team,) = rows(doc(store, "efficiency", category_id=world.service).table("team"))
    assert team["tickets"] == 3  # the service takes its problem (T1, T2) and itself (T3)
    (team,) = rows(doc(store, "efficiency", priority="high").table("team"))
    assert team["tickets"] == 0


def test_time_spent_follows_every_filter(store: Store, world: ReportWorld) -> None:
    def spent(**filters: Any) -> dict[str, tuple[int, int, int]]:
        table = doc(store, "efficiency", **filters).table("spent")
        return {r["who"]: (r["minutes"], r["additional"], r["actions"]) for r in rows(table)}

    # Work logged in May: Anna on T1 (30, a 0-minute note) and T2 (45, 60 additional, 20);
    # Boris on T3 (15, 30 additional) and T4 (a 0-minute comment).
    assert spent() == {"Анна Иванова": (155, 60, 5), "Борис Петров": (45, 30, 3)}
    assert spent(org_id=world.vasilek) == {"Борис Петров": (0, 0, 1)}
    assert spent(category_id=world.problem) == {"Анна Иванова": (155, 60, 5)}
    assert spent(tech_id=world.boris) == {"Борис Петров": (45, 30, 3)}
    assert spent(priority="high") == {}


# -- SLA -----------------------------------------------------------------------------------------


def test_sla_compliance_and_breaches(store: Store, world: ReportWorld) -> None:
    report = doc(store, "sla")
    groups = {(r["org"], r["priority"]): r for r in rows(report.table("compliance"))}
    romashka = groups[("ООО Ромашка", "Обычный")]
    assert (romashka["tickets"], romashka["with_targets"]) == (3, 3)
    assert (romashka["resp_met"], romashka["res_met"], romashka["breaches"]) == (2, 2, 2)
    assert romashka["resp_share"] == pytest.approx(2 / 3)
    vasilek = groups[("ООО Василёк", "Обычный")]
    assert (vasilek["with_targets"], vasilek["resp_share"], vasilek["breaches"]) == (0, None, 0)
    breaches = rows(report.table("breaches"))
    assert [(b["number"], b["target"]) for b in breaches] == [
        (world.numbers["T2"], "Реакция"),
        (world.numbers["T3"], "Решение"),
    ]
    # T2 responded Wed 10:00, due Tue 18:00: one business hour late.
    assert breaches[0]["overdue"] == 3600
    # T3 due Mon 20 May 16:30, open on Fri 31 May 12:00: 1.5 h + 8 days * 9 h + 3 h = 76.5 h.
    assert breaches[1]["overdue"] == int(76.5 * 3600)
    assert all(b["_tone"] == "alert" for b in breaches)


# -- categories ------------------------------------------------------------------------------------


def test_categories_against_the_previous_period(store: Store, world: ReportWorld) -> None:
    report = doc(store, "categories")
    top = {r["category"]: r for r in rows(report.table("top"))}
    jam = top["Печать › Замятие бумаги"]
    assert (jam["tickets"], jam["previous"], jam["change"], jam["change_share"]) == (2, 1, 1, 1.0)
    assert (top["Печать"]["tickets"], top["Печать"]["previous"]) == (1, 0)
    assert top["Печать"]["change_share"] is None  # nothing to compare with
    assert top["Без категории"]["tickets"] == 1
    assert top["Итого"]["tickets"] == 4
    services = {r["service"]: r for r in rows(report.table("over_time"))}
    assert services["Печать"]["total"] == 3
    orgs = {(r["org"], r["service"]): r["tickets"] for r in rows(report.table("organisations"))}
    assert orgs == {("ООО Ромашка", "Печать"): 3, ("ООО Василёк", "Без категории"): 1}


# -- the work report ------------------------------------------------------------------------------


def test_work_report_totals_and_red_subtotal(store: Store, world: ReportWorld) -> None:
    report = doc(store, "work", org_id=world.romashka)
    totals = {r["what"]: (r["minutes"], r["_tone"]) for r in rows(report.table("totals"))}
    assert totals == {
        "Всего работ за период": (200, "total"),
        "Основные работы": (110, ""),
        "Дополнительные работы по просьбе пользователя": (90, "alert"),
    }
    tickets = {r["number"]: (r["minutes"], r["additional"]) for r in rows(report.table("tickets"))}
    n = world.numbers
    assert tickets == {n["T1"]: (30, 0), n["T2"]: (125, 60), n["T3"]: (45, 30)}
    techs = {r["who"]: (r["minutes"], r["additional"]) for r in rows(report.table("technicians"))}
    assert techs == {"Анна Иванова": (155, 60), "Борис Петров": (45, 30)}
    actions = rows(report.table("actions"), with_print_only=False)
    red = [a["text"] for a in actions if a["_tone"] == "additional"]
    assert red == ["Подключили второй монитор по просьбе", "Заменили картридж дополнительно"]
    assert sum(a["minutes"] for a in actions if a["_tone"] == "additional") == 90


def test_internal_notes_never_reach_the_clients_report(store: Store, world: ReportWorld) -> None:
    report = doc(store, "work", org_id=world.romashka)
    everything = repr(report)
    assert INTERNAL_NOTE not in everything
    assert INTERNAL_WORK not in everything
    # The internal work that took time is billed, its text withheld.
    withheld = [a for a in rows(report.table("actions")) if a["minutes"] == 20]
    assert [a["text"] for a in withheld] == ["(внутренняя работа, описание не публикуется)"]


def test_work_report_of_another_organisation(store: Store, world: ReportWorld) -> None:
    report = doc(store, "work", org_id=world.vasilek)
    assert [r["number"] for r in rows(report.table("tickets"))] == [world.numbers["T4"]]
    # A public comment without minutes is listed; no minutes, no additional work.
    (total,) = [r for r in rows(report.table("totals")) if r["_tone"] == "total"]
    assert total["minutes"] == 0


# -- who may, and the audit -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin", True), ("manager", True), ("technician", False), ("disabled", False)],
)
def test_who_may_read_reports(store: Store, world: ReportWorld, role: str, allowed: bool) -> None:
    actor = make_accounts(store)[role]
    if allowed:
        assert doc(store, "sla", actor=actor).kind == "sla"
    else:
        with pytest.raises(Forbidden):
            doc(store, "sla", actor=actor)


def test_an_export_is_audited(store: Store, world: ReportWorld) -> None:
    manager = make_accounts(store)["manager"]
    before = len(audit_rows(store))
    export = asyncio.run(
        export_report(
            store,
            manager,
            ReportQuery("work", MAY, org_id=world.romashka),
            "csv",
            lang="ru",
            time_zone="Europe/Moscow",
            now=NOW,
        )
    )
    assert export.file_name == "tiketnitsa-work-2024-05-01-2024-05-31.csv"
    after = audit_rows(store)
    assert len(after) == before + 1
    user_id, action, object_type, _object_id, detail = after[-1]
    assert (user_id, action, object_type) == (manager.user_id, "report.export", "report")
    assert detail == f"work csv 2024-05-01..2024-05-31 org={world.romashka}"


@pytest.mark.parametrize(
    ("query", "key"),
    [
        (ReportQuery("nope", MAY), "reports.error.kind"),
        (ReportQuery("sla", Period(MAY.end, MAY.start)), "reports.error.period_order"),
        (ReportQuery("sla", MAY, priority="critical"), "reports.error.priority"),
    ],
)
def test_bad_queries_are_refused(store: Store, world: ReportWorld, query, key) -> None:
    with pytest.raises(InvalidInput) as refused:
        asyncio.run(report_document(store, Actor.cli(), query, lang="ru", time_zone="UTC"))
    assert refused.value.key == key
