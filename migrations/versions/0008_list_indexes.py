"""indexes for public lists, editor lists and search at scale

Revision ID: 0008_list_indexes
Revises: 0007_content_state
Create Date: 2026-11-26 11:00:00

Public lists read (status | category, status) newest first and decide visibility from the
index alone; tag pages and search look visibility up by id; the editor dashboard sorts by
latest change, alone or by status, category or author. On PostgreSQL the search document's
tsvector becomes a stored generated column (kept in the row) with its own GIN index, so
ranking no longer parses every matching text again (adding it rewrites search_documents once).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_list_indexes'
down_revision = '0007_content_state'
branch_labels = None
depends_on = None

NEW_ARTICLE_INDEXES = {
    'ix_articles_visible_newest': ['status', 'published_at', 'id', 'expires_at'],
    'ix_articles_category_newest': ['category_id', 'status', 'published_at', 'id', 'expires_at'],
    'ix_articles_status_expires_at': ['status', 'expires_at'],
    'ix_articles_id_visibility': ['id', 'status', 'published_at', 'expires_at', 'category_id'],
    'ix_articles_updated_at': ['updated_at', 'id'],
    'ix_articles_status_updated_at': ['status', 'updated_at', 'id'],
    'ix_articles_category_updated_at': ['category_id', 'updated_at', 'id'],
    'ix_articles_author_updated_at': ['author_id', 'updated_at', 'id'],
    'ix_articles_author_status_published': ['author_id', 'status', 'published_at'],
}
OLD_ARTICLE_INDEXES = {  # made redundant by the ones above
    'ix_articles_status_published_at': ['status', 'published_at'],
    'ix_articles_category_status_published': ['category_id', 'status', 'published_at'],
    'ix_articles_author_id': ['author_id'],
}
PG_DOCUMENT = "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', content), 'B')"


def upgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        for name, columns in NEW_ARTICLE_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        for name in OLD_ARTICLE_INDEXES:
            batch_op.drop_index(name)
    with op.batch_alter_table('article_tags', schema=None) as batch_op:
        batch_op.create_index('ix_article_tags_tag_id_article_id', ['tag_id', 'article_id'], unique=False)
        batch_op.drop_index('ix_article_tags_tag_id')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP INDEX IF EXISTS ix_search_documents_tsv')
        # In the row, not in TOAST: checking a document against a query is then one page read.
        op.execute(
            f'ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED, '
            'ALTER COLUMN tsv SET STORAGE MAIN'
        )
        op.execute('CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)')
        # The new column has no statistics until the next ANALYZE, and the planner needs them
        # to tell a common word from a rare one; a table rewrite does not wake autovacuum.
        op.execute('ANALYZE search_documents')
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite plans without statistics unless told to gather them: it then believes that
        # "status = 'published'" picks a handful of rows, and sorts a whole table to show 20.
        op.execute('ANALYZE')


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP INDEX IF EXISTS ix_search_documents_tsv')
        op.execute('ALTER TABLE search_documents DROP COLUMN tsv')
        op.execute(
            'CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (('
            "setweight(to_tsvector('simple', search_documents.title), 'A') || "
            "setweight(to_tsvector('simple', search_documents.content), 'B')))"
        )
    with op.batch_alter_table('article_tags', schema=None) as batch_op:
        batch_op.create_index('ix_article_tags_tag_id', ['tag_id'], unique=False)
        batch_op.drop_index('ix_article_tags_tag_id_article_id')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        for name, columns in OLD_ARTICLE_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        for name in NEW_ARTICLE_INDEXES:
            batch_op.drop_index(name)
