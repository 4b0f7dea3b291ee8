"""Template filters and globals: local times, money and the signed-in user's roles."""

from collections.abc import Callable

import segno
from flask import Flask, url_for
from flask_login import current_user
from markupsafe import Markup

from trainer.clock import utc_now
from trainer.forms import error_summary
from trainer.models import Role
from trainer.timezones import format_day, format_short, format_time, to_local


def pounds(pence: int | None) -> str:
    """Integer pence as '£1,234.56' (no float anywhere)."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def hours(minutes: int | None) -> str:
    if minutes is None:
        return ""
    whole, part = divmod(minutes, 60)
    if not part:
        return f"{whole} hour{'s' if whole != 1 else ''}"
    return f"{whole}h {part:02d}m" if whole else f"{part} minutes"


def about_duration(seconds: int) -> str:
    """'about 20 seconds', 'about 1 minute', 'about 4 minutes'."""
    if seconds < 60:
        return f"about {max(5, round(seconds / 5) * 5)} seconds"
    minutes = round(seconds / 60)
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"


def file_size(size: int) -> str:
    """'820 KB', '2.4 MB'."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def days_ago(moment) -> str:
    """'today', 'yesterday', '5 days ago'."""
    days = (utc_now() - moment).days
    return "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"


def register(app: Flask) -> None:
    # `{% do rows.append(...) %}`: list pages build their table rows for the one table macro
    app.jinja_env.add_extension("jinja2.ext.do")
    app.add_template_filter(format_day, "day")
    app.add_template_filter(format_time, "clock")
    app.add_template_filter(format_short, "when")
    app.add_template_filter(lambda d: to_local(d).strftime("%Y-%m-%d"), "isodate")
    app.add_template_filter(pounds, "pounds")
    app.add_template_filter(hours, "hours")
    app.add_template_filter(days_ago, "ago")
    app.add_template_filter(about_duration, "about_duration")
    app.add_template_filter(file_size, "file_size")
    app.add_template_global(Role, "Role")
    app.add_template_global(error_summary, "error_summary")
    app.add_template_global(nav_items, "nav_items")
    app.add_template_global(qr_code, "qr_code")
    app.add_template_global(url_for_each, "url_for_each")
    app.add_template_global(TAG_COLOURS, "tag_colours")


def nav_items() -> list[tuple[str, str]]:
    """(endpoint, label) pairs for the signed-in user's service navigation.

    A function the layout calls, not a context processor: those run again for every
    widget that renders its own template.
    """
    if not current_user.is_authenticated:
        return []
    items: list[tuple[str, str]] = []
    if current_user.has_role(Role.COORDINATOR, Role.ADMIN):
        items += [
            ("dashboards.coordinator", "Dashboard"),
            ("sessions.list_sessions", "Sessions"),
            ("autofill.auto_fill", "Auto-fill"),
            ("people.list_people", "People"),
            ("help.list_requests", "Calls for help"),
            ("growth.progression_overview", "Progression"),
            ("growth.lead_check_ins", "Check-ins"),
            ("programmes.list_programmes", "Programmes"),
            ("programmes.list_venues", "Venues"),
            ("learners.list_learners", "Learners"),
            ("reports.show_report", "Reports"),
        ]
    if current_user.has_role(Role.FINANCE):
        items.append(("dashboards.finance", "Finance"))
        items.append(("finance.list_lines", "Pay lines"))
    if current_user.has_role(Role.ADMIN):
        items.append(("admin.list_users", "Accounts"))
    if current_user.has_role(Role.EMPLOYER):
        items.append(("employer.home", "Book places"))
        items.append(("employer.list_learners", "Our staff"))
    if current_user.person is not None:
        items.append(("portal.home", "My home"))
        items.append(("dashboards.my_sessions", "My sessions"))
        items.append(("payments.my_money", "My money"))
        items.append(("offers.my_offers", "My offers"))
        items.append(("availability.my_availability", "When I can work"))
    if current_user.person is not None or current_user.has_role(Role.COORDINATOR, Role.ADMIN):
        items.append(("calendars.my_calendar", "My calendar"))
    return items


#: the tag colour of each session and offer status, wherever one is shown
TAG_COLOURS = {
    "draft": "grey",
    "scheduled": "blue",
    "delivered": "green",
    "cancelled": "red",
    "offered": "yellow",
    "accepted": "green",
    "declined": "red",
    "withdrawn": "grey",
}

#: stands in for a row's id while a list's link is built once (no route takes an id this big)
_ROW_ID = 918_273_645


def url_for_each(endpoint: str, name: str, **values) -> Callable[[int], str]:
    """`id -> url_for(endpoint, **{name: id}, **values)`, built with one `url_for`: a list
    page links every row, and building each link through the URL map costs more than the
    rest of the row."""
    head, tail = url_for(endpoint, **{name: _ROW_ID}, **values).split(str(_ROW_ID))
    return lambda row_id: f"{head}{int(row_id)}{tail}"


def qr_code(text: str, title: str) -> Markup:
    """An inline SVG QR code with a text alternative."""
    svg = segno.make(text, error="m").svg_inline(
        scale=4, light="white", svgclass="ht-qr", title=title
    )
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))
