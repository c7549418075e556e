"""sign-in throttling in the database; repeated audit refusals share a row

Revision ID: 0009_throttle_hits
Revises: 0008_list_indexes
Create Date: 2026-12-05 01:00:00

Failed sign-ins are counted in throttle_hits, shared by every worker and machine (the
in-process counters let each worker count on its own). audit_log.count lets repeated
refusals from one address within a minute (CSRF failures, throttled sign-ins) share a row.
"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0009_throttle_hits'
down_revision = '0008_list_indexes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'throttle_hits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_throttle_hits')),
    )
    op.create_index('ix_throttle_hits_key_at', 'throttle_hits', ['key', 'at'], unique=False)
    op.create_index(op.f('ix_throttle_hits_at'), 'throttle_hits', ['at'], unique=False)
    with op.batch_alter_table('audit_log') as batch_op:
        batch_op.add_column(sa.Column('count', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('audit_log') as batch_op:
        batch_op.drop_column('count')
    op.drop_index(op.f('ix_throttle_hits_at'), table_name='throttle_hits')
    op.drop_index('ix_throttle_hits_key_at', table_name='throttle_hits')
    op.drop_table('throttle_hits')
