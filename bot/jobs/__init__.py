"""Scheduled work: periodic jobs that find due rows in the database, claim them and send."""
