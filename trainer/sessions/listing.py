"""The session list: filters, one page of sessions as plain rows with their team counts,
and a count that stops where nobody pages any further."""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import Row, Select, func, select

from trainer.extensions import db
from trainer.models import Programme, SessionStatus, TrainingSession, Venue
from trainer.sessions.queries import TeamCounts, team_counts_by_id
from trainer.timezones import local_to_utc

#: what a row of the session list shows, as plain rows (`.id`, `.starts_at`, `.status`,
#: `.programme`, `.venue`, None when online): no objects to build for a page of 25 or 100
LIST_COLUMNS = (
    TrainingSession.id,
    TrainingSession.starts_at,
    TrainingSession.status,
    Programme.name.label("programme"),
    Venue.name.label("venue"),
)


@dataclass(frozen=True)
class SessionFilters:
    date_from: date | None = None
    date_to: date | None = None
    programme_id: int | None = None
    status: SessionStatus | None = None
    venue_id: int | None = None


@dataclass
class SessionPage:
    #: (row, team): each row has the `LIST_COLUMNS`
    rows: list[tuple[Row, TeamCounts]]
    total: int
    page: int
    per_page: int
    counts: dict[int, TeamCounts] = field(default_factory=dict)
    #: more sessions match than were counted (`total` is then COUNTED_UP_TO)
    more: bool = False

    @property
    def pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1)

    @property
    def numbers_shown(self) -> list[int]:
        """The page links: the first, the last, and two either side of this one."""
        near = range(max(self.page - 2, 1), min(self.page + 2, self.pages) + 1)
        return sorted({1, *near, self.pages})


def _filtered(filters: SessionFilters) -> Select:
    query = select(TrainingSession)
    if filters.date_from:
        query = query.where(TrainingSession.starts_at >= local_to_utc(filters.date_from, time()))
    if filters.date_to:
        end = local_to_utc(filters.date_to + timedelta(days=1), time())
        query = query.where(TrainingSession.starts_at < end)
    if filters.programme_id:
        query = query.where(TrainingSession.programme_id == filters.programme_id)
    if filters.status:
        query = query.where(TrainingSession.status == filters.status)
    if filters.venue_id:
        query = query.where(TrainingSession.venue_id == filters.venue_id)
    return query


#: a list counts its sessions up to here, and says "more than" beyond: counting every session
#: costs more than the page as the service grows (a region's 5,000, a nation's 200,000), and
#: nobody pages past the first eighty pages of 25; a filter by date finds later ones
COUNTED_UP_TO = 2_000


def list_sessions(filters: SessionFilters, *, page: int = 1, per_page: int = 25) -> SessionPage:
    """One page of sessions in start order, with team counts: three queries whatever the size."""
    base = _filtered(filters)
    counted = base.with_only_columns(TrainingSession.id).limit(COUNTED_UP_TO + 1).subquery()
    total = db.session.scalar(select(func.count()).select_from(counted)) or 0
    more = total > COUNTED_UP_TO
    total = min(total, COUNTED_UP_TO)
    page = min(max(page, 1), max((total + per_page - 1) // per_page, 1))
    query = (
        base.with_only_columns(*LIST_COLUMNS)
        .join(Programme, Programme.id == TrainingSession.programme_id)
        .outerjoin(Venue, Venue.id == TrainingSession.venue_id)
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    found = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    counts = team_counts_by_id([row.id for row in found])
    rows = [(row, counts[row.id]) for row in found]
    return SessionPage(rows, total, page, per_page, counts, more)
