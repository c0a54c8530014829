"""Every callback_id, action_id and block_id the bot uses, in one place."""

from __future__ import annotations

from enum import StrEnum


class Command(StrEnum):
    PRACTICE = "/practice"
    CHARTER = "/charter"
    CHALLENGE = "/challenge"


class Action(StrEnum):
    OPEN_SETTINGS = "home.open_settings"


class ViewId(StrEnum):
    """callback_id of each modal."""

    SETTINGS = "settings"


class SettingsField(StrEnum):
    """block_id (and action_id) of each input in the Settings modal."""

    CHANNEL = "settings_channel"
    COORDINATORS = "settings_coordinators"
    TIMEZONE = "settings_timezone"


class ReportAction(StrEnum):
    """Buttons of report-back: open the report form, and the feedback buttons on a posted report."""

    OPEN = "report.open"
    ENDORSE = "report.endorse"
    CRITIQUE = "report.critique"
    REFINE = "report.refine"


class ReportView(StrEnum):
    REPORT = "report"
    FEEDBACK = "report_feedback"


class ReportField(StrEnum):
    """block_id (and action_id) of each input in the report and feedback modals."""

    PROGRESS = "report_progress"
    LEARNINGS = "report_learnings"
    ASKS = "report_asks"
    FEEDBACK = "report_feedback_text"
