"""Block Kit for 30-day challenges: modals, channel posts, answers, DMs and App Home, one module a concern."""
