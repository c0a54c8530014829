"""Domain errors that carry the text a member sees."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a forbidden action; nothing was changed.

    `message` is shown to the member as it is. `field` names the modal input it is about, when
    there is one, so a modal can show it inline.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
