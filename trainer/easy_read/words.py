"""The Easy Read phrases: one idea per sentence, the same word for the same thing everywhere.

Each phrase has a stable key (pages, messages and letters use the key, never a copy of the
words) and the picture that goes beside it. Values fill `{braces}`: money already in words
(`say_money`), days already in words (`say_day`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    #: the picture beside it (a key of ICONS)
    icon: str


PHRASES: dict[str, Phrase] = {
    # sessions
    "session.when": Phrase("{day}.", "calendar"),
    "session.times": Phrase("From {start} to {end}.", "clock"),
    "session.arrive": Phrase("Please arrive at {time}.", "clock"),
    "session.online": Phrase("Your session is online.", "screen"),
    "session.join": Phrase("Join your session with this link", "screen"),
    "session.place": Phrase("Your session is at {place}.", "place"),
    "session.role": Phrase("You are the {role}.", "person"),
    "session.programme": Phrase("The training is {programme}.", "star"),
    "session.length": Phrase("It lasts {length}.", "clock"),
    "session.team": Phrase("You are working with:", "people"),
    "session.no_team": Phrase(
        "Your team is not ready yet. We will tell you who you are working with.", "people"
    ),
    "session.bring": Phrase("Please bring:", "bag"),
    "session.support": Phrase("We have arranged this support for you:", "support"),
    "session.no_support": Phrase("You have not asked for any support for this session.", "support"),
    "session.pay": Phrase("You will be paid {pay}.", "money"),
    "session.cancelled": Phrase("This session is cancelled. You do not need to go.", "cancelled"),
    "session.changed": Phrase("This session has changed. Please read it again.", "warning"),
    # offers and answers
    "offer.question": Phrase("Can you do this session? Please say yes or no.", "question"),
    "offer.yes": Phrase("Yes, I can do it", "yes"),
    "offer.no": Phrase("No, I can't do it", "no"),
    "offer.withdraw": Phrase("I can't do it any more", "no"),
    "answer.sure": Phrase("Are you sure?", "question"),
    "answer.sure_no": Phrase("Yes, I am sure", "no"),
    "answer.keep": Phrase("No, go back", "undo"),
    "answer.said_yes": Phrase("Thank you. You said yes to the session on {day}.", "yes"),
    "answer.said_no": Phrase("Thank you. You said no to the session on {day}.", "no"),
    "answer.withdrew": Phrase("You said you can't do the session on {day}.", "no"),
    "answer.undo_until": Phrase("You can change your mind until {time}.", "undo"),
    "answer.undo": Phrase("Undo my answer", "undo"),
    "answer.undone": Phrase("We have undone your answer. Nothing has changed.", "undo"),
    "answer.coordinator_told": Phrase("We will tell the coordinator.", "person"),
    # money
    "money.earned_week": Phrase("This week you earned {earned}.", "money"),
    "money.limit": Phrase("Your limit is {limit}.", "limit"),
    "money.left": Phrase("You can earn {left} more this week.", "money"),
    "money.over": Phrase("You have earned {over} more than your limit this week.", "warning"),
    "money.no_limit": Phrase("You have not set a limit for your money.", "money"),
    "money.booking_over": Phrase(
        "If a session would take you over your limit, we tell the coordinator first.", "warning"
    ),
    "money.what_to_do": Phrase("The coordinator will talk to you before booking it.", "phone"),
    "money.owed": Phrase("We owe you {amount}.", "money"),
    "money.paid": Phrase("We have paid you:", "money"),
    "money.none": Phrase("No payments yet.", "money"),
    # availability
    "availability.question": Phrase("When can I work?", "calendar"),
    "availability.days": Phrase("Choose the days you can work.", "calendar"),
    "availability.time_off": Phrase("{days}.", "calendar"),
    "availability.morning": Phrase("Morning", "morning"),
    "availability.afternoon": Phrase("Afternoon", "afternoon"),
    "availability.whole_day": Phrase("Whole day", "calendar"),
    # calendar
    "calendar.add_phone": Phrase("Add my sessions to my phone", "mobile"),
    "calendar.scan": Phrase("Scan this with your phone's camera.", "mobile"),
    "calendar.what_happens": Phrase(
        "Your sessions will appear in your calendar by themselves.", "sync"
    ),
    "calendar.changes": Phrase("When a session changes, your calendar changes too.", "sync"),
    # help
    "help.button": Phrase("I need help", "help"),
    "help.sent": Phrase("Thank you. We have told the coordinator. They will contact you.", "help"),
    "help.phone": Phrase("You can also phone {phone}.", "phone"),
    # letters
    "letter.read": Phrase("Read this letter on screen", "letter"),
    "letter.download": Phrase("Download the letter", "download"),
}


def say(key: str, **values: object) -> str:
    """The phrase's words with its values filled in. Unknown keys raise KeyError."""
    text = PHRASES[key].text
    return text.format(**values) if values else text
