"""CoP Bot: a Slack bot for communities of practice."""
