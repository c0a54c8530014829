"""Uninstalled workspaces: their scheduled work waits until the app is installed again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 13:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('communities') as batch_op:
        batch_op.add_column(sa.Column('uninstalled_at', models.base.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('communities') as batch_op:
        batch_op.drop_column('uninstalled_at')
