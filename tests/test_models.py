"""Models, the schema migrations build, and the rules that live on models."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from portal.extensions import db
from portal.models import Article, ArticleStatus, Permission, Role
from portal.models.base import include_migration_object
from tests.factories import make_article, make_category, make_user


def test_migrations_build_exactly_the_schema_of_the_models(app):
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    upgrade()
    with db.engine.connect() as connection:
        opts = {"compare_type": True, "include_object": include_migration_object}
        context = MigrationContext.configure(connection, opts=opts)
        differences = compare_metadata(context, db.metadata)
    assert differences == []
    with db.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE alembic_version"))
        if connection.dialect.name == "sqlite":  # made by the migration, not by the models' tables
            connection.execute(sa.text("DROP TABLE IF EXISTS search_fts"))


def test_datetimes_come_back_as_aware_utc(app):
    moment = datetime(2026, 1, 31, 23, 15, tzinfo=timezone(timedelta(hours=7)))
    article = make_article("Giờ Việt Nam", published_at=moment)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Article, article.id).published_at
    assert stored == moment and stored.tzinfo is not None and stored.utcoffset() == timedelta(0)


def test_is_public_follows_status_schedule_and_expiry(app):
    now = datetime(2026, 5, 1, tzinfo=UTC)
    article = make_article("Bài", status=ArticleStatus.PUBLISHED, published_at=now - timedelta(days=1))
    assert article.is_public(now)
    article.expires_at = now
    assert not article.is_public(now)
    article.expires_at, article.published_at = None, now + timedelta(seconds=1)
    assert not article.is_public(now)
    article.published_at, article.status = now, ArticleStatus.PENDING
    assert not article.is_public(now)


def test_slug_is_unique_within_a_category_only(app):
    first, second = make_category("Tin A"), make_category("Tin B")
    make_article("Cùng tên", first)
    make_article("Cùng tên", second)
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        make_article("Cùng tên", first, slug="cung-ten")
    db.session.rollback()


def test_roles_grant_the_permissions_of_the_design(app):
    author, editor, admin = make_user(Role.AUTHOR), make_user(Role.EDITOR), make_user(Role.ADMIN)
    assert author.can(Permission.WRITE) and not author.can(Permission.PUBLISH)
    assert not author.can(Permission.EDIT_OTHERS) and not author.can(Permission.MANAGE_TAXONOMY)
    assert editor.can(Permission.PUBLISH) and editor.can(Permission.MANAGE_TAXONOMY)
    assert not editor.can(Permission.MANAGE_ACCOUNTS) and not editor.can(Permission.READ_AUDIT)
    assert all(admin.can(p) for p in Permission)
    admin.is_active = False
    assert not admin.can(Permission.WRITE)


def test_passwords_are_hashed_with_scrypt_and_unicode_survives(app):
    user = make_user(password="Mật khẩu tiếng Việt dài 🌾")
    assert user.password_hash.startswith("scrypt:")
    assert user.check_password("Mật khẩu tiếng Việt dài 🌾")
    decomposed = "Mật khẩu tiếng Việt dài 🌾".encode().decode()
    import unicodedata

    assert user.check_password(unicodedata.normalize("NFD", decomposed))
    assert not user.check_password("mật khẩu tiếng việt dài 🌾")
