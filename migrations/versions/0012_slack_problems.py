"""Slack problems told once: a lost channel or a missing permission, and each member told.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'slack_problems',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('place', sa.String(length=80), nullable=False),
        sa.Column('error', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.String(length=32), nullable=False),
        sa.Column('told_at', models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_slack_problems')),
        sa.UniqueConstraint('team_id', 'place', 'error', 'user_id',
                            name=op.f('uq_slack_problems_team_id_place_error_user_id')),
    )


def downgrade() -> None:
    op.drop_table('slack_problems')
