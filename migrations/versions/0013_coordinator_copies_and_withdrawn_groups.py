"""Coordinators' DM copies of proposals, kept to update each when anyone acts; practice groups withdrawn.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 14:00:01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('coordinator_copies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('subject_kind', sa.String(length=16), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('channel_id', sa.String(length=32), nullable=False),
    sa.Column('ts', sa.String(length=32), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordinator_copies')),
    sa.UniqueConstraint('channel_id', 'ts', name=op.f('uq_coordinator_copies_channel_id_ts'))
    )
    with op.batch_alter_table('coordinator_copies', schema=None) as batch_op:
        batch_op.create_index('ix_coordinator_copies_subject', ['subject_kind', 'subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coordinator_copies_team_id'), ['team_id'], unique=False)

    with op.batch_alter_table('practice_groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('practice_groups', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_by')
        batch_op.drop_column('withdrawn_at')

    with op.batch_alter_table('coordinator_copies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coordinator_copies_team_id'))
        batch_op.drop_index('ix_coordinator_copies_subject')

    op.drop_table('coordinator_copies')
