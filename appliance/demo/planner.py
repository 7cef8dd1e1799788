"""Plans the demo's tickets: when each arrives, from whom, about what, and what the team did.

Tickets arrive over the last six months, mostly in business hours on working days. Each one is
then worked the way a help desk works: taken within the SLA response target (a few late), assigned
and categorised, worked with logged minutes, sometimes parked waiting for the client, sometimes
with extra work at the user's request, resolved with a public answer and closed a day or so later.
Whatever would happen after ``now`` is cut off, so a ticket's status follows from its age: old
ones are closed, yesterday's are in progress or waiting, the last hours' are new.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from appliance.demo.catalogue import CATEGORIES, MOSCOW
from appliance.demo.model import Catalogue, DemoOrg, DemoPerson, DemoUser
from appliance.demo.plan import Step, TicketPlan
from appliance.demo.rng import uuid4_from
from appliance.demo.screenshots import Screenshot
from appliance.demo.staff import specialities
from appliance.demo.texts import (
    BANKS,
    CLOSERS,
    EXTRA_WORK,
    OPENERS,
    PROGRAMS,
    REQUEST_INFO,
    SITES,
    TAKEN,
    TEXTS,
    WORK_LOG,
    ProblemTexts,
)
from appliance.domain.sla import BusinessCalendar, add_business_seconds
from appliance.domain.workflow import PRIORITIES
from appliance.store.sla import SlaPlan
from sync.hashing import content_hash
from sync.wire import MachineFacts, Screen, TicketSubmission

HISTORY_DAYS = 182
FRESH_HOURS = 4
# The oldest a worked ticket may be and still be open (waiting for a part, or the client).
OPEN_AT_MOST_DAYS = 14
_ZONE = ZoneInfo(MOSCOW)

SERVICE_WEIGHTS = {
    "Печать": 14,
    "Почта": 10,
    "1С": 12,
    "Сеть": 12,
    "Рабочее место": 20,
    "Учётные записи": 10,
    "Серверы и резервное копирование": 5,
    "Безопасность": 5,
    "Электронная подпись": 4,
    "Телефония": 3,
}
SOURCES = {"client": 0.62, "phone": 0.22, "email": 0.12, "technician": 0.04}
HOUR_WEIGHTS = (
    0.02,
    0.01,
    0.01,
    0.01,
    0.01,
    0.02,
    0.04,
    0.1,
    0.35,
    0.9,
    1.0,
    1.0,
    0.85,
    0.7,
    0.95,
    0.9,
    0.8,
    0.6,
    0.25,
    0.1,
    0.05,
    0.04,
    0.03,
    0.02,
)
WEEKDAY_WEIGHTS = (1.0, 0.95, 0.95, 0.9, 0.85, 0.12, 0.06)
WORK_KINDS = {"remote_session": 0.45, "phone_call": 0.3, "comment": 0.15, "on_site": 0.1}


def fresh_count(total: int) -> int:
    """How many of ``total`` tickets arrive in the last hours and are still new."""
    return min(total, max(3, min(12, total // 250)))


def reception_times(
    rng: random.Random, total: int, now: datetime, holidays: frozenset[object]
) -> list[datetime]:
    """``total`` reception instants, sorted: the last few within ``FRESH_HOURS`` of ``now``."""
    fresh = fresh_count(total)
    start = now - timedelta(days=HISTORY_DAYS)
    span = (timedelta(days=HISTORY_DAYS) - timedelta(hours=FRESH_HOURS)).total_seconds()
    times: list[datetime] = []
    while len(times) < total - fresh:
        moment = start + timedelta(seconds=rng.random() * span)
        local = moment.astimezone(_ZONE)
        weight = HOUR_WEIGHTS[local.hour] * WEEKDAY_WEIGHTS[local.weekday()]
        if local.date() in holidays:
            weight *= 0.08
        if rng.random() < weight:
            times.append(moment)
    for _ in range(fresh):
        times.append(now - timedelta(seconds=rng.uniform(120, FRESH_HOURS * 3600)))
    times.sort()
    return times


class _OrgChoices:
    """Per organisation: its problems with weights, and its people weighted so that some of them
    write far more often than others (as in every office)."""

    def __init__(self, org: DemoOrg, rng: random.Random) -> None:
        self.org = org
        kinds = set(org.equipment)
        self.problems: list[tuple[str, str]] = []
        weights: list[float] = []
        for service, problems in CATEGORIES.items():
            if service == "1С" and not org.profile.uses_1c:
                continue
            for problem in problems:
                texts = TEXTS[(service, problem)]
                if texts.target in ("server", "nas", "phone") and texts.target not in kinds:
                    continue
                self.problems.append((service, problem))
                bias = org.profile.category_bias.get(service, 1.0)
                weights.append(SERVICE_WEIGHTS[service] * bias / len(problems))
        self.problem_weights = _cumulative(weights)
        self.person_weights = _cumulative([1 / (1 + rng.random() * 6) for _ in org.persons])

    def problem(self, rng: random.Random) -> tuple[str, str]:
        return rng.choices(self.problems, cum_weights=self.problem_weights)[0]

    def person(self, rng: random.Random) -> DemoPerson:
        return rng.choices(self.org.persons, cum_weights=self.person_weights)[0]


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


class TicketPlanner:
    def __init__(
        self,
        *,
        orgs: list[DemoOrg],
        catalogue: Catalogue,
        staff: list[DemoUser],
        plans: dict[int, SlaPlan],
        shots: dict[str, Screenshot],
        now: datetime,
        rng: random.Random,
    ) -> None:
        self.catalogue = catalogue
        self.plans = plans
        self.shots = shots
        self.now = now
        self.choices = [_OrgChoices(org, rng) for org in orgs]
        self.plan_of_org = {org.id: org.sla_plan_id for org in orgs}
        self.org_weights = _cumulative([len(org.persons) ** 0.9 for org in orgs])
        self.technicians = [u for u in staff if u.role == "technician"]
        skills = specialities()
        self.tech_weights = {
            service: _cumulative(
                [3.0 if service in skills.get(u.login, ()) else 1.0 for u in self.technicians]
            )
            for service in CATEGORIES
        }

    # -- one ticket ----------------------------------------------------------------------------

    def plan(self, rng: random.Random, received_at: datetime) -> TicketPlan:
        choice = rng.choices(self.choices, cum_weights=self.org_weights)[0]
        org = choice.org
        person = choice.person(rng)
        service, problem = choice.problem(rng)
        texts = TEXTS[(service, problem)]
        fresh = self.now - received_at < timedelta(hours=FRESH_HOURS)
        source = rng.choices(list(SOURCES), weights=list(SOURCES.values()))[0]
        if fresh and source in ("phone", "technician"):
            source = "client"
        if source == "client" and person.device_id is None:
            source = "phone" if not fresh else "email"
        natural = rng.choices(PRIORITIES, weights=texts.priority)[0]
        tech = self._technician(rng, service)
        description, fields = self._description(rng, texts, org, person)
        category_id = self.catalogue.problem_ids[(service, problem)]
        ticket = TicketPlan(
            uuid=uuid4_from(rng),
            source=source,
            description=description,
            submitted_at=received_at,
            received_at=received_at,
            org_id=org.id,
            person_id=person.id,
            equipment_id=self._equipment(rng, texts.target, org, person),
            device_id=None,
            contact_phone="",
            priority=natural,
            category_id=None,
            assignee_id=None,
            created_by=None,
            machine_facts=None,
            content_hash="",
            attachments=(),
        )
        if source == "client":
            self._as_client_submission(rng, ticket, person, texts)
        elif source in ("phone", "technician"):
            ticket.created_by = tech.id
            ticket.assignee_id = tech.id
            ticket.contact_phone = person.phone if source == "phone" else ""
            if rng.random() < 0.7 or source == "technician":
                ticket.category_id = category_id
        else:  # e-mail, taken in by the mailbox import
            ticket.submitted_at = received_at - timedelta(seconds=rng.randrange(5, 120))
        if not fresh:
            ticket.steps = self._lifecycle(rng, ticket, tech, texts, category_id, natural, fields)
        return ticket

    def _technician(self, rng: random.Random, service: str) -> DemoUser:
        return rng.choices(self.technicians, cum_weights=self.tech_weights[service])[0]

    def _equipment(
        self, rng: random.Random, target: str, org: DemoOrg, person: DemoPerson
    ) -> int | None:
        if target in ("workstation", "none"):
            return person.workstation_id if target == "workstation" else None
        items = org.equipment.get(target, [])
        if target == "printer":
            near = [item for item in items if person.room in item[1]]
            items = near or items
        return rng.choice(items)[0] if items else None

    def _description(
        self, rng: random.Random, texts: ProblemTexts, org: DemoOrg, person: DemoPerson
    ) -> tuple[str, dict[str, object]]:
        """The employee's words, and the fields filled in (the answers reuse them)."""
        printers = org.equipment.get("printer", [])
        near = [name for _, name in printers if person.room in name]
        colleague = rng.choice(org.persons).name
        fields = {
            "printer": rng.choice(near or [name for _, name in printers] or ["принтер"]),
            "room": person.room,
            "host": person.hostname or "компьютер",
            "server": _server_name(org),
            "colleague": f"{colleague.first} {colleague.surname}",
            "n": rng.randrange(2, 9),
            "site": rng.choice(SITES),
            "program": rng.choice(PROGRAMS),
            "bank": rng.choice(BANKS),
            "time": f"{rng.randrange(8, 18):02d}:{rng.randrange(0, 60, 5):02d}",
        }
        opener = rng.choice(OPENERS)
        body = rng.choice(texts.descriptions).format_map(fields)
        if opener.endswith(", ") and body[1:2].islower():  # "Коллеги, не печатает…"
            body = body[0].lower() + body[1:]
        closer = rng.choice(CLOSERS).format_map(fields)
        return f"{opener}{body}{closer}", fields

    def _as_client_submission(
        self, rng: random.Random, ticket: TicketPlan, person: DemoPerson, texts: ProblemTexts
    ) -> None:
        """What LiveViewer sends: a screenshot, the machine's facts, the client's own clock."""
        delay = rng.uniform(0.3, 4.0)
        if rng.random() < 0.05:  # sent while the network was down, delivered from the outbox
            delay += rng.uniform(300, 4 * 3600)
        skew = rng.uniform(-90, 90) if rng.random() < 0.2 else 0.0
        submitted = ticket.received_at - timedelta(seconds=delay + skew)
        shot = self.shots["desktop" if texts.shot == "none" else texts.shot]
        screens = [Screen(x=0, y=0, width=1920, height=1080)]
        if rng.random() < 0.3:
            screens.append(Screen(x=1920, y=0, width=1920, height=1080))
        facts = MachineFacts(
            hostname=person.hostname,
            os=person.os,
            os_user=person.login,
            ips=[person.ip],
            uptime_seconds=rng.randrange(300, 30 * 86400),
            free_disk_bytes=rng.randrange(2, 400) * 1024**3,
            screens=screens,
        )
        urgent = rng.random() < 0.12
        submission = TicketSubmission(
            uuid=UUID(ticket.uuid),
            submitted_at=submitted,
            description=ticket.description,
            phone=person.phone if rng.random() < 0.3 else "",
            urgent=urgent,
            machine_facts=facts,
            attachments=[shot.sha256],
        )
        ticket.submitted_at = submission.submitted_at
        ticket.device_id = person.device_id
        ticket.contact_phone = submission.phone
        ticket.priority = submission.priority
        ticket.machine_facts = facts.model_dump(mode="json")
        ticket.content_hash = content_hash(submission)
        ticket.attachments = tuple(submission.attachments)

    # -- what the team did ---------------------------------------------------------------------

    def _lifecycle(
        self,
        rng: random.Random,
        ticket: TicketPlan,
        tech: DemoUser,
        texts: ProblemTexts,
        category_id: int,
        natural: str,
        fill: dict[str, object],
    ) -> list[Step]:
        plan = self.plans[self.plan_of_org[ticket.org_id]]
        cal = plan.calendar
        targets = plan.targets_for(natural)
        assert targets is not None
        steps = _Timeline(cal, ticket.received_at)
        me = tech.id
        # What went wrong: the first note names the cause, the public answer its fix.
        cause = rng.randrange(len(texts.fixes))

        # Taken: within the response target, a few late.
        if ticket.source in ("phone", "technician"):
            steps.wait_wall(rng.uniform(60, 600))
        else:
            late = rng.random() < 0.1
            share = rng.uniform(1.05, 3.0) if late else rng.uniform(0.03, 0.8)
            steps.wait_business(targets.response_minutes * 60 * share)
        if ticket.assignee_id is None:
            dispatcher = me if rng.random() < 0.7 else rng.choice(self.technicians).id
            steps.add(Step(steps.at, "assign", dispatcher, value=me))
        if ticket.category_id is None:
            steps.add(Step(steps.step(), "category", me, value=category_id))
        if ticket.priority != natural:
            steps.add(Step(steps.step(), "priority", me, value=natural))
        steps.add(Step(steps.step(), "status", me, value="in_progress"))
        if rng.random() < 0.4:
            steps.add(_action(steps.step(), me, "comment", rng.choice(TAKEN), 0, public=True))

        # Work, with a pause waiting for the client now and then.
        work_count = rng.choices((1, 2, 3), weights=(0.5, 0.35, 0.15))[0]
        waits = rng.random() < 0.18
        for index in range(work_count):
            steps.wait_business(rng.uniform(300, 3 * 3600))
            kind = rng.choices(list(WORK_KINDS), weights=list(WORK_KINDS.values()))[0]
            text = (
                texts.notes[cause % len(texts.notes)] if index == 0 else rng.choice(WORK_LOG[kind])
            )
            minutes = rng.randrange(60, 181, 5) if kind == "on_site" else rng.randrange(5, 61, 5)
            steps.add(_action(steps.at, me, kind, text.format_map(fill), minutes, public=False))
            if waits and index == 0:
                steps.add(
                    _action(steps.step(), me, "comment", rng.choice(REQUEST_INFO), 3, public=True)
                )
                steps.add(Step(steps.step(), "status", me, value="waiting"))
                if rng.random() < 0.08 and self._recent(ticket):
                    return steps.until(self.now)  # the client has not answered yet
                steps.wait_wall(rng.uniform(1200, 2 * 86400))  # the client answers whenever
                steps.wait_business(rng.uniform(120, 3600))
                steps.add(Step(steps.at, "status", me, value="in_progress"))
        if rng.random() < 0.07:
            kind = rng.choice(("remote_session", "on_site"))
            steps.wait_business(rng.uniform(300, 3600))
            steps.add(
                _action(
                    steps.at,
                    me,
                    kind,
                    rng.choice(EXTRA_WORK),
                    rng.randrange(15, 91, 5),
                    public=rng.random() < 0.3,
                    extra=True,
                )
            )
        if rng.random() < 0.015 and self._recent(ticket):
            return steps.until(self.now)  # still open: waiting for a part

        # Resolved within the resolution target (a few late), then closed.
        late = rng.random() < 0.1
        share = rng.uniform(1.05, 2.5) if late else rng.uniform(0.05, 0.9)
        due = add_business_seconds(
            cal, ticket.received_at, int(targets.resolution_minutes * 60 * share)
        )
        steps.wait_business(rng.uniform(120, 1800))
        steps.at = max(steps.at, due)
        self._resolve(rng, steps, me, texts.fixes[cause].format_map(fill))
        if rng.random() < 0.03:  # "it happened again": reopened, worked, resolved again
            steps.wait_wall(rng.uniform(2 * 3600, 26 * 3600))
            steps.wait_business(rng.uniform(60, 1800))
            steps.add(Step(steps.at, "status", me, value="in_progress"))
            steps.add(
                _action(
                    steps.step(),
                    me,
                    "phone_call",
                    "Пользователь сообщил, что проблема повторилась. Продолжаем работу.",
                    10,
                    public=True,
                )
            )
            steps.wait_business(rng.uniform(1800, 4 * 3600))
            self._resolve(rng, steps, me, rng.choice(texts.fixes).format_map(fill))
        # Closed once the client has had a day or so to object, in someone's working hours.
        steps.wait_business(rng.uniform(4 * 3600, 16 * 3600))
        steps.add(Step(steps.at, "status", me, value="closed"))
        return steps.until(self.now)

    def _recent(self, ticket: TicketPlan) -> bool:
        """Whether a ticket may still be open now: a help desk chases what it has not finished,
        so nothing stays "in progress" or "waiting" for months."""
        return self.now - ticket.received_at < timedelta(days=OPEN_AT_MOST_DAYS)

    def _resolve(self, rng: random.Random, steps: _Timeline, me: int, answer: str) -> None:
        kind = rng.choice(("comment", "remote_session", "phone_call"))
        minutes = rng.randrange(5, 41, 5) if kind != "comment" else rng.randrange(0, 11, 5)
        steps.add(_action(steps.at, me, kind, answer, minutes, public=True))
        steps.add(Step(steps.step(), "status", me, value="resolved"))


def _server_name(org: DemoOrg) -> str:
    servers = org.equipment.get("server", []) or org.equipment.get("nas", [])
    return org.hostnames[servers[0][0]] if servers else "сервер"


def _action(
    at: datetime,
    user_id: int,
    kind: str,
    text: str,
    minutes: int,
    *,
    public: bool,
    extra: bool = False,
) -> Step:
    return Step(
        at,
        "action",
        user_id,
        kind=kind,
        text=text,
        minutes=minutes,
        additional_work=extra,
        visibility="public" if public else "internal",
    )


class _Timeline:
    """The ticket's steps, in strictly increasing time, on its SLA calendar."""

    def __init__(self, cal: BusinessCalendar, start: datetime) -> None:
        self.cal = cal
        self.at = start
        self.steps: list[Step] = []

    def wait_business(self, seconds: float) -> None:
        self.at = add_business_seconds(self.cal, self.at, max(1, int(seconds)))

    def wait_wall(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)

    def step(self) -> datetime:
        """A moment just after the last step, for things done one right after another."""
        self.at += timedelta(seconds=20)
        return self.at

    def add(self, step: Step) -> None:
        if self.steps and step.at <= self.steps[-1].at:
            step = _replace_at(step, self.steps[-1].at + timedelta(seconds=15))
        self.at = step.at
        self.steps.append(step)

    def until(self, now: datetime) -> list[Step]:
        cutoff = now - timedelta(minutes=1)
        return [step for step in self.steps if step.at <= cutoff]


def _replace_at(step: Step, at: datetime) -> Step:
    return Step(
        at,
        step.op,
        step.user_id,
        step.value,
        step.kind,
        step.text,
        step.minutes,
        step.additional_work,
        step.visibility,
    )
