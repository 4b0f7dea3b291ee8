"""The app a test's real worker runs (`flask --app tests.jobs.worker_app worker`): the app
from the environment, with the test jobs declared.

Its clock is the real one even in a pinned run (TEST_NOW): leases are written and read by
workers only, and two workers started at different times would each start their pinned
clock afresh, so the second would see the first's leases as not yet run out."""

from tests.jobs import factories  # noqa: F401  (declares the test jobs)
from trainer import create_app

app = create_app("test")
