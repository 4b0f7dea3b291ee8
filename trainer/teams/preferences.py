"""Who fits a seat best: soft rules that rank the people the hard rules leave, each with a
plain-English reason and a score (fair share of the work first, then partners, venues and
distance from home)."""

from collections.abc import Callable, Collection, Sequence
from math import asin, cos, radians, sin, sqrt

from trainer.teams.facts import Commitment, PersonFacts, Reason, SchedulingContext, SessionFacts

Rule = Callable[
    [SessionFacts, int, PersonFacts, Sequence[Commitment], Collection[int], SchedulingContext],
    list[Reason],
]
EARTH_RADIUS_KM = 6371.0


def fair_share(session, role_id, person, commitments, team, context) -> list[Reason]:
    load = context.recent_sessions.get(person.id, 0)
    sessions = "1 session" if load == 1 else f"{load} sessions"
    return [
        Reason(
            "fair_share",
            f"{sessions} in the last and next four weeks",
            hard=False,
            score=-float(load),
        )
    ]


PARTNER_POINTS, TOGETHER_POINTS, VENUE_POINTS, KM_PER_POINT = 2.0, 1.0, 1.0, 25.0


def partners(session, role_id, person, commitments, team, context) -> list[Reason]:
    reasons = [
        Reason(
            "preferred_partner",
            f"Asked to work with {context.person_name(other)}",
            hard=False,
            score=PARTNER_POINTS,
        )
        for other in sorted(team)
        if other in person.preferred_partner_ids
    ]
    for other in sorted(team):
        count = context.delivered_together.get(frozenset((person.id, other)), 0)
        if count:
            reasons.append(
                Reason(
                    "delivered_together",
                    f"Has delivered with "
                    f"{context.person_name(other)} before ({count} session"
                    f"{'s' if count != 1 else ''})",
                    hard=False,
                    score=TOGETHER_POINTS,
                )
            )
    return reasons


def usual_venue(session, role_id, person, commitments, team, context) -> list[Reason]:
    if not at_usual_venue(session, person):
        return []
    return [
        Reason(
            "usual_venue",
            f"Usually works at {session.venue_name or 'this venue'}",
            hard=False,
            score=VENUE_POINTS,
        )
    ]


def at_usual_venue(session: SessionFacts, person: PersonFacts) -> bool:
    return not session.is_online and session.venue_id in person.usual_venue_ids


def travel_distance(session, role_id, person, commitments, team, context) -> list[Reason]:
    km = distance_km(session, person)
    if km is None:
        return []
    return [
        Reason("distance", f"About {km:.0f} km from home", hard=False, score=-km / KM_PER_POINT)
    ]


def distance_km(session: SessionFacts, person: PersonFacts) -> float | None:
    """Great-circle (haversine) distance from home to an in-person venue."""
    points = (person.home_lat, person.home_lon, session.venue_lat, session.venue_lon)
    if session.is_online or any(p is None for p in points):
        return None
    lat1, lon1, lat2, lon2 = map(radians, points)
    a = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(a))


def preference_score(
    session: SessionFacts, person: PersonFacts, team: Collection[int], context: SchedulingContext
) -> float:
    """The soft score without fair share or messages: what `partners`, `usual_venue` and
    `travel_distance` add up to."""
    score = PARTNER_POINTS * len(person.preferred_partner_ids.intersection(team))
    score += TOGETHER_POINTS * sum(
        1
        for other in team
        if other != person.id and context.delivered_together.get(frozenset((person.id, other)))
    )
    score += VENUE_POINTS if at_usual_venue(session, person) else 0.0
    km = distance_km(session, person)
    return score - (km / KM_PER_POINT if km is not None else 0.0)


SOFT_RULES: tuple[Rule, ...] = (fair_share, partners, usual_venue, travel_distance)
