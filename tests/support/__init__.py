"""Test support: a fake Slack Web API over HTTP, signed requests, and the running app."""
