"""30-day challenges: challenges, their days (due rows), participants, journal entries, activity sets.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('activity_sets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('activities', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.String(length=32), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_sets')),
    sa.UniqueConstraint('team_id', 'key', name=op.f('uq_activity_sets_team_id_key'))
    )
    op.create_table('challenges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('channel_id', sa.String(length=32), nullable=False),
    sa.Column('creator_id', sa.String(length=32), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('post_time', sa.Time(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('skip_weekends', sa.Boolean(), nullable=False),
    sa.Column('partners', sa.Boolean(), nullable=False),
    sa.Column('nudge_delay_hours', sa.Integer(), nullable=True),
    sa.Column('meetup_date', sa.Date(), nullable=True),
    sa.Column('activities', sa.JSON(), nullable=False),
    sa.Column('template_name', sa.String(length=60), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('announcement_ts', sa.String(length=32), nullable=True),
    sa.Column('stopped_reason', sa.String(length=200), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenges'))
    )
    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenges_channel_id'), ['channel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenges_team_id'), ['team_id'], unique=False)

    op.create_table('challenge_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('post_ts', sa.String(length=32), nullable=True),
    sa.Column('missed', sa.Boolean(), nullable=False),
    sa.Column('due_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=80), nullable=True),
    sa.Column('lease_expires_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('done_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('error', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_challenge_days_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_days')),
    sa.UniqueConstraint('challenge_id', 'number', name=op.f('uq_challenge_days_challenge_id_number'))
    )
    with op.batch_alter_table('challenge_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_days_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_days_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_days_post_ts'), ['post_ts'], unique=False)

    op.create_table('challenge_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('joined_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('left_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_challenge_participants_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_participants')),
    sa.UniqueConstraint('challenge_id', 'user_id', name=op.f('uq_challenge_participants_challenge_id_user_id'))
    )
    with op.batch_alter_table('challenge_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_participants_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_participants_user_id'), ['user_id'], unique=False)

    op.create_table('journal_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('day_number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('private', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('channel_id', sa.String(length=32), nullable=True),
    sa.Column('slack_ts', sa.String(length=32), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_journal_entries_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_entries')),
    sa.UniqueConstraint('channel_id', 'slack_ts', name=op.f('uq_journal_entries_channel_id_slack_ts'))
    )
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.create_index('ix_journal_entries_challenge_user', ['challenge_id', 'user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_journal_entries_challenge_user')

    op.drop_table('journal_entries')
    with op.batch_alter_table('challenge_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_participants_user_id'))
        batch_op.drop_index(batch_op.f('ix_challenge_participants_challenge_id'))

    op.drop_table('challenge_participants')
    with op.batch_alter_table('challenge_days', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_days_post_ts'))
        batch_op.drop_index(batch_op.f('ix_challenge_days_due_at'))
        batch_op.drop_index(batch_op.f('ix_challenge_days_challenge_id'))

    op.drop_table('challenge_days')
    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenges_team_id'))
        batch_op.drop_index(batch_op.f('ix_challenges_channel_id'))

    op.drop_table('challenges')
    op.drop_table('activity_sets')
