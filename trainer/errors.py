"""Error pages in the design system; a server error rolls the database session back."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from trainer.extensions import db
from trainer.request_log import request_id

PAGES = {
    400: (
        "There is a problem with your request",
        "The form or link you used was not complete or has expired. "
        "Go back, reload the page and try again.",
    ),
    403: (
        "You cannot see this page",
        "Your account does not have permission to see this page. "
        "If you think it should, ask a coordinator or an admin.",
    ),
    404: (
        "Page not found",
        "If you typed the web address, check it is correct. "
        "The page or record may have been removed.",
    ),
    405: ("There is a problem with your request", "That action is not available on this page."),
    413: ("The file is too large", "Choose a smaller file and try again."),
    429: ("Too many attempts", "Wait a few minutes and try again."),
    500: (
        "Sorry, there is a problem with the service",
        "Nothing you entered was saved. Try again later. "
        "If it keeps happening, contact a coordinator.",
    ),
}


def render_error(code: int):
    heading, explanation = PAGES.get(code, PAGES[500])
    page = render_template(
        "errors/error.html",
        heading=heading,
        explanation=explanation,
        reference=request_id() if code >= 500 else "",
    )
    return page, code


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in PAGES:
            return render_error(error.code)
        return error

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error (request_id=%s)", request_id())
        return render_error(500)
