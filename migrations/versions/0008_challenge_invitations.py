"""Challenge invitations: a non-participant replying in a day's thread is invited once per challenge.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 18:17:21.234169
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('challenge_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('invited_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_challenge_invitations_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_invitations')),
    sa.UniqueConstraint('challenge_id', 'user_id', name=op.f('uq_challenge_invitations_challenge_id_user_id'))
    )


def downgrade() -> None:
    op.drop_table('challenge_invitations')
