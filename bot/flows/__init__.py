"""Use cases of several steps: a service in one unit of work, then the Slack steps, with the undo on failure.

Listeners and jobs call flows; flows call services (bot/services), the Slack layer (bot/slack) and
builders (bot/views). Nothing below imports a flow.
"""
