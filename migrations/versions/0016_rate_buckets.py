"""Slack's rate limits shared by replicas: a bucket per workspace and limited method or channel.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'rate_buckets',
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('bucket', sa.String(length=120), nullable=False),
        sa.Column('next_at', sa.Float(), nullable=False),
        sa.Column('held_until', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('team_id', 'bucket', name=op.f('pk_rate_buckets')),
    )


def downgrade() -> None:
    op.drop_table('rate_buckets')
