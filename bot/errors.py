"""Domain errors that carry the text a member sees."""

from __future__ import annotations

from collections.abc import Sequence

from bot.views.text import inline


class UserError(Exception):
    """Bad input or a forbidden action; nothing was changed.

    `message` is shown to the member as it is. `field` names the modal input it is about, when
    there is one, so a modal can show it inline.
    """

    def __init__(self, message: str, *, field: str | None = None, names: Sequence[str] = ()) -> None:
        """`message` has a `{}` for each of `names`, what members named (groups, charters, challenges, sets).

        `message` is shown in mrkdwn (ephemeral answers), so there the names are escaped: no mention, link or
        formatting of theirs. `plain` keeps them as typed, for inline modal errors, which Slack shows as plain text.
        """
        self.plain = message.format(*names) if names else message
        self.message = message.format(*(inline(name) for name in names)) if names else message
        super().__init__(self.message)
        self.field = field

    def field_errors(self, default_field: str) -> dict[str, str]:
        """The errors by modal block_id, for `response_action: errors` (`default_field` when none is named)."""
        return {self.field or default_field: self.plain}


class FieldErrors(UserError):
    """Several inputs of one modal are wrong at once; each gets its message inline.

    Raised where a UserError is expected, it reads as the first problem (`message`, `field`).
    """

    def __init__(self, errors: dict[str, str]) -> None:
        if not errors:
            raise ValueError("FieldErrors needs at least one error")
        field, message = next(iter(errors.items()))
        super().__init__(message, field=field)
        self.errors = dict(errors)

    def field_errors(self, default_field: str) -> dict[str, str]:
        return dict(self.errors)


def collect_errors(errors: dict[str, str]) -> None:
    """Raise `errors` as one UserError (or FieldErrors for several); nothing when there are none."""
    if len(errors) == 1:
        (field, message), = errors.items()
        raise UserError(message, field=field)
    if errors:
        raise FieldErrors(errors)
