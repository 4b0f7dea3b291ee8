"""Plain, database-free facts that team building reasons about.

The app maps its rows onto these; the rules and the solver never see a model or a request.
Times are timezone-aware UTC; weeks, months and availability are judged in local time.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, tzinfo
from functools import lru_cache

from trainer.money.benefit_periods import expected_pay_day
from trainer.money.limits import Earning, EsaAmount, PersonLimits, share

#: (weekday 0=Monday..6, local start, local end); an end of 00:00 means midnight.
AvailabilityWindow = tuple[int, time, time]
#: (start, end), both aware datetimes.
Period = tuple[datetime, datetime]


#: progression stages by rank (1 = trained), as the coordinator's screens name them
STAGE_NAMES = ("trained", "shadowed", "co-delivered", "mentor")


@dataclass(frozen=True, slots=True)
class SessionFacts:
    id: int
    programme_id: int
    starts_at: datetime
    ends_at: datetime
    venue_id: int | None
    is_online: bool
    #: role_id -> how many people of that role the team needs
    seats: Mapping[int, int]
    #: role_id -> projected pay in pence for one person in that role
    pay_pence_by_role: Mapping[int, int] = field(default_factory=dict)
    #: paid working minutes for the session
    minutes: int = 0
    venue_access: frozenset[str] = frozenset()
    venue_lat: float | None = None
    venue_lon: float | None = None
    programme_name: str = ""
    venue_name: str = ""
    #: observers (shadows) the session may have besides its team
    shadow_seats: int = 0

    @property
    def label(self) -> str:
        """'Tier 1 at Online', used in coordinators' messages."""
        where = "Online" if self.is_online else (self.venue_name or "a venue")
        return f"{self.programme_name or 'Session'} at {where}"


@dataclass(frozen=True, slots=True)
class PersonFacts:
    id: int
    name: str
    role_ids: frozenset[int]
    qualified_programme_ids: frozenset[int]
    access_needs: frozenset[str] = frozenset()
    #: benefit situation, own limits and payment choice (see trainer/money/limits.py)
    limits: PersonLimits = PersonLimits()
    #: None: no pattern recorded, free at any time; (): never free
    weekly_availability: tuple[AvailabilityWindow, ...] | None = None
    unavailable: tuple[Period, ...] = ()
    home_lat: float | None = None
    home_lon: float | None = None
    preferred_partner_ids: frozenset[int] = frozenset()
    usual_venue_ids: frozenset[int] = frozenset()
    #: the furthest progression stage reached, as its rank (see STAGE_NAMES); 0: none
    stage: int = 0


@dataclass(frozen=True, slots=True)
class Commitment:
    """Another booking the person holds (an accepted or offered assignment)."""

    session_id: int
    starts_at: datetime
    ends_at: datetime
    venue_id: int | None
    is_online: bool
    pence: int = 0
    minutes: int = 0
    role_id: int | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class SchedulingContext:
    timezone: tzinfo
    travel_buffer_minutes: int = 60
    do_not_pair: frozenset[frozenset[int]] = frozenset()
    #: frozenset({a, b}) -> sessions they have delivered together before
    delivered_together: Mapping[frozenset[int], int] = field(default_factory=dict)
    #: person_id -> sessions in the last and next four weeks
    recent_sessions: Mapping[int, int] = field(default_factory=dict)
    role_names: Mapping[int, str] = field(default_factory=dict)
    person_names: Mapping[int, str] = field(default_factory=dict)
    #: (session_id, person_id) pairs: the person said no to that session
    declined: frozenset[tuple[int, int]] = frozenset()
    #: observer (shadow) roles: anyone may fill them, and they never count in a team
    shadow_role_ids: frozenset[int] = frozenset()
    #: role_id -> the progression stage's rank a person must have reached to be offered it
    role_stages: Mapping[int, int] = field(default_factory=dict)
    #: ESA permitted work amounts by tax year (data, see trainer/money/limits.py)
    esa_amounts: tuple[EsaAmount, ...] = ()
    #: the day of the month pay is expected (Universal Credit counts pay when received)
    pay_day_of_month: int = 25

    def role_name(self, role_id: int) -> str:
        return self.role_names.get(role_id, f"role {role_id}")

    def person_name(self, person_id: int) -> str:
        return self.person_names.get(person_id, f"person {person_id}")


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    message: str
    hard: bool
    score: float = 0


@dataclass(frozen=True, slots=True)
class Evaluation:
    person_id: int
    eligible: bool
    hard: list[Reason] = field(default_factory=list)
    soft: list[Reason] = field(default_factory=list)
    score: float = 0


@dataclass(frozen=True, slots=True)
class Placement:
    """A proposed booking: `person_id` in a `role_id` seat of session `session_id`."""

    session_id: int
    role_id: int
    person_id: int


def commitment_for(session: SessionFacts, role_id: int | None) -> Commitment:
    """The booking a person would hold if placed in this session's seat."""
    pence = session.pay_pence_by_role.get(role_id, 0) if role_id is not None else 0
    return Commitment(
        session.id,
        session.starts_at,
        session.ends_at,
        session.venue_id,
        session.is_online,
        pence,
        session.minutes,
        role_id,
        session.label,
    )


def earning_for(booking: Commitment, person: PersonFacts, context: SchedulingContext) -> Earning:
    """A booking as the limits count it: the local day of the work, the pay day expected
    for it, and the pay after the person's payment choice."""
    worked_on = local(booking.starts_at, context.timezone).date()
    return Earning(
        person=person.id,
        session_ref=str(booking.session_id),
        worked_on=worked_on,
        paid_on=expected_pay_day(worked_on, context.pay_day_of_month),
        pence=share(booking.pence, person.limits.pay_percent),
        minutes=booking.minutes,
    )


@lru_cache(maxsize=65536)
def local(moment: datetime, zone: tzinfo) -> datetime:
    return moment.astimezone(zone)


def iso_week(moment: datetime, zone: tzinfo) -> tuple[int, int]:
    """(ISO year, ISO week) of the local date: weeks run Monday 00:00 local to Monday 00:00."""
    year, week, _ = local(moment, zone).isocalendar()
    return year, week


def calendar_month(moment: datetime, zone: tzinfo) -> tuple[int, int]:
    day = local(moment, zone)
    return day.year, day.month


@lru_cache(maxsize=16384)
def day_label(moment: datetime, zone: tzinfo) -> str:
    """'Tue 3 Mar' in local time."""
    day = local(moment, zone)
    return f"{day:%a} {day.day} {day:%b}"


@lru_cache(maxsize=16384)
def span_label(starts_at: datetime, ends_at: datetime, zone: tzinfo) -> str:
    """'10:00–11:00 on Tue 3 Mar' in local time."""
    start, end = local(starts_at, zone), local(ends_at, zone)
    return f"{start:%H:%M}–{end:%H:%M} on {day_label(starts_at, zone)}"


def money(pence: int) -> str:
    """'£1,210.05' from integer pence."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def duration(minutes: int) -> str:
    """'16 h', '16 h 30 min', '45 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
