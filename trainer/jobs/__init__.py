"""One job queue for all background and scheduled work (Huey: SQLite locally, Redis in
production). A worker (`flask worker`) runs the jobs, each inside an app context.

Declare a job where its capability lives; its arguments are plain JSON values (ids, not
records), and running it twice must do no harm:

    from trainer.jobs import job

    @job()
    def send_message(message_id: int) -> None:
        ...  # use db.session as usual; the job's work is committed with its "done" mark

Queue it in the current transaction; it goes on the queue only once that transaction
commits, and never if it rolls back:

    from trainer import jobs

    with Change(form) as change:
        message = service.make_message(...)
        jobs.later(send_message, message.id, key=f"message:{message.id}")

`key` (optional) makes the job unique: asking again for a key already queued does nothing.
`delay=timedelta(...)` runs it later. A failing job is tried again with backoff
(QUEUE_RETRIES, QUEUE_RETRY_DELAY_SECONDS, doubling); when every try has failed it appears
on the failed jobs page (/admin/jobs) for coordinators to try again or dismiss.

A job run every day at a local time named by a setting ("HH:MM"; empty: never):

    @periodic("BOOKINGS_CHECK_AT")
    @job()
    def check_bookings() -> None: ...

Outside a request (a command, a test), `run_committed()` hands committed jobs to the queue
straight away; with QUEUE_IMMEDIATE (the tests' default) that runs them there and then.
"""

from trainer.jobs.queue import huey, init_app
from trainer.jobs.runner import job, later, run_committed
from trainer.jobs.schedule import periodic

__all__ = ["huey", "init_app", "job", "later", "periodic", "run_committed"]
