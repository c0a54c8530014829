"""A form submitted again is recognised by its Slack view id within its own workspace.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 14:50:00
"""

from __future__ import annotations

from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

# table → the view id column
VIEW_IDS = {'charters': 'form_view_id', 'practice_groups': 'view_id', 'reports': 'view_id',
            'report_feedback': 'view_id'}


def upgrade() -> None:
    for table, column in VIEW_IDS.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f'uq_{table}_{column}'), type_='unique')
            batch_op.create_unique_constraint(op.f(f'uq_{table}_team_id_{column}'), ['team_id', column])


def downgrade() -> None:
    for table, column in VIEW_IDS.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f'uq_{table}_team_id_{column}'), type_='unique')
            batch_op.create_unique_constraint(op.f(f'uq_{table}_{column}'), [column])
