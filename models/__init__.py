"""SQLAlchemy models; importing this package registers every table on Base.metadata."""

from models.base import Base, DueWork
from models.challenge import ActivitySet, Challenge, ChallengeDay, ChallengeInvitation, JournalEntry, Participant
from models.charter import Charter, CharterEndorsement, CharterMember
from models.community import Community, CoordinatorCopy
from models.group import GroupEndorsement, GroupMember, PracticeGroup
from models.health import HealthChart
from models.pacing import RateBucket
from models.problem import SlackProblem
from models.report import Digest, Feedback, Report, ReportHours, ReportReminder
from models.social import ChallengeMilestone, MemberPrefs, Nudge, PartnerGroup, PartnerMember, SocialMessage, TimeAway
from models.topic import Topic, TopicLink

__all__ = [
    "ActivitySet", "Base", "Challenge", "ChallengeDay", "ChallengeInvitation", "Charter", "CharterEndorsement",
    "CharterMember", "Community", "CoordinatorCopy",
    "Digest", "DueWork", "Feedback", "GroupEndorsement", "GroupMember", "JournalEntry", "Participant", "PracticeGroup",
    "Report", "ReportHours", "ReportReminder", "SlackProblem", "Topic", "TopicLink",
    "ChallengeMilestone", "MemberPrefs", "Nudge", "PartnerGroup", "PartnerMember", "SocialMessage", "TimeAway",
    "HealthChart", "RateBucket",
]
