"""what an import brought over: old ids and old picture paths

Revision ID: 0010_imported_records
Revises: 0009_throttle_hits
Create Date: 2026-12-05 05:00:00

imported_records maps each imported row of another system (NukeViet: article, category, tag,
account) to the portal row it became, so that an import can resume and run again without
duplicating anything; imported_uploads maps an old uploads/ path to its stored picture, so that
old picture addresses answer 301 with one primary-key lookup.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_imported_records'
down_revision = '0009_throttle_hits'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'imported_records',
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('old_id', sa.BigInteger(), nullable=False),
        sa.Column('new_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('source', 'kind', 'old_id', name=op.f('pk_imported_records')),
    )
    op.create_table(
        'imported_uploads',
        sa.Column('path', sa.String(length=255), nullable=False),
        sa.Column('media_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['media_id'], ['media.id'], name=op.f('fk_imported_uploads_media_id_media'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('path', name=op.f('pk_imported_uploads')),
    )
    op.create_index(op.f('ix_imported_uploads_media_id'), 'imported_uploads', ['media_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_imported_uploads_media_id'), table_name='imported_uploads')
    op.drop_table('imported_uploads')
    op.drop_table('imported_records')
