"""Calendar files: sent to a member from App Home, attached to the wrap-up and the meetup reminder."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.services.calendar import CalendarItem, calendar_item, meetup_item
from bot.slack.messaging import permalink, upload_to_dm, upload_to_thread
from bot.views.calendar import calendar_file, not_sent_text, sent_text
from models import Challenge


def send_to_member(deps: Deps, client: WebClient, team_id: str, user_id: str, value: str) -> str:
    """DM the member the .ics of the date `value` names, and say so; a UserError when it is not theirs."""
    with deps.sessions() as session:
        item = calendar_item(session, team_id, user_id, value, now=deps.clock())
    ics = calendar_file(item, link=_link(client, item), now=deps.clock())
    try:
        upload_to_dm(client, user_id, filename=ics.filename, title=ics.title, comment=ics.comment, file=ics.content)
    except SlackApiError:
        return not_sent_text()
    return sent_text(item)


def meetup_attachment(deps: Deps, client: WebClient, challenge: Challenge, ts: str) -> list[tuple[str, str, bytes]]:
    """The meetup's .ics, linking to the wrap-up `ts`, as a file to share beside its chart; none without a meetup."""
    item = meetup_item(challenge, ts=ts)
    if item is None:
        return []
    ics = calendar_file(item, link=_link(client, item), now=deps.clock())
    return [(ics.filename, ics.title, ics.content)]


def attach_meetup(deps: Deps, client: WebClient, challenge: Challenge, thread_ts: str) -> None:
    """The meetup's .ics in the thread of the meetup reminder `thread_ts`."""
    item = meetup_item(challenge, ts=thread_ts)
    if item is None:
        return
    ics = calendar_file(item, link=_link(client, item), now=deps.clock())
    upload_to_thread(client, challenge.channel_id, thread_ts, file=ics.content, filename=ics.filename,
                     title=ics.title, comment=ics.comment, alt_text=ics.title)


def _link(client: WebClient, item: CalendarItem) -> str | None:
    return permalink(client, item.channel_id, item.ts) if item.channel_id else None
