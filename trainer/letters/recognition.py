"""The recognition letter: thanks and a record of what someone gave, in their words.

The role is printed exactly as the person chose to describe it; the letter's own words
never name a diagnosis.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from trainer.letters.contents import RecognitionLetterData, duration, long_date
from trainer.letters.parts import grid, letterhead, para, say, shares, sign_off, text
from trainer.letters.styles import Look


def _a(words: str) -> str:
    """'an expert co-trainer', 'a facilitating trainer'."""
    return f"{'an' if words[:1].lower() in 'aeiou' else 'a'} {words}"


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


def standard_recognition(data: RecognitionLetterData, look: Look) -> list[Flowable]:
    """The standard recognition letter."""
    role, name = text(data.role_wording), text(data.recipient_name)
    period = f"{long_date(data.period_from)} to {long_date(data.period_to)}"
    return [
        letterhead(data.org, data.reference, data.issued_on, look),
        Spacer(1, look.gap * 2),
        para(name, look.body),
        Spacer(1, look.gap * 2),
        para("Thank you: a record of your work with us", look.title),
        para(f"Dear {name},", look.body),
        para(
            f"We are writing to thank you for your work on {text(data.programme)} "
            f"with {text(data.org.name)}, and to record what you gave.",
            look.body,
        ),
        para(
            f"From {period} you worked with us as {_a(role)}. In that time you co-delivered "
            f"{_count(data.sessions_delivered, 'training session')}, reaching "
            f"{_count(data.learners_reached, 'learner')} and giving "
            f"{duration(data.minutes_given)} of your time.",
            look.body,
        ),
        grid(
            ["Role", "Programme", "Period", "Sessions", "Learners", "Time given"],
            [
                [
                    role,
                    text(data.programme),
                    period,
                    f"{data.sessions_delivered:,}",
                    f"{data.learners_reached:,}",
                    duration(data.minutes_given),
                ]
            ],
            shares(82, 90, 104, 58, 58, 76),
            look,
        ),
        Spacer(1, look.gap),
        para(
            "Training that is co-delivered depends on trainers who bring their own "
            "experience. Your part in these sessions helped every learner understand "
            "what good support looks like, and we are grateful for it.",
            look.body,
        ),
        *_message(data, look),
        para("You are welcome to use this letter as a record of your work with us.", look.body),
        *sign_off(data.org, look),
    ]


def easy_recognition(data: RecognitionLetterData, look: Look) -> list[Flowable]:
    """The Easy Read recognition letter."""
    period = f"{long_date(data.period_from)} to {long_date(data.period_to)}"
    return [
        letterhead(data.org, data.reference, data.issued_on, look),
        Spacer(1, look.gap),
        say("star", f"<b>Thank you, {text(data.recipient_name)}!</b>", look),
        say(
            "letter", f"This letter says thank you for your work with {text(data.org.name)}.", look
        ),
        say("person", f"You worked with us as {_a(text(data.role_wording))}.", look),
        say(None, f"You helped give {text(data.programme)}.", look),
        say("calendar", f"You worked with us from {period}.", look),
        say("star", f"You gave {_count(data.sessions_delivered, 'training session')}.", look),
        say("person", f"You helped {_count(data.learners_reached, 'learner')} to learn.", look),
        say("clock", f"You gave {duration(data.minutes_given)} of your time.", look),
        say("star", "We are proud to work with you.", look),
        *_message(data, look),
        *sign_off(data.org, look),
    ]


def _message(data: RecognitionLetterData, look: Look) -> list[Flowable]:
    if not data.personal_message:
        return []
    author = text(data.message_from or "your coordinator")
    return [
        say("speech", f"<b>A message from {author}</b>", look),
        *[para(text(part), look.body) for part in data.personal_message.split("\n") if part],
        Spacer(1, look.gap),
    ]
