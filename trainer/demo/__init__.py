"""Demo and region-sized data sets, so a newcomer (or a benchmark) finds a working service."""

from flask import current_app
from sqlalchemy import func, select

from trainer.demo import catalogue, growth
from trainer.demo.calendars import seed_calendars
from trainer.demo.learners import seed_learners
from trainer.demo.money import seed_money, seed_rates
from trainer.demo.nation import REGIONS, build_nation
from trainer.demo.people import DEMO_ACCOUNTS, accounts, people
from trainer.demo.region import build_region
from trainer.demo.sessions import sessions
from trainer.demo.teams import seed_availability, seed_team_building
from trainer.extensions import db
from trainer.models import TrainingSession, User


def is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(User))


def seed(*, password: str, scale: str = "demo", echo=None, regions: int = REGIONS) -> str:
    """Load the data set and say what was loaded (`echo` hears of progress on the nation
    scale, built of `regions` regions); the caller commits."""
    roles = catalogue.roles()
    growth.shadow_role()
    programmes = catalogue.programmes(roles)
    venues = catalogue.venues()
    logins = accounts(password)
    if scale == "region":
        return build_region(roles, programmes, venues, contact=logins["employer@example.org"])
    if scale == "nation":
        contact = logins["employer@example.org"]
        return build_nation(roles, programmes, venues, contact=contact, regions=regions, echo=echo)
    team = people(roles, programmes, logins)
    riley = growth.learner(roles, programmes, logins[growth.LEARNER_EMAIL])
    growth.seed_growth(team, riley, roles)
    review = growth.review_programme(roles)
    seed_rates()  # before any team: pay caps read the rates
    seed_availability(team)
    seed_team_building(team, sessions(programmes, venues, team, roles))
    growth.seed_reviews(review, team)
    seed_money()
    growth.seed_check_ins(team)
    seed_calendars()
    seed_learners(programmes, logins["employer@example.org"], current_app.config["ORG_NAME"])
    db.session.flush()
    total = db.session.scalar(select(func.count()).select_from(TrainingSession))
    return "\n".join(
        [
            f"Demo data loaded: {len(team)} people, {total} sessions, {len(venues)} venues.",
            "Sign in with any of these (local trials only):",
            *[f"  {email}  ({label})" for email, label in DEMO_ACCOUNTS],
            f"  password: {password}",
        ]
    )
