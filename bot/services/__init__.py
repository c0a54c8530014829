"""Domain logic: plain functions that take a session first and return data. No Slack imports."""
