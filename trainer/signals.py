"""Named changes that other capabilities react to, so no capability imports the ones that
react to it: sessions, offers, people, availability, programmes and payments announce;
calendars, problems and messages listen.

Each signal is sent inside the change's transaction, after the service has flushed; a
receiver adds its own rows to the same transaction (an emailed invite waits in the outbox
until the commit; a booking problem is saved with the change that caused it) and must not
commit. `change` is what changed, in a coordinator's words.
"""

from blinker import Namespace

_changes = Namespace()

#: a session's time, place, details or status changed; sent with session=, actor=
session_changed = _changes.signal("session-changed")
#: a session's time, venue or programme changed (what its team's rules read);
#: sent with session=, actor=, change=
session_details_changed = _changes.signal("session-details-changed")
#: a person was offered a seat (or offered it again); sent with assignment=, actor=
offer_made = _changes.signal("offer-made")
#: a person said yes to an offer; sent with assignment=, actor=
offer_accepted = _changes.signal("offer-accepted")
#: a person who had said yes is off the team (they said no after all, or were taken off);
#: sent with assignment=, actor=
seat_given_up = _changes.signal("seat-given-up")
#: a seat held (offered or accepted) is held no more: the person said no or was taken off;
#: sent with assignment=, actor=
seat_released = _changes.signal("seat-released")
#: a seat was offered although hard rules said no, with a written reason; sent with
#: assignment=, actor=, broken= (the rules' (code, message) pairs), reason=
rules_set_aside = _changes.signal("rules-set-aside")
#: a person's time off, working pattern or "do not pair" marks changed; sent with person=,
#: actor=, change=
availability_changed = _changes.signal("availability-changed")
#: a person's attendance at a session was recorded or changed; sent with assignment=, actor=
attendance_recorded = _changes.signal("attendance-recorded")
#: a person's roles, qualifications, progression, access needs or caps changed; sent with person=,
#: actor=, change=
person_changed = _changes.signal("person-changed")
#: the progression stage a delivery role needs changed; sent with role=, actor=, change=
role_stage_changed = _changes.signal("role-stage-changed")
#: a venue's facilities (or whether it is online) changed; sent with venue=, actor=, change=
venue_changed = _changes.signal("venue-changed")
#: a programme's team changed (its seats and their counts); sent with programme=, actor=,
#: change=
programme_team_changed = _changes.signal("programme-team-changed")
#: a pay rate was added (pay caps read rates); sent with rate=, actor=, change=
pay_rate_added = _changes.signal("pay-rate-added")
#: a tax year's ESA permitted work amounts were recorded; sent with amount=, actor=, change=
esa_amount_added = _changes.signal("esa-amount-added")
#: a held seat was found against a hard rule; sent with problem=
problem_found = _changes.signal("problem-found")
#: a booking problem was resolved (kept, taken off, mended, or its session closed); sent with
#: problem=, actor=
problem_resolved = _changes.signal("problem-resolved")
#: a person who had said yes said "I can't do it any more": the coordinator should hear of it
#: (messages listen). They can undo it until `undo_until`; if they do, `answer_undone`
#: follows. Sent with assignment=, actor=, undo_until=
person_withdrew = _changes.signal("person-withdrew")
#: a person took back their "no" in time: their seat is held again as before; sent with
#: assignment=, actor=, restored= (the OfferStatus they hold again)
answer_undone = _changes.signal("answer-undone")
#: a person pressed "I need help"; sent with help_request= (its person, page and words), actor=
help_requested = _changes.signal("help-requested")
#: someone answered a call for help; sent with help_request=, actor=
help_answered = _changes.signal("help-answered")
