"""30-day challenges: creating and finding them, daily posts, journals, partners, nudges and the wrap-up."""
