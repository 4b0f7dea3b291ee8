"""Who may fill a seat, and who fits it best: pure rules that return plain-English reasons.

Hard rules block a placement; soft rules (`teams/preferences.py`) only rank the people who
are left. Every rule has the same signature so `check_candidate` can run them in a row.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import tzinfo

from trainer.teams.facts import (
    STAGE_NAMES,
    Commitment,
    Evaluation,
    PersonFacts,
    Reason,
    SchedulingContext,
    SessionFacts,
    calendar_month,
    day_label,
    duration,
    iso_week,
    local,
    money,
    span_label,
)
from trainer.teams.patterns import local_minutes, pattern_label, within_pattern
from trainer.teams.preferences import SOFT_RULES, Rule

FEATURE_NAMES = {
    "step_free": "step-free access",
    "hearing_loop": "a hearing loop",
    "quiet_room": "a quiet room",
    "accessible_toilet": "an accessible toilet",
}


def blocked(code: str, message: str) -> list[Reason]:
    return [Reason(code, message, hard=True)]


def check_role(session, role_id, person, commitments, team, context) -> list[Reason]:
    if role_id in person.role_ids or role_id in context.shadow_role_ids:
        return []
    return blocked("role", f"Does not hold the {context.role_name(role_id)} role")


def check_qualification(session, role_id, person, commitments, team, context) -> list[Reason]:
    if session.programme_id in person.qualified_programme_ids or role_id in context.shadow_role_ids:
        return []
    programme = session.programme_name or "this programme"
    return blocked("qualification", f"Not qualified to deliver {programme}")


def check_progression(session, role_id, person, commitments, team, context) -> list[Reason]:
    """A role a person has not reached yet on the staged path (trained, shadowed, ...)."""
    needed = context.role_stages.get(role_id, 0)
    if person.stage >= needed:
        return []
    reached = STAGE_NAMES[person.stage - 1] if person.stage else "no stage recorded"
    return blocked(
        "progression",
        f'Has not reached "{STAGE_NAMES[needed - 1]}" yet, which the '
        f"{context.role_name(role_id)} role needs (reached: {reached})",
    )


def check_unavailable(session, role_id, person, commitments, team, context) -> list[Reason]:
    zone = context.timezone
    for start, end in person.unavailable:
        if start < session.ends_at and session.starts_at < end:
            return blocked(
                "unavailable",
                f"Unavailable from {day_label(start, zone)} to {day_label(end, zone)}",
            )
    return []


def check_availability(session, role_id, person, commitments, team, context) -> list[Reason]:
    pattern = person.weekly_availability
    if pattern is None or within_pattern(
        session.starts_at, session.ends_at, pattern, context.timezone
    ):
        return []
    zone = context.timezone
    weekday = local_minutes(session.starts_at, session.ends_at, zone)[0]
    when = span_label(session.starts_at, session.ends_at, zone)
    return blocked("availability", f"Not available {when} ({pattern_label(pattern, weekday)})")


def clash_kind(session: SessionFacts, other: Commitment, buffer_minutes: int) -> str | None:
    """'same_session', 'overlap', 'travel' or None: how another booking gets in the way."""
    if other.session_id == session.id:
        return "same_session"
    if other.starts_at < session.ends_at and session.starts_at < other.ends_at:
        return "overlap"
    if (
        session.is_online
        or other.is_online
        or (session.venue_id is not None and session.venue_id == other.venue_id)
    ):
        return None
    gap = max(other.starts_at - session.ends_at, session.starts_at - other.ends_at)
    return "travel" if gap.total_seconds() < buffer_minutes * 60 else None


def check_clashes(session, role_id, person, commitments, team, context) -> list[Reason]:
    reasons = []
    for other in commitments:
        kind = clash_kind(session, other, context.travel_buffer_minutes)
        if kind:
            reasons.append(Reason(kind, clash_message(kind, session, other, context), hard=True))
    return reasons


def clash_message(
    kind: str, session: SessionFacts, other: Commitment, context: SchedulingContext
) -> str:
    when = span_label(other.starts_at, other.ends_at, context.timezone)
    booked = f"{when} ({other.label or 'another session'})"
    if kind == "same_session":
        return "Already in this session's team"
    if kind == "overlap":
        return f"Already booked {booked}"
    gap = max(other.starts_at - session.ends_at, session.starts_at - other.ends_at)
    return (
        f"Only {int(gap.total_seconds() // 60)} min to travel to or from {booked}; "
        f"needs {context.travel_buffer_minutes} min between venues"
    )


def check_caps(session, role_id, person, commitments, team, context) -> list[Reason]:
    caps = (
        person.max_sessions_per_week,
        person.max_minutes_per_week,
        person.max_pence_per_week,
        person.max_pence_per_month,
    )
    if caps == (None, None, None, None):
        return []
    zone = context.timezone
    week, month = iso_week(session.starts_at, zone), calendar_month(session.starts_at, zone)
    in_week = [c for c in commitments if iso_week(c.starts_at, zone) == week]
    pence = session.pay_pence_by_role.get(role_id, 0)
    in_month = (c.pence for c in commitments if calendar_month(c.starts_at, zone) == month)
    totals = (
        len(in_week) + 1,
        sum(c.minutes for c in in_week) + session.minutes,
        sum(c.pence for c in in_week) + pence,
        sum(in_month) + pence,
    )
    return [
        cap_reason(kind, total, cap, session, zone)
        for kind, total, cap in zip(CAP_KINDS, totals, caps, strict=True)
        if cap is not None and total > cap
    ]


CAP_KINDS = ("cap_sessions_week", "cap_minutes_week", "cap_pence_week", "cap_pence_month")


def cap_reason(kind: str, total: int, cap: int, session: SessionFacts, zone: tzinfo) -> Reason:
    """'Would earn £210.00 in week 10 of 2026; their weekly cap is £195.50'."""
    year, week = iso_week(session.starts_at, zone)
    when = f"week {week} of {year}"
    doing, show, cap_name = {
        "cap_sessions_week": ("have", lambda n: f"{n} sessions", "weekly limit"),
        "cap_minutes_week": ("work", duration, "weekly limit"),
        "cap_pence_week": ("earn", money, "weekly cap"),
        "cap_pence_month": ("earn", money, "monthly cap"),
    }[kind]
    if kind == "cap_pence_month":
        when = f"{local(session.starts_at, zone):%B %Y}"
    return Reason(
        kind, f"Would {doing} {show(total)} in {when}; their {cap_name} is {show(cap)}", hard=True
    )


def check_access(session, role_id, person, commitments, team, context) -> list[Reason]:
    if session.is_online or not person.access_needs:
        return []
    missing = person.access_needs - session.venue_access
    if not missing:
        return []
    features = " or ".join(FEATURE_NAMES.get(f, f.replace("_", " ")) for f in sorted(missing))
    return blocked("access", f"{session.venue_name or 'The venue'} does not have {features}")


def check_do_not_pair(session, role_id, person, commitments, team, context) -> list[Reason]:
    if not context.do_not_pair:
        return []
    return [
        Reason("do_not_pair", f"Must not be paired with {context.person_name(other)}", hard=True)
        for other in sorted(team)
        if frozenset((person.id, other)) in context.do_not_pair
    ]


def check_declined(session, role_id, person, commitments, team, context) -> list[Reason]:
    if (session.id, person.id) in context.declined:
        return blocked("declined", "Said no to this session")
    return []


#: The rules `could_work` screens for (with the role, which callers pick by).
SCREENED_RULES: tuple[Rule, ...] = (
    check_role,
    check_qualification,
    check_progression,
    check_unavailable,
    check_availability,
)
#: The rules that look at other bookings and the team.
BOOKING_RULES: tuple[Rule, ...] = (
    check_clashes,
    check_caps,
    check_access,
    check_do_not_pair,
    check_declined,
)
HARD_RULES: tuple[Rule, ...] = SCREENED_RULES + BOOKING_RULES


def check_candidate(
    session: SessionFacts,
    role_id: int,
    person: PersonFacts,
    commitments: Sequence[Commitment],
    team_person_ids: Collection[int],
    context: SchedulingContext,
) -> Evaluation:
    """Every hard and soft reason for putting `person` in a `role_id` seat of `session`."""
    team = [other for other in team_person_ids if other != person.id]
    args = (session, role_id, person, commitments, team, context)
    hard = [reason for rule in HARD_RULES for reason in rule(*args)]
    soft = [reason for rule in SOFT_RULES for reason in rule(*args)]
    return Evaluation(person.id, not hard, hard, soft, sum(r.score for r in soft))


def rank_candidates(
    session: SessionFacts,
    role_id: int,
    people: Iterable[PersonFacts],
    commitments: Mapping[int, Sequence[Commitment]],
    team_person_ids: Collection[int],
    context: SchedulingContext,
) -> list[Evaluation]:
    """Everyone evaluated for the seat: eligible first, then best score, then by name."""
    ranked = [
        (
            check_candidate(
                session, role_id, person, commitments.get(person.id, ()), team_person_ids, context
            ),
            person,
        )
        for person in people
    ]
    ranked.sort(key=lambda pair: (not pair[0].eligible, -pair[0].score, pair[1].name, pair[1].id))
    return [evaluation for evaluation, _ in ranked]
