"""content generation for the page cache

Revision ID: 0007_content_state
Revises: 0006_most_read_index
Create Date: 2026-11-26 10:00:00

"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0007_content_state'
down_revision = '0006_most_read_index'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'content_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('generation', sa.BigInteger(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_content_state')),
    )
    op.bulk_insert(table, [{'id': 1, 'generation': 1, 'changed_at': datetime.now(UTC).replace(tzinfo=None)}])


def downgrade():
    op.drop_table('content_state')
