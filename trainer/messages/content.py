"""What a message says, before it takes a format: a subject, lines with their pictures,
links to act on, and the short words for a text message. Pure: plain values only."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    text: str
    #: the Easy Read picture beside it (a key of trainer.easy_read.ICONS), or ""
    icon: str = ""
    #: items listed under the line (the team, what to bring)
    items: tuple[str, ...] = ()
    #: a link the line is about (a joining link)
    url: str = ""


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    icon: str = ""


@dataclass(frozen=True)
class Content:
    subject: str
    #: the first line, said as a heading
    heading: str
    lines: tuple[Line, ...] = ()
    actions: tuple[Action, ...] = ()
    #: a text message: short, and says where to look
    sms: str = ""
    #: who sends it, and how to reach them, said at the end
    sign_off: tuple[str, ...] = field(default_factory=tuple)
