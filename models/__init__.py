"""SQLAlchemy models; importing this package registers every table on Base.metadata."""

from models.base import Base, DueWork
from models.community import Community

__all__ = ["Base", "Community", "DueWork"]
