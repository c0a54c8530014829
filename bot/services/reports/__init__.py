"""Report-back machinery, one for every kind of subject: reports, feedback, reminders and digest lines.

A *subject* is what reports back to the community: a practice group, a charter. To plug a new
kind in, decorate its model with `@report_subject("kind")` (models/report.py) and give it:

    id: int, team_id: str, name: str         columns
    report_cadence: str                      a models.report.Cadence value
    next_report_due: date | None             column; this module moves it when a report is posted
    channel_id: str | None                   the subject's own channel (its "place"), if any
    noun: ClassVar[str]                      "practice group", "charter"
    report_command: property -> str          how a member reports, e.g. "/practice report Data Viz"
    lead_ids, member_ids: property -> list   Slack user ids (leads are members too)
    accepts_reports: property -> bool        open for reports now (e.g. active, not archived)
    status_label: property -> str            its status in words: "proposed", "active", "archived"
    closed_by_final_report(now): method      what a final (closing) report does to it
    keeps_hours: ClassVar[bool] (optional)   its report form asks the hours each member gave (hours.py)

Then `reminders.schedule_reminders(session, subject)` when it first gets a due date (e.g. when it
becomes active). Everything else is generic and keyed by (subject_kind, subject_id):

- `/…report` → `bot/flows/reports.py: open_report_modal(...)` (also the Report buttons of
  reminders and App Home, action `ReportAction.OPEN` with `subject_value(subject)`);
- on submit: `reports.create_report` stores it and moves `next_report_due` on by the cadence, then the
  report is posted with Endorse / Critique / Suggest a refinement; feedback is stored, replied in
  the report's thread and counted on the report message;
- reminders (ReportReminder due rows, bot/jobs/reports.py): a heads-up DM to the leads two days
  before the due date, a prompt in the subject's channel (else a DM to each member) on the day,
  an overdue DM to the leads three days after; a reminder whose due date has moved is dropped;
- the weekly digest (bot/services/digest.py) lists reports with their feedback counts and every
  overdue subject; a domain adds its own lines with a section function there.

subjects.py names and finds subjects, reminders.py keeps their due dates and reminders,
reports.py stores reports, feedback.py the feedback on them, hours.py the hours members gave.
"""
