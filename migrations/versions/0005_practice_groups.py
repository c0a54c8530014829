"""Practice groups, their members and their endorsements.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('practice_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('name_key', sa.String(length=80), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('focus', sa.Text(), nullable=False),
    sa.Column('activities', sa.Text(), nullable=False),
    sa.Column('report_cadence', sa.String(length=16), nullable=False),
    sa.Column('channel_id', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('proposer_id', sa.String(length=32), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('activated_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('archived_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_report_due', sa.Date(), nullable=True),
    sa.Column('proposal_channel_id', sa.String(length=32), nullable=True),
    sa.Column('proposal_ts', sa.String(length=32), nullable=True),
    sa.Column('view_id', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_groups')),
    sa.UniqueConstraint('team_id', 'name_key', name=op.f('uq_practice_groups_team_id_name_key')),
    sa.UniqueConstraint('view_id', name=op.f('uq_practice_groups_view_id'))
    )
    op.create_table('practice_group_endorsements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('as_coordinator', sa.Boolean(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['practice_groups.id'], name=op.f('fk_practice_group_endorsements_group_id_practice_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_group_endorsements')),
    sa.UniqueConstraint('group_id', 'user_id', name=op.f('uq_practice_group_endorsements_group_id_user_id'))
    )
    op.create_table('practice_group_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('joined_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['practice_groups.id'], name=op.f('fk_practice_group_members_group_id_practice_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_group_members')),
    sa.UniqueConstraint('group_id', 'user_id', name=op.f('uq_practice_group_members_group_id_user_id'))
    )


def downgrade() -> None:
    op.drop_table('practice_group_members')
    op.drop_table('practice_group_endorsements')
    op.drop_table('practice_groups')
