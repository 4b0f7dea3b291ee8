"""The job that sends one logged message. A transport failure is recorded on the message
and raised, so the queue tries again with backoff; after the last try the job is on the
failed jobs page and the message shows as failed on the person's page."""

from trainer.jobs import job
from trainer.messages import sending


@job(name="messages.send")
def send_message(message_id: int) -> None:
    sending.send_message(message_id)


@job(name="messages.send_batch")
def send_batch(message_ids: list[int]) -> None:
    """Send these messages through one connection (those not yet sent by anyone)."""
    sending.send_each(message_ids)
