"""URL builders for articles and images, shared by views and templates."""

from flask import url_for

from portal.models import Article, Media


def article_url(article: Article, **values) -> str:
    """The canonical URL of an article (pass _external=True for an absolute one)."""
    return url_for(
        "public.article",
        category_slug=article.category.slug,
        slug=article.slug,
        article_id=article.id,
        **values,
    )


def media_url(media: Media, width: int | None = None, **values) -> str:
    """The URL of an image, or of its variant closest above the given width."""
    chosen = next((w for w in media.widths if width and w >= width), None)
    name = media.variant_filename(chosen) if chosen else media.filename
    return url_for("public.media", filename=name, **values)


def media_srcset(media: Media) -> str:
    """A srcset listing every variant and the full image with their widths."""
    parts = [f"{url_for('public.media', filename=media.variant_filename(w))} {w}w" for w in media.widths]
    parts.append(f"{url_for('public.media', filename=media.filename)} {media.width}w")
    return ", ".join(parts)
