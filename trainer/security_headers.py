"""Headers every response carries: what the browser may load and do, and what it may keep.

Pages load scripts, styles, fonts and images from this site only, and nothing inline (no
inline script or style anywhere in templates/). Nothing a signed-in person sees, and no
download, stays in the browser's cache: on a shared computer the back button shows nothing.
"""

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
#: browser features no page of the service uses
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
#: files anyone may fetch and browsers may keep: our styles and scripts, GOV.UK Frontend's
PUBLIC_FILES = frozenset({"static", "assets.govuk", "assets.favicon"})


def add_headers(response: Response, *, hsts_seconds: int) -> Response:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if response.mimetype == "text/html":
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    if hsts_seconds:
        headers.setdefault(
            "Strict-Transport-Security", f"max-age={hsts_seconds}; includeSubDomains"
        )
    if request.endpoint not in PUBLIC_FILES and not _chose_private(response):
        headers["Cache-Control"] = "no-store"
    return response


def _chose_private(response: Response) -> bool:
    """A view that chose how private caches keep it (a calendar feed revalidates by ETag)."""
    return response.cache_control.private is not None or response.cache_control.no_store


def register(app: Flask) -> None:
    @app.after_request
    def security_headers(response: Response) -> Response:
        return add_headers(response, hsts_seconds=app.config["HSTS_SECONDS"])
