"""One endorsement per member per report, held by the database.

`report_feedback.endorser_id` is the member's id on endorsements and NULL on critiques and
refinements, unique with the report: NULLs never clash, so only a second endorsement does.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('report_feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('endorser_id', sa.String(length=32), nullable=True))
    # Existing endorsements: the first of each member on each report keeps the mark.
    op.execute(
        "UPDATE report_feedback SET endorser_id = user_id WHERE kind = 'endorse' AND id IN "
        "(SELECT MIN(id) FROM report_feedback WHERE kind = 'endorse' GROUP BY report_id, user_id)"
    )
    with op.batch_alter_table('report_feedback', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_report_feedback_report_id_endorser_id'),
                                          ['report_id', 'endorser_id'])


def downgrade() -> None:
    with op.batch_alter_table('report_feedback', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_report_feedback_report_id_endorser_id'), type_='unique')
        batch_op.drop_column('endorser_id')
