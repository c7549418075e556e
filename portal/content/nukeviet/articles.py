"""Old articles as portal articles: same ids, sanitized bodies with their pictures, authors, tags."""

import html
from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa

from portal.content.nukeviet.mapping import article_status, expiry, moment, plain
from portal.content.nukeviet.pictures import Pictures, lead_image_path
from portal.content.nukeviet.source import Source
from portal.content.revisions import snapshot
from portal.content.sanitize import TooComplexError, clean_html
from portal.content.search import index_article
from portal.content.slugs import slugify
from portal.extensions import db
from portal.models import Article, Tag

IMPORT_NOTE = "Nhập từ NukeViet"
MAX_LEAD = 2000


class ArticleBuilder:
    """Turns batches of old article ids into flushed Article rows (with revision and search entry)."""

    def __init__(
        self,
        source: Source,
        maps: dict[str, dict[int, int]],
        pictures: Pictures,
        upload_folder: str,
        report,
        now: datetime,
    ) -> None:
        self.now = now
        self.source, self.maps, self.pictures, self.upload_folder, self.report = (
            source,
            maps,
            pictures,
            upload_folder,
            report,
        )
        self.slugs: set[tuple[int, str]] = {
            (c, s) for c, s in db.session.execute(sa.select(Article.category_id, Article.slug))
        }
        with source.engine.connect() as connection:
            self.source_names = self._source_names(connection)
            self.featured = self._featured(connection)

    def _source_names(self, connection: sa.Connection) -> dict[int, str]:
        if not self.source.has(self.source.sources):
            return {}
        sources = self.source.sources
        return {row.sourceid: plain(row.title, 300) for row in connection.execute(sa.select(sources))}

    def _featured(self, connection: sa.Connection) -> set[int]:
        """Articles in a NukeViet block group ("Tin tiêu điểm" and the like) or a category's featured one."""
        ids = set(connection.scalars(sa.select(self.source.cat.c.featured).where(self.source.cat.c.featured > 0)))
        if self.source.has(self.source.block):
            ids.update(connection.scalars(sa.select(self.source.block.c.id)))
        return ids

    def _rows(self, ids: list[int]) -> tuple[list[sa.Row], dict[int, list[int]]]:
        """The batch's rows joined with their details, and each article's old tag ids."""
        rows, detail, tags_id = self.source.rows, self.source.detail, self.source.tags_id
        query = (
            sa.select(rows, detail.c.bodyhtml, detail.c.sourcetext)
            .select_from(rows.outerjoin(detail, detail.c.id == rows.c.id))
            .where(rows.c.id.in_(ids))
            .order_by(rows.c.id)
        )
        tags: dict[int, list[int]] = defaultdict(list)
        with self.source.engine.connect() as connection:
            found = list(connection.execute(query))
            for article_id, tid in connection.execute(
                sa.select(tags_id.c.id, tags_id.c.tid).where(tags_id.c.id.in_(ids))
            ):
                tags[article_id].append(tid)
        return found, tags

    def build(self, ids: list[int]) -> list[Article]:
        """Add the batch's articles to the session and flush them; skipped ones are reported."""
        rows, tag_ids = self._rows(ids)
        articles = [article for row in rows if (article := self._article(row)) is not None]
        tags = self._tags({tid for tids in tag_ids.values() for tid in tids})
        for article in articles:
            article.tags = [
                tags[new] for new in dict.fromkeys(self.maps["tag"].get(t) for t in tag_ids[article.id]) if new in tags
            ]
        db.session.flush()
        for article in articles:
            snapshot(article, None, IMPORT_NOTE).editor_id = article.author_id
            index_article(article)
        db.session.flush()
        return articles

    def _tags(self, old_ids: set[int]) -> dict[int, Tag]:
        new_ids = [self.maps["tag"][old] for old in old_ids if old in self.maps["tag"]]
        return {tag.id: tag for tag in db.session.scalars(sa.select(Tag).where(Tag.id.in_(new_ids)))} if new_ids else {}

    def _article(self, row: sa.Row) -> Article | None:
        owner = f"bài viết {row.id}"
        category_id = self.maps["category"].get(row.catid)
        if category_id is None:
            self.report.warn(f"{owner}: không có chuyên mục {row.catid}; không nhập bài này")
            return None
        title = plain(row.title, 300) or f"Bài viết {row.id}"
        article = Article(
            id=row.id,
            title=title,
            slug=self._slug(category_id, row, title),
            lead=plain(row.hometext, MAX_LEAD),
            byline=plain(row.author, 120),
            source=plain(row.sourcetext, 300) or self.source_names.get(row.sourceid, ""),
            category_id=category_id,
            status=article_status(row.status),
            featured=row.id in self.featured,
            view_count=int(row.hitstotal or 0),
            author_id=self.maps["user"].get(row.admin_id),
            created_at=moment(row.addtime) or moment(row.publtime) or self.now,
            updated_at=moment(row.edittime) or moment(row.addtime) or moment(row.publtime) or self.now,
            published_at=moment(row.publtime) or moment(row.addtime),
            expires_at=expiry(row.status, row.exptime, row.edittime),
        )
        self._body(article, row.bodyhtml, owner)
        self._lead_image(article, row, owner)
        db.session.add(article)
        return article

    def _slug(self, category_id: int, row: sa.Row, title: str) -> str:
        """The old alias (or a slug of the title), with the id appended if the category has it already."""
        slug = plain(row.alias, 120) or slugify(title)
        if (category_id, slug) in self.slugs:
            slug = f"{slug[:110]}-{row.id}"
        self.slugs.add((category_id, slug))
        return slug

    def _body(self, article: Article, bodyhtml: str | None, owner: str) -> None:
        """The body with its pictures moved over, through the editor's sanitizer."""
        article.body_source = self.pictures.rewrite(bodyhtml or "", owner)
        try:
            article.body_html = clean_html(article.body_source)
        except TooComplexError as error:
            self.report.warn(f"{owner}: nội dung quá phức tạp ({error}); chỉ giữ lại chữ")
            article.body_source = f"<p>{html.escape(plain(article.body_source, 200_000))}</p>"
            article.body_html = clean_html(article.body_source)

    def _lead_image(self, article: Article, row: sa.Row, owner: str) -> None:
        name = (row.homeimgfile or "").strip()
        if not name:
            return
        path = lead_image_path(name, self.upload_folder)
        if path is None:
            self.report.warn(f"{owner}: ảnh đại diện {name} không nằm trong uploads/; không nhập ảnh")
            return
        article.image_id = self.pictures.media_for(path, owner)
        if article.image_id:
            alt = plain(row.homeimgalt, 300) or article.title[:300]
            article.image_alt, article.image_caption = alt, plain(row.homeimgalt, 300)
