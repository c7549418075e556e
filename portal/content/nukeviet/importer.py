"""The import: staff, categories, tags, then articles in batches, each batch one transaction.

Resumable and idempotent: what was imported is recorded in ImportedRecord (and pictures in
ImportedUpload) in the same transaction as the rows themselves, so a run stopped halfway
resumes where it stopped and a second run finds nothing new. Nothing is ever deleted or
overwritten; rows the portal already had (an account of the same username, a category or
tag of the same slug) are linked to, not changed.
"""

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from portal.content.categories import MAX_CATEGORIES, MAX_DEPTH
from portal.content.nukeviet.articles import ArticleBuilder
from portal.content.nukeviet.mapping import plain
from portal.content.nukeviet.pictures import Pictures
from portal.content.nukeviet.source import Source, module_names, open_source
from portal.content.nukeviet.staff import account_for, new_staff, news_admin_ids, staff_rows
from portal.content.slugs import RESERVED_SLUGS
from portal.extensions import db
from portal.models import Article, Category, ImportedRecord, Tag

SOURCE = "nukeviet"
KINDS = ("user", "category", "tag", "article")
MAX_SHOWN_COLLISIONS = 20


class NukevietError(Exception):
    """The import cannot start; the message says why and what to do. Nothing was written."""


@dataclass(frozen=True)
class Options:
    """What to import from where."""

    url: str
    prefix: str = "nv4"
    lang: str = "vi"
    module: str = "news"
    uploads: Path | None = None
    dry_run: bool = False
    batch_size: int = 500


@dataclass
class Report:
    """What a run brought over (or would have, in a dry run), what it left as it was, and its warnings."""

    dry_run: bool
    created: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    pending_articles: int = 0

    def warn(self, message: str) -> None:
        """Note a problem that does not stop the import (a missing picture, a renamed slug)."""
        self.warnings.append(message)


def known_ids(kind: str) -> dict[int, int]:
    """Old id -> portal id of everything of that kind already imported."""
    query = sa.select(ImportedRecord.old_id, ImportedRecord.new_id).where(
        ImportedRecord.source == SOURCE, ImportedRecord.kind == kind
    )
    return dict(db.session.execute(query).all())


def _remember(kind: str, old_id: int, new_id: int) -> None:
    db.session.add(ImportedRecord(source=SOURCE, kind=kind, old_id=old_id, new_id=new_id))


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


class Importer:
    """One run of the import against one old database."""

    def __init__(self, options: Options, media_dir: str, now: datetime) -> None:
        self.options, self.now = options, now
        self.report = Report(dry_run=options.dry_run)
        try:
            module_data, self.upload_folder = module_names(options.url, options.prefix, options.lang, options.module)
            self.source: Source = open_source(options.url, options.prefix, options.lang, module_data)
        except LookupError as missing:
            raise NukevietError(
                f"Không thấy bảng {missing} trong cơ sở dữ liệu nguồn: kiểm tra --prefix, --lang và --module."
            ) from None
        except (sa.exc.SQLAlchemyError, ModuleNotFoundError) as error:
            raise NukevietError(
                f"Không đọc được cơ sở dữ liệu nguồn ({type(error).__name__}): kiểm tra SOURCE_URL."
            ) from None
        self.maps = {kind: known_ids(kind) for kind in KINDS}
        self.pictures = Pictures(options.uploads, media_dir, options.dry_run, self.report.warn)

    def close(self) -> None:
        """Let go of the old database's connections."""
        self.source.engine.dispose()

    def _end_step(self) -> None:
        """Commit a step (flush only in a dry run: the whole run is rolled back at its end)."""
        if self.options.dry_run:
            db.session.flush()
        else:
            db.session.commit()

    # --- before any write ----------------------------------------------------------------

    def new_article_ids(self) -> list[int]:
        """The old articles not imported yet, oldest id first."""
        with self.source.engine.connect() as connection:
            ids = connection.scalars(sa.select(self.source.rows.c.id).order_by(self.source.rows.c.id)).all()
        return [int(i) for i in ids if int(i) not in self.maps["article"]]

    def check_collisions(self, ids: list[int]) -> None:
        """Refuse, before any write, old ids that portal-written articles already have."""
        taken: list[int] = []
        for chunk in _chunks(ids, 1000):
            taken += db.session.scalars(sa.select(Article.id).where(Article.id.in_(chunk))).all()
        if taken:
            shown = ", ".join(str(i) for i in sorted(taken)[:MAX_SHOWN_COLLISIONS])
            raise NukevietError(
                f"{len(taken)} bài viết của NukeViet có số (id) trùng với bài đã viết trên cổng ({shown}"
                f"{', ...' if len(taken) > MAX_SHOWN_COLLISIONS else ''}). Bài nhập vào giữ nguyên số cũ để "
                "địa chỉ cũ còn dùng được, nên chưa ghi gì cả: hãy nhập vào một cổng chưa có bài viết."
            )

    def check_category_room(self, rows: list[sa.Row]) -> None:
        """Refuse, before any write, more categories than the portal keeps."""
        existing = db.session.scalar(sa.select(sa.func.count()).select_from(Category)) or 0
        slugs = set(db.session.scalars(sa.select(Category.slug)))
        new = [row for row in rows if row.catid not in self.maps["category"] and plain(row.alias, 120) not in slugs]
        if existing + len(new) > MAX_CATEGORIES:
            raise NukevietError(
                f"Cổng giữ tối đa {MAX_CATEGORIES} chuyên mục; đã có {existing}, NukeViet thêm {len(new)}. Chưa ghi gì cả."
            )

    # --- staff, categories, tags -----------------------------------------------------------

    def import_staff(self) -> None:
        """Administrators and the people who posted articles become accounts."""
        admins = news_admin_ids(self.source, self.options.module)
        rows = staff_rows(self.source)
        self.report.unchanged["user"] += len(rows) - len(new := new_staff(rows, self.maps["user"]))
        for row in new:
            user, created = account_for(row, admins, self.report.warn)
            self.report.created["user"] += created
            self.report.unchanged["user"] += not created
            self.maps["user"][row.userid] = user.id
            _remember("user", row.userid, user.id)
        self._end_step()

    def category_rows(self) -> list[sa.Row]:
        """The old categories, parents before their children, in their order."""
        cat = self.source.cat
        with self.source.engine.connect() as connection:
            rows = list(connection.execute(sa.select(cat).order_by(cat.c.sort, cat.c.weight, cat.c.catid)))
        ordered, placed = [], {0}
        while rows:
            waiting = {r.catid for r in rows}
            ready = [row for row in rows if row.parentid in placed or row.parentid not in waiting] or rows  # or a loop
            ordered += ready
            placed |= {row.catid for row in ready}
            rows = [row for row in rows if row.catid not in placed]
        return ordered

    def import_categories(self, rows: list[sa.Row]) -> None:
        """The category tree, with aliases as slugs (a reserved one gets the old id appended)."""
        depth: dict[int, int] = {}
        for row in rows:
            parent_id = self.maps["category"].get(row.parentid)
            depth[row.catid] = depth.get(row.parentid, 0) + 1
            if row.catid in self.maps["category"]:
                self.report.unchanged["category"] += 1
                continue
            self.maps["category"][row.catid] = self._category(row, parent_id, depth[row.catid]).id
            _remember("category", row.catid, self.maps["category"][row.catid])
        self._end_step()

    def _category(self, row: sa.Row, parent_id: int | None, level: int) -> Category:
        slug = plain(row.alias, 120) or f"chuyen-muc-{row.catid}"
        if slug in RESERVED_SLUGS:
            self.report.warn(f"chuyên mục {row.catid}: “{slug}” là đường dẫn của cổng; dùng {slug}-{row.catid}")
            slug = f"{slug}-{row.catid}"
        existing = db.session.scalar(sa.select(Category).where(Category.slug == slug))
        if existing is not None:
            self.report.warn(f"chuyên mục {row.catid}: cổng đã có “{slug}”; bài viết vào chuyên mục đó")
            self.report.unchanged["category"] += 1
            return existing
        if level > MAX_DEPTH:
            self.report.warn(f"chuyên mục {row.catid}: sâu quá {MAX_DEPTH} cấp; đặt ngang hàng chuyên mục cha")
            parent_id = db.session.get(Category, parent_id).parent_id
        category = Category(
            name=plain(row.title, 120) or slug,
            slug=slug,
            description=plain(row.description, 2000),
            parent_id=parent_id,
            position=int(row.weight or 0),
        )
        db.session.add(category)
        db.session.flush()
        self.report.created["category"] += 1
        return category

    def import_tags(self) -> None:
        """Tags, with their aliases as slugs; a tag the portal has already is linked to."""
        tags = self.source.tags
        with self.source.engine.connect() as connection:
            rows = [row for row in connection.execute(sa.select(tags).order_by(tags.c.tid))]
        existing = dict(db.session.execute(sa.select(Tag.slug, Tag.id)).all())
        for row in rows:
            if row.tid in self.maps["tag"]:
                self.report.unchanged["tag"] += 1
                continue
            slug = plain(row.alias, 100) or f"the-{row.tid}"
            if slug not in existing:
                tag = Tag(name=plain(row.title, 80) or slug, slug=slug)
                db.session.add(tag)
                db.session.flush()
                existing[slug] = tag.id
                self.report.created["tag"] += 1
            else:
                self.report.unchanged["tag"] += 1
            self.maps["tag"][row.tid] = existing[slug]
            _remember("tag", row.tid, existing[slug])
        self._end_step()

    # --- articles ------------------------------------------------------------------------------

    def import_articles(self, ids: list[int], progress: Callable[[int], None]) -> None:
        """The new articles, one transaction per batch of options.batch_size."""
        builder = ArticleBuilder(self.source, self.maps, self.pictures, self.upload_folder, self.report, self.now)
        for chunk in _chunks(ids, self.options.batch_size):
            for article in builder.build(chunk):
                _remember("article", article.id, article.id)
                self.maps["article"][article.id] = article.id
                self.report.created["article"] += 1
            self._end_step()
            db.session.expunge_all()  # a batch's rows are done with; keep memory flat
            progress(len(chunk))
        if not self.options.dry_run and db.session.get_bind().dialect.name == "postgresql":
            # Ids were given, not drawn: move the sequence past them so portal articles never collide.
            db.session.execute(
                sa.text("SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT max(id) FROM articles))")
            )
            db.session.commit()


def import_site(
    options: Options,
    media_dir: str,
    now: datetime,
    progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Report:
    """Bring a NukeViet 4 news site over (see the module's docstring).

    Args:
        options: the old database, table names, uploads folder, dry run and batch size.
        media_dir: where stored pictures go.
        now: the current time.
        progress: called with the number of articles after each batch.
        on_start: called with the number of articles to import, before the first batch.
    Returns:
        The report: counts per kind and warnings with the NukeViet ids.
    Raises:
        NukevietError: the tables are missing, old ids collide with portal articles, or the
            categories would not fit; nothing was written.
    """
    importer = Importer(options, media_dir, now)
    try:
        ids = importer.new_article_ids()
        importer.check_collisions(ids)
        categories = importer.category_rows()
        importer.check_category_room(categories)
        importer.import_staff()
        importer.import_categories(categories)
        importer.import_tags()
        importer.report.unchanged["article"] = len(importer.maps["article"])
        if on_start:
            on_start(len(ids))
        importer.import_articles(ids, progress or (lambda _n: None))
        importer.report.created["picture"] = importer.pictures.stored
        importer.report.unchanged["picture"] = len(importer.pictures.known) - importer.pictures.stored
    except BaseException:
        db.session.rollback()  # the batch under way; those committed before it stay, and a new run resumes
        raise
    finally:
        if options.dry_run:
            db.session.rollback()
        importer.close()
    return importer.report
