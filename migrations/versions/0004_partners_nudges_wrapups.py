"""Accountability partners, member preferences and time away, nudges, the wrap-up and meetup reminder.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('member_prefs',
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('timezone_checked_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('nudges_off', sa.Boolean(), nullable=False),
    sa.Column('gone_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('team_id', 'user_id', name=op.f('pk_member_prefs'))
    )
    op.create_table('time_away',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_away'))
    )
    with op.batch_alter_table('time_away', schema=None) as batch_op:
        batch_op.create_index('ix_time_away_team_user', ['team_id', 'user_id'], unique=False)

    op.create_table('challenge_milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('message_ts', sa.String(length=32), nullable=True),
    sa.Column('chart_file_id', sa.String(length=32), nullable=True),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.Column('due_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=80), nullable=True),
    sa.Column('lease_expires_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('done_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('error', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_challenge_milestones_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_milestones')),
    sa.UniqueConstraint('challenge_id', 'kind', name=op.f('uq_challenge_milestones_challenge_id_kind'))
    )
    with op.batch_alter_table('challenge_milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_milestones_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_milestones_due_at'), ['due_at'], unique=False)

    op.create_table('nudges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('day_number', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('sent_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('due_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=80), nullable=True),
    sa.Column('lease_expires_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('done_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('error', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_nudges_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nudges')),
    sa.UniqueConstraint('challenge_id', 'user_id', 'day_number', name=op.f('uq_nudges_challenge_id_user_id_day_number'))
    )
    with op.batch_alter_table('nudges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nudges_due_at'), ['due_at'], unique=False)

    op.create_table('partner_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_partner_groups_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_groups'))
    )
    with op.batch_alter_table('partner_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_groups_challenge_id'), ['challenge_id'], unique=False)

    op.create_table('social_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=160), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('user_ids', sa.JSON(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('due_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=80), nullable=True),
    sa.Column('lease_expires_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('done_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('error', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_social_messages_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_messages')),
    sa.UniqueConstraint('key', name=op.f('uq_social_messages_key'))
    )
    with op.batch_alter_table('social_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_messages_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_messages_due_at'), ['due_at'], unique=False)

    op.create_table('partner_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('added_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('removed_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_partner_members_challenge_id_challenges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['partner_groups.id'], name=op.f('fk_partner_members_group_id_partner_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_members'))
    )
    with op.batch_alter_table('partner_members', schema=None) as batch_op:
        batch_op.create_index('ix_partner_members_challenge_user', ['challenge_id', 'user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_members_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_members_team_id'), ['team_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('partner_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_members_team_id'))
        batch_op.drop_index(batch_op.f('ix_partner_members_group_id'))
        batch_op.drop_index('ix_partner_members_challenge_user')

    op.drop_table('partner_members')
    with op.batch_alter_table('social_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_messages_due_at'))
        batch_op.drop_index(batch_op.f('ix_social_messages_challenge_id'))

    op.drop_table('social_messages')
    with op.batch_alter_table('partner_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_groups_challenge_id'))

    op.drop_table('partner_groups')
    with op.batch_alter_table('nudges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nudges_due_at'))

    op.drop_table('nudges')
    with op.batch_alter_table('challenge_milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_milestones_due_at'))
        batch_op.drop_index(batch_op.f('ix_challenge_milestones_challenge_id'))

    op.drop_table('challenge_milestones')
    with op.batch_alter_table('time_away', schema=None) as batch_op:
        batch_op.drop_index('ix_time_away_team_user')

    op.drop_table('time_away')
    op.drop_table('member_prefs')
