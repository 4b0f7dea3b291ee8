"""Named changes that other capabilities react to, so no capability imports the ones that
react to it: sessions and offers announce; calendars (and later messages) listen.

Each signal is sent inside the change's transaction, after the service has flushed; a
receiver adds its own rows to the same transaction (an emailed invite waits in the outbox
until the commit) and must not commit.
"""

from blinker import Namespace

_changes = Namespace()

#: a session's time, place, details or status changed; sent with session=, actor=
session_changed = _changes.signal("session-changed")
#: a person said yes to an offer; sent with assignment=, actor=
offer_accepted = _changes.signal("offer-accepted")
#: a person who had said yes is off the team (they said no after all, or were taken off);
#: sent with assignment=, actor=
seat_given_up = _changes.signal("seat-given-up")
