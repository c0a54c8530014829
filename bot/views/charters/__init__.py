"""Charters in Block Kit: summary.py says what a charter is at a glance, messages.py posts and DMs it,
modals.py holds its forms (and what each carries in private_metadata), lists.py lists it and fills App Home."""
