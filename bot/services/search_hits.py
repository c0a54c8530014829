"""What a search found, with who, when and where: the rows behind the search index's document ids.

A document id is the source row's id * 4 + its kind's code (migrations/versions/0010_search_index.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from models.challenge import Challenge, ChallengeDay, JournalEntry
from models.charter import Charter
from models.community import Community
from models.report import Feedback, FeedbackKind, Report


class HitKind(StrEnum):
    REPORT = "report"
    FEEDBACK = "feedback"
    FINDINGS = "findings"
    JOURNAL = "journal"


KINDS = (HitKind.REPORT, HitKind.FEEDBACK, HitKind.FINDINGS, HitKind.JOURNAL)  # by code: doc_id % 4


@dataclass(frozen=True)
class Hit:
    """One thing found: a quoted part of it, who wrote it and when, where it belongs, where it was posted."""

    kind: HitKind
    snippet: str
    author_id: str
    created_at: datetime
    place: str  # the practice group's, charter's or challenge's name
    place_kind: str  # "group", "charter" or "challenge"
    final: bool = False  # a closing report
    feedback: FeedbackKind | None = None
    day: int | None = None  # a journal entry's challenge day
    private: bool = False
    channel_id: str | None = None
    ts: str | None = None
    thread_ts: str | None = None  # the thread's parent, for a reply


Loader = Callable[[Session, str, list[int], tuple[str, ...]], Iterator[tuple[int, Hit]]]


def hydrate(session: Session, team_id: str, doc_ids: list[int], terms: tuple[str, ...]) -> list[Hit]:
    """The hits of `doc_ids`, in their order; a row gone since the index was read is left out."""
    ids: dict[HitKind, list[int]] = {}
    for doc_id in doc_ids:
        ids.setdefault(KINDS[doc_id % 4], []).append(doc_id // 4)
    found = {
        source_id * 4 + KINDS.index(kind): hit
        for kind, source_ids in ids.items()
        for source_id, hit in LOADERS[kind](session, team_id, source_ids, terms)
    }
    return [found[d] for d in doc_ids if d in found]


def _reports(session: Session, team_id: str, ids: list[int], terms: tuple[str, ...]) -> Iterator[tuple[int, Hit]]:
    for r in session.scalars(select(Report).where(Report.team_id == team_id, Report.id.in_(ids))):
        body = "\n".join((r.progress, r.learnings, r.asks))
        yield r.id, Hit(HitKind.REPORT, snippet(body, terms), r.author_id, r.created_at, r.subject_name,
                        r.subject_kind, final=r.final, channel_id=r.channel_id, ts=r.message_ts)


def _feedback(session: Session, team_id: str, ids: list[int], terms: tuple[str, ...]) -> Iterator[tuple[int, Hit]]:
    rows = session.execute(select(Feedback, Report).join(Report, Feedback.report_id == Report.id)
                           .where(Feedback.team_id == team_id, Feedback.id.in_(ids)))
    for f, r in rows:
        yield f.id, Hit(HitKind.FEEDBACK, snippet(f.text, terms), f.user_id, f.created_at, r.subject_name,
                        r.subject_kind, feedback=f.kind, channel_id=r.channel_id, ts=r.message_ts)


def _findings(session: Session, team_id: str, ids: list[int], terms: tuple[str, ...]) -> Iterator[tuple[int, Hit]]:
    community = session.get(Community, team_id)
    channel = community.community_channel_id if community else None  # where findings are posted
    for c in session.scalars(select(Charter).where(Charter.team_id == team_id, Charter.id.in_(ids))):
        body = "\n".join((c.findings or "", c.next_steps or ""))
        yield c.id, Hit(HitKind.FINDINGS, snippet(body, terms), c.closed_by or c.proposer_id,
                        c.closed_at or c.created_at, c.title, "charter", channel_id=channel, ts=c.findings_ts)


def _journal(session: Session, team_id: str, ids: list[int], terms: tuple[str, ...]) -> Iterator[tuple[int, Hit]]:
    day = and_(ChallengeDay.challenge_id == JournalEntry.challenge_id, ChallengeDay.number == JournalEntry.day_number)
    rows = session.execute(
        select(JournalEntry, Challenge.title, ChallengeDay.post_ts)
        .join(Challenge, Challenge.id == JournalEntry.challenge_id).outerjoin(ChallengeDay, day)
        .where(JournalEntry.team_id == team_id, JournalEntry.id.in_(ids))
    )
    for e, title, post_ts in rows:
        reply = e.slack_ts is not None and post_ts is not None and e.slack_ts != post_ts
        yield e.id, Hit(HitKind.JOURNAL, snippet(e.text, terms), e.user_id, e.created_at, title, "challenge",
                        day=e.day_number, private=e.private, channel_id=e.channel_id, ts=e.slack_ts,
                        thread_ts=post_ts if reply else None)


LOADERS: dict[HitKind, Loader] = {
    HitKind.REPORT: _reports, HitKind.FEEDBACK: _feedback, HitKind.FINDINGS: _findings, HitKind.JOURNAL: _journal,
}


def snippet(body: str, terms: tuple[str, ...], *, before: int = 60, length: int = 240) -> str:
    """The part of `body` around the first term found, on one line, cut at spaces, "…" where it was cut."""
    flat = " ".join(body.split())
    starts = [m.start() for t in terms if (m := re.search(rf"(?<![^\W_]){re.escape(t)}", flat, re.IGNORECASE))]
    start = max(0, min(starts, default=0) - before)
    if start:
        start = flat.find(" ", start) + 1 or start
    end = min(len(flat), start + length)
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > start else end
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
