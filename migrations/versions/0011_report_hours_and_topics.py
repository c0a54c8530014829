"""A charter's ledger (hours each member gave, per report) and topics that link things.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics')),
    sa.UniqueConstraint('team_id', 'key', name=op.f('uq_topics_team_id_key'))
    )
    op.create_table('report_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('subject_kind', sa.String(length=16), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_hours_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_hours')),
    sa.UniqueConstraint('report_id', 'user_id', name=op.f('uq_report_hours_report_id_user_id'))
    )
    with op.batch_alter_table('report_hours', schema=None) as batch_op:
        batch_op.create_index('ix_report_hours_subject', ['subject_kind', 'subject_id'], unique=False)

    op.create_table('topic_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_topic_links_topic_id_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic_links')),
    sa.UniqueConstraint('topic_id', 'kind', 'subject_id', name=op.f('uq_topic_links_topic_id_kind_subject_id'))
    )
    with op.batch_alter_table('topic_links', schema=None) as batch_op:
        batch_op.create_index('ix_topic_links_subject', ['kind', 'subject_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('topic_links', schema=None) as batch_op:
        batch_op.drop_index('ix_topic_links_subject')

    op.drop_table('topic_links')
    with op.batch_alter_table('report_hours', schema=None) as batch_op:
        batch_op.drop_index('ix_report_hours_subject')

    op.drop_table('report_hours')
    op.drop_table('topics')
