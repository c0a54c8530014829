"""Report-back use cases for any subject (practice group, charter)."""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk import WebClient

from bot.deps import Deps
from bot.flows import charters, groups
from bot.services.reports import SubjectInfo
from models import Charter
from models.group import PracticeGroup

# Each kind of subject keeps its proposal message current; a report moves its next due date on.
REFRESH_PROPOSAL: dict[str, Callable[[Deps, WebClient, str, int], None]] = {
    PracticeGroup.subject_kind: groups.refresh_proposal_of,
    Charter.subject_kind: charters.refresh_proposal_of,
}


def refresh_subject(deps: Deps, client: WebClient, subject: SubjectInfo) -> None:
    """After a report: the subject's proposal (if its kind has one) shows its new status and next due date."""
    if refresh := REFRESH_PROPOSAL.get(subject.kind):
        refresh(deps, client, subject.team_id, subject.id)
