"""Who may fill a seat, and who fits it best: pure rules that return plain-English reasons.

Hard rules block a placement; soft rules (`teams/preferences.py`) only rank the people who
are left. Every rule has the same signature so `check_candidate` can run them in a row.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence

from trainer.money.limit_words import breach_words
from trainer.money.limits import Breach, most_allowed, period_of, totals
from trainer.teams.facts import (
    STAGE_NAMES,
    Commitment,
    Evaluation,
    PersonFacts,
    Reason,
    SchedulingContext,
    SessionFacts,
    commitment_for,
    day_label,
    earning_for,
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
    """The person's benefit situation and own limits (trainer/money/limits.py), counting
    this seat with their other bookings in the same week, month or assessment period."""
    limits = person.limits.limits()
    if not limits:
        return []
    mine = earning_for(commitment_for(session, role_id), person, context)
    earnings = [
        earning_for(c, person, context) for c in commitments if c.session_id != session.id
    ] + [mine]
    start_day = person.limits.uc_period_start_day
    reasons = []
    for limit in limits:
        period = period_of(limit, mine, start_day)
        total = totals(earnings, limit, start_day).get(period, 0)
        allowed, carried = most_allowed(limit, period, context.esa_amounts)
        if allowed is not None and total > allowed:
            breach = Breach(person.id, limit, period, allowed, total, carried)
            reasons.append(Reason(limit.code, breach_words(breach, would=True), hard=True))
    return reasons


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
