"""search documents keep their words as written, so typed diacritics can rank first

Revision ID: 0011_search_words
Revises: 0010_imported_records
Create Date: 2026-12-06 09:00:00

search_documents.words holds each article's distinct words, lowercase NFC with their
diacritics, between single spaces (" lễ hội đình làng "). A query typed with diacritics ranks
the documents holding its words exactly above those that match only folded (issue 16, item 5).
The upgrade fills the column for every article already indexed, in batches, with the rule of
portal/content/search.py at the time of writing (copied here so that later changes to that
module do not change what this revision does); `flask --app wsgi reindex` rebuilds it all.
"""
import html
import re
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_search_words'
down_revision = '0010_imported_records'
branch_labels = None
depends_on = None

BATCH = 1000
_TAG = re.compile(r"<[^<>]*>")
_WORD = re.compile(r"\w+", re.UNICODE)

articles = sa.table(
    'articles', sa.column('id', sa.Integer), sa.column('title', sa.Text), sa.column('lead', sa.Text),
    sa.column('body_html', sa.Text),
)
tags = sa.table('tags', sa.column('id', sa.Integer), sa.column('name', sa.Text))
article_tags = sa.table('article_tags', sa.column('article_id', sa.Integer), sa.column('tag_id', sa.Integer))
documents = sa.table('search_documents', sa.column('article_id', sa.Integer), sa.column('words', sa.Text))


def words_of(title, lead, body_html, tag_names):
    """The distinct words of an article as written, between spaces."""
    body = html.unescape(_TAG.sub(" ", body_html or ""))
    text = unicodedata.normalize("NFC", f"{title or ''} {lead or ''} {body} {' '.join(tag_names)}".lower())
    return " " + " ".join(dict.fromkeys(_WORD.findall(text))) + " "


def fill(connection):
    """Compute words for every indexed article, BATCH at a time, by id."""
    last_id = 0
    while True:
        stmt = (
            sa.select(articles.c.id, articles.c.title, articles.c.lead, articles.c.body_html)
            .join(documents, documents.c.article_id == articles.c.id)
            .where(articles.c.id > last_id).order_by(articles.c.id).limit(BATCH)
        )
        rows = connection.execute(stmt).all()
        if not rows:
            return
        names = {}
        tag_rows = connection.execute(
            sa.select(article_tags.c.article_id, tags.c.name).join(tags, tags.c.id == article_tags.c.tag_id)
            .where(article_tags.c.article_id.in_([row.id for row in rows]))
        )
        for article_id, name in tag_rows:
            names.setdefault(article_id, []).append(name)
        update = documents.update().where(documents.c.article_id == sa.bindparam('id')).values(words=sa.bindparam('w'))
        connection.execute(
            update, [{'id': row.id, 'w': words_of(row.title, row.lead, row.body_html, names.get(row.id, []))} for row in rows]
        )
        last_id = rows[-1].id


def upgrade():
    bind = op.get_bind()
    if 'words' not in {column['name'] for column in sa.inspect(bind).get_columns('search_documents')}:
        with op.batch_alter_table('search_documents') as batch_op:
            batch_op.add_column(sa.Column('words', sa.Text(), server_default='', nullable=False))
    if bind.dialect.name == 'sqlite':
        fill(bind)
        return
    # PostgreSQL: commit the new column at once (a quick change of the catalogue), then fill it
    # one committed batch at a time, so that searches and saves wait for one batch at most, not
    # for the whole table. An interrupted upgrade is simply run again.
    with op.get_context().autocommit_block():
        fill(bind)


def downgrade():
    with op.batch_alter_table('search_documents') as batch_op:
        batch_op.drop_column('words')
