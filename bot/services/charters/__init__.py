"""Charters of practice development projects: validation, the lifecycle and who may move it.

draft → proposed → chartered → active → completed, or cancelled on the way. The proposer (the
charter's lead) edits and submits; members endorse and volunteer; coordinators approve or
request changes (back to draft, with a reason); the leads start it and bring back the findings.

form.py checks the charter form, lookup.py finds charters and says who may act on them,
drafts.py creates, edits and submits drafts, lifecycle.py moves a submitted charter on, and
digest.py gives its lines of the weekly digest.
"""
