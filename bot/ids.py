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


class TopicField(StrEnum):
    """block_id (and action_id) of the topic inputs every tagging modal shares (bot/services/topics.py)."""

    CHOSEN = "topics_chosen"  # the workspace's topics, a multi-select
    NEW = "topics_new"  # new topics, comma separated


class ReportField(StrEnum):
    """block_id (and action_id) of each input in the report and feedback modals."""

    PROGRESS = "report_progress"
    LEARNINGS = "report_learnings"
    ASKS = "report_asks"
    FEEDBACK = "report_feedback_text"
    HOURS = "report_hours"  # + ":" + the member's user id, one input a member (bot/services/reports/hours.py)


class ChallengeAction(StrEnum):
    """action_id of the challenge buttons; the value is the challenge id (or the set's name)."""

    JOIN = "challenge.join"
    OPEN_JOURNAL = "challenge.open_journal"
    IMPORT_SET = "challenge.import_set"
    EXPORT_SET = "challenge.export_set"


class ChallengeView(StrEnum):
    """callback_id of the challenge modals."""

    NEW = "challenge_new"
    JOURNAL = "challenge_journal"
    IMPORT_SET = "challenge_import_set"


class ChallengeField(StrEnum):
    """block_id (and action_id) of each input in the new-challenge modal."""

    TITLE = "challenge_title"
    DESCRIPTION = "challenge_description"
    CHANNEL = "challenge_channel"
    START_DATE = "challenge_start_date"
    DAYS = "challenge_days"
    POST_TIME = "challenge_post_time"
    TIMEZONE = "challenge_timezone"
    SKIP_WEEKENDS = "challenge_skip_weekends"
    TEMPLATE = "challenge_template"
    ACTIVITIES = "challenge_activities"
    PARTNERS = "challenge_partners"
    NUDGE_DELAY = "challenge_nudge_delay"
    MEETUP_DATE = "challenge_meetup_date"


class JournalField(StrEnum):
    TEXT = "journal_text"
    PRIVATE = "journal_private"


class TemplateField(StrEnum):
    """The import modal's boxes: a Slack text input holds 3,000 characters, so a long set continues in the next."""

    YAML = "template_yaml"
    YAML_2 = "template_yaml_2"
    YAML_3 = "template_yaml_3"
    YAML_4 = "template_yaml_4"
    YAML_5 = "template_yaml_5"


class GroupAction(StrEnum):
    """Buttons of practice groups (proposal messages, coordinators' DMs, /practice list, App Home)."""

    JOIN = "group.join"
    ENDORSE = "group.endorse"
    ENDORSE_AS_COORDINATOR = "group.endorse_as_coordinator"


class GroupView(StrEnum):
    PROPOSE = "group_propose"


class GroupField(StrEnum):
    """block_id (and action_id) of each input in the proposal modal."""

    NAME = "group_name"
    REASON = "group_reason"
    FOCUS = "group_focus"
    ACTIVITIES = "group_activities"
    CADENCE = "group_cadence"
    MEMBERS = "group_members"
    CHANNEL = "group_channel"


class CharterAction(StrEnum):
    """action_id of each charter button; the value is the charter's id."""

    SUBMIT = "charter.submit"
    EDIT = "charter.edit"
    ENDORSE = "charter.endorse"
    VOLUNTEER = "charter.volunteer"
    APPROVE = "charter.approve"
    REQUEST_CHANGES = "charter.request_changes"
    START = "charter.start"


class CharterView(StrEnum):
    """callback_id of each charter modal; private_metadata carries the charter's id."""

    FORM = "charter_form"
    CHANGES = "charter_changes"
    FINDINGS = "charter_findings"


class CharterField(StrEnum):
    """block_id (and action_id) of each input in the charter modals."""

    TITLE = "charter_title"
    GROUP = "charter_group"
    GOAL = "charter_goal"
    SCOPE_IN = "charter_scope_in"
    SCOPE_OUT = "charter_scope_out"
    DELIVERABLE = "charter_deliverable"
    ORIGIN = "charter_origin"
    MEMBERS = "charter_members"
    SEATS = "charter_seats"
    HOURS = "charter_hours"
    WEEKS = "charter_weeks"
    BUDGET = "charter_budget"
    CURRENCY = "charter_currency"
    LEARNING_SPONSOR = "charter_learning_sponsor"
    FUNDING_SPONSOR = "charter_funding_sponsor"
    CADENCE = "charter_cadence"
    CHANNEL = "charter_channel"
    VARIATION = "charter_variation"
    CASE_STUDY_NAME = "charter_case_study_name"
    CASE_STUDY_LINK = "charter_case_study_link"
    PRO_BONO_FOR = "charter_pro_bono_for"
    REASON = "charter_reason"
    FINDINGS = "charter_findings"
    FINDINGS_LINK = "charter_findings_link"
    NEXT_STEPS = "charter_next_steps"


class CalendarAction(StrEnum):
    """App Home's *Add to calendar* buttons; the value names the date ("challenge:ID", "group:ID", "charter:ID")."""

    ADD = "calendar.add"


class DataAction(StrEnum):
    """A member's own data: the App Home button that sends them all of it."""

    EXPORT = "data.export"


class DataView(StrEnum):
    """callback_id of the confirmations of `/practice data delete @MEMBER` and `/practice data delete-workspace`."""

    DELETE_MEMBER = "data_delete_member"
    DELETE_WORKSPACE = "data_delete_workspace"


class DataField(StrEnum):
    CONFIRM = "data_confirm"  # the workspace's name (or DELETE), typed to confirm


class SearchAction(StrEnum):
    """The search box on App Home: an input that searches when the member presses Enter."""

    QUERY = "search.query"


class SearchView(StrEnum):
    """callback_id of the search results modal, whose box searches again."""

    RESULTS = "search_results"


class SearchField(StrEnum):
    QUERY = "search_query"
