"""SQLAlchemy models; importing this package registers every table on Base.metadata."""

from models.base import Base, DueWork
from models.challenge import ActivitySet, Challenge, ChallengeDay, ChallengeInvitation, JournalEntry, Participant
from models.charter import Charter, CharterEndorsement, CharterMember
from models.community import Community, CoordinatorCopy
from models.group import GroupEndorsement, GroupMember, PracticeGroup
from models.report import Digest, Feedback, Report, ReportReminder
from models.social import ChallengeMilestone, MemberPrefs, Nudge, PartnerGroup, PartnerMember, SocialMessage, TimeAway

__all__ = [
    "ActivitySet", "Base", "Challenge", "ChallengeDay", "ChallengeInvitation", "Charter", "CharterEndorsement",
    "CharterMember", "Community", "CoordinatorCopy",
    "Digest", "DueWork", "Feedback", "GroupEndorsement", "GroupMember", "JournalEntry", "Participant", "PracticeGroup",
    "Report", "ReportReminder",
    "ChallengeMilestone", "MemberPrefs", "Nudge", "PartnerGroup", "PartnerMember", "SocialMessage", "TimeAway",
]
