"""What one part of the generator hands the next: ids of rows written, and the facts that make
tickets plausible (who sits at which machine, which printer is where)."""

from __future__ import annotations

from dataclasses import dataclass, field

from appliance.demo.names import PersonName
from appliance.demo.profiles import OrgProfile


@dataclass
class DemoPerson:
    id: int
    org_id: int
    name: PersonName
    position: str
    login: str
    room: str
    phone: str
    workstation_id: int | None = None
    hostname: str = ""
    ip: str = ""
    os: str = ""
    device_id: int | None = None


@dataclass
class DemoOrg:
    id: int
    profile: OrgProfile
    sla_plan_id: int
    subnet: str  # e.g. "192.168.12"
    persons: list[DemoPerson] = field(default_factory=list)
    # kind -> [(equipment id, name)]
    equipment: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    hostnames: dict[int, str] = field(default_factory=dict)  # equipment id -> host name
    ips: dict[int, str] = field(default_factory=dict)  # equipment id -> IP address


@dataclass(frozen=True)
class DemoUser:
    id: int
    login: str
    full_name: str
    role: str
    password: str


@dataclass
class Catalogue:
    """Ids of the catalogue rows: SLA plans by name, categories by (service, problem)."""

    plan_ids: dict[str, int]
    service_ids: dict[str, int]
    problem_ids: dict[tuple[str, str], int]
