"""The coordinators' community health: each workspace's participation chart, redrawn at most once a day.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('health_charts',
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('file_id', sa.String(length=32), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('made_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('team_id', name=op.f('pk_health_charts'))
    )


def downgrade() -> None:
    op.drop_table('health_charts')
