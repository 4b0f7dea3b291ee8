"""Domain errors raised by services and mapped onto forms by views."""


class DomainError(Exception):
    """A rule was broken; `field` names the form field to show the message beside."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class IllegalTransition(DomainError):
    """A status change that the workflow does not allow."""

    def __init__(self, thing: str, current, target):
        label = getattr(target, "label", target)
        now = getattr(current, "label", current)
        message = (
            f"This {thing} is already {now.lower()}."
            if current == target
            else f"A {thing} that is {now.lower()} cannot become {label.lower()}."
        )
        super().__init__(message, "status")
        self.current = current
        self.target = target
