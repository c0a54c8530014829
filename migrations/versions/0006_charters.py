"""Charters of practice development projects, their teams and endorsements.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('charters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('proposer_id', sa.String(length=32), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('goal', sa.Text(), nullable=False),
    sa.Column('scope_in', sa.Text(), nullable=False),
    sa.Column('scope_out', sa.Text(), nullable=False),
    sa.Column('deliverable', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('seats_needed', sa.Integer(), nullable=False),
    sa.Column('hours_per_week', sa.Integer(), nullable=False),
    sa.Column('weeks', sa.Integer(), nullable=False),
    sa.Column('budget_amount', sa.Integer(), nullable=True),
    sa.Column('budget_currency', sa.String(length=3), nullable=True),
    sa.Column('learning_sponsor_id', sa.String(length=32), nullable=False),
    sa.Column('funding_sponsor_id', sa.String(length=32), nullable=True),
    sa.Column('cadence', sa.String(length=16), nullable=False),
    sa.Column('next_report_due', sa.Date(), nullable=True),
    sa.Column('report_channel_id', sa.String(length=32), nullable=True),
    sa.Column('variation', sa.String(length=16), nullable=False),
    sa.Column('case_study_name', sa.String(length=150), nullable=True),
    sa.Column('case_study_link', sa.String(length=500), nullable=True),
    sa.Column('pro_bono_for', sa.String(length=150), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('form_view_id', sa.String(length=64), nullable=True),
    sa.Column('submitted_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('changes_requested', sa.Text(), nullable=True),
    sa.Column('changes_requested_by', sa.String(length=32), nullable=True),
    sa.Column('approved_by', sa.String(length=32), nullable=True),
    sa.Column('approved_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('started_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=32), nullable=True),
    sa.Column('proposal_channel_id', sa.String(length=32), nullable=True),
    sa.Column('proposal_ts', sa.String(length=32), nullable=True),
    sa.Column('findings', sa.Text(), nullable=True),
    sa.Column('findings_link', sa.String(length=500), nullable=True),
    sa.Column('next_steps', sa.Text(), nullable=True),
    sa.Column('findings_ts', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['practice_groups.id'], name=op.f('fk_charters_group_id_practice_groups'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_charters')),
    sa.UniqueConstraint('form_view_id', name=op.f('uq_charters_form_view_id'))
    )
    with op.batch_alter_table('charters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_charters_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_charters_team_id'), ['team_id'], unique=False)

    op.create_table('charter_endorsements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('charter_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('endorsed_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['charter_id'], ['charters.id'], name=op.f('fk_charter_endorsements_charter_id_charters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_charter_endorsements')),
    sa.UniqueConstraint('charter_id', 'user_id', name=op.f('uq_charter_endorsements_charter_id_user_id'))
    )
    with op.batch_alter_table('charter_endorsements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_charter_endorsements_charter_id'), ['charter_id'], unique=False)

    op.create_table('charter_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('charter_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('joined_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['charter_id'], ['charters.id'], name=op.f('fk_charter_members_charter_id_charters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_charter_members')),
    sa.UniqueConstraint('charter_id', 'user_id', name=op.f('uq_charter_members_charter_id_user_id'))
    )
    with op.batch_alter_table('charter_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_charter_members_charter_id'), ['charter_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('charter_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_charter_members_charter_id'))

    op.drop_table('charter_members')
    with op.batch_alter_table('charter_endorsements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_charter_endorsements_charter_id'))

    op.drop_table('charter_endorsements')
    with op.batch_alter_table('charters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_charters_team_id'))
        batch_op.drop_index(batch_op.f('ix_charters_group_id'))

    op.drop_table('charters')
