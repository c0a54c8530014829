"""SQLAlchemy models; importing this package registers every table on Base.metadata."""

from models.base import Base, DueWork
from models.community import Community
from models.report import Digest, Feedback, Report, ReportReminder

__all__ = ["Base", "Community", "Digest", "DueWork", "Feedback", "Report", "ReportReminder"]
