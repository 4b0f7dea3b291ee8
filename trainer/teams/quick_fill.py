"""A fast first plan for auto-fill: scarcest seats first, the least-loaded person who fits,
then short chains of moves to fill the seats that are left, then moves that hand a seat from
a busier person to a less busy one.

Every placement passes the same booking rules the coordinator's screen uses, so the plan is
valid at every step; the solver starts from it and proves or improves it.
"""

from dataclasses import dataclass, field

from trainer.teams.facts import Commitment
from trainer.teams.pool import Option, Pool
from trainer.teams.rules import BOOKING_RULES

#: How many people a repair may move along one chain to fill a seat.
REPAIR_DEPTH = 4
#: How many placements one seat's repair, and all repairs together, may try: this bounds
#: the work on a region short of people, where CP-SAT takes over.
REPAIR_TRIES = 5000
ALL_REPAIR_TRIES = 20000
#: How many placements the balancing moves may try in all.
BALANCE_TRIES = 30000

Seat = tuple[int, int]


@dataclass(slots=True)
class Draft:
    pool: Pool
    booked: dict[int, list[Commitment]] = field(default_factory=dict)
    teams: dict[int, set[int]] = field(default_factory=dict)
    loads: dict[int, int] = field(default_factory=dict)
    taken: dict[Seat, list[Option]] = field(default_factory=dict)
    mine: dict[int, list[Option]] = field(default_factory=dict)
    commitments: dict[int, Commitment] = field(default_factory=dict)
    tries: int = 0
    all_tries: int = 0

    @classmethod
    def start(cls, pool: Pool) -> "Draft":
        return cls(
            pool,
            {pid: list(b) for pid, b in pool.existing.items()},
            {sid: set(team) for sid, team in pool.seated.items()},
            dict(pool.context.recent_sessions),
        )

    def empty_places(self, seat: Seat) -> int:
        return self.pool.open_seats[seat] - len(self.taken.get(seat, ()))

    def fits(self, option: Option, without: Option | None = None) -> bool:
        self.tries += 1
        self.all_tries += 1
        booked = self.booked.get(option.person_id, [])
        if without is not None:
            gone = self.commitments[without.index]
            booked = [c for c in booked if c is not gone]
        team = self.teams.get(option.session.id, set())
        args = (
            option.session,
            option.role_id,
            self.pool.people[option.person_id],
            booked,
            team,
            self.pool.context,
        )
        return not any(rule(*args) for rule in BOOKING_RULES)

    def take(self, option: Option) -> None:
        booking = self.commitments[option.index] = option.booking
        self.booked.setdefault(option.person_id, []).append(booking)
        self.teams.setdefault(option.session.id, set()).add(option.person_id)
        self.loads[option.person_id] = self.loads.get(option.person_id, 0) + 1
        self.taken.setdefault(seat_of(option), []).append(option)
        self.mine.setdefault(option.person_id, []).append(option)

    def drop(self, option: Option) -> None:
        gone = self.commitments.pop(option.index)
        self.booked[option.person_id] = [c for c in self.booked[option.person_id] if c is not gone]
        self.teams[option.session.id].discard(option.person_id)
        self.loads[option.person_id] -= 1
        self.taken[seat_of(option)].remove(option)
        self.mine[option.person_id].remove(option)

    def ranked(self, seat: Seat) -> list[Option]:
        return sorted(
            self.pool.by_seat.get(seat, ()),
            key=lambda o: (self.loads.get(o.person_id, 0), -o.preference, o.person_id),
        )

    def chosen(self) -> list[Option]:
        return sorted(
            (o for options in self.taken.values() for o in options), key=lambda o: o.index
        )


def seat_of(option: Option) -> Seat:
    return option.session.id, option.role_id


def quick_fill(pool: Pool) -> list[Option]:
    """A valid plan: scarcest seats first, least-loaded person first, then repairs, then
    balancing."""
    draft = Draft.start(pool)
    order = sorted(
        pool.open_seats,
        key=lambda seat: (len(pool.by_seat.get(seat, ())), pool.sessions[seat[0]].starts_at, seat),
    )
    for seat in order:
        for option in draft.ranked(seat):
            if not draft.empty_places(seat):
                break
            if draft.fits(option):
                draft.take(option)
    for seat in order:
        while draft.empty_places(seat) and pool.by_seat.get(seat):
            draft.tries = 0
            if draft.all_tries > ALL_REPAIR_TRIES or not repair(
                draft, seat, REPAIR_DEPTH, frozenset()
            ):
                break
    return balanced(draft)


def rebalance(pool: Pool, chosen: list[Option]) -> list[Option]:
    """The same number of seats filled, with work handed from the busiest where it can be."""
    draft = Draft.start(pool)
    for option in chosen:
        draft.take(option)
    return balanced(draft)


def balanced(draft: Draft) -> list[Option]:
    draft.tries = 0
    while balance(draft):
        pass
    return draft.chosen()


def repair(draft: Draft, seat: Seat, depth: int, moved: frozenset[int]) -> bool:
    """Fill one more place in `seat`, moving at most `depth` people to other seats."""
    options = [o for o in draft.ranked(seat) if o.person_id not in moved]
    for option in options:
        if draft.fits(option):
            draft.take(option)
            return True
    if depth == 0:
        return False
    for option in options:
        for blocker in list(draft.mine.get(option.person_id, ())):
            if draft.tries > REPAIR_TRIES:
                return False
            if move(draft, option, blocker, depth, moved):
                return True
    return False


def move(draft: Draft, option: Option, blocker: Option, depth: int, moved: frozenset[int]) -> bool:
    """Give `option`'s seat to its person instead of `blocker`, then refill `blocker`'s seat."""
    if not draft.fits(option, without=blocker):
        return False
    draft.drop(blocker)
    draft.take(option)
    if repair(draft, seat_of(blocker), depth - 1, moved | {option.person_id}):
        return True
    draft.drop(option)
    draft.take(blocker)
    return False


def balance(draft: Draft) -> bool:
    """One pass handing seats from the busiest people to anyone two or more sessions less
    busy who fits; True if anything moved (and tries are left)."""
    moved = False
    for option in sorted(draft.chosen(), key=lambda o: (-draft.loads[o.person_id], o.index)):
        if draft.tries > BALANCE_TRIES:
            return False
        moved = hand_over(draft, option) or moved
    return moved


def hand_over(draft: Draft, option: Option) -> bool:
    """Give `option`'s place to the least-loaded candidate who fits, if that is fairer."""
    if option.index not in draft.commitments:
        return False
    busy = draft.loads[option.person_id]
    for other in draft.ranked(seat_of(option)):
        if draft.loads.get(other.person_id, 0) + 1 >= busy:
            return False
        draft.drop(option)
        if draft.fits(other):
            draft.take(other)
            return True
        draft.take(option)
    return False
