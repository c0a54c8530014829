"""The one Slack layer: clients, people, channels and messaging, for listeners, flows and jobs alike.

Nothing here reads the database; flows combine it with services.
"""
