"""The audit log's pages: the entries in sentences, their filters, and the CSV download."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Response, abort, current_app, g, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.admin.blueprint import bp
from portal.admin.forms import AuditFilterForm
from portal.content import audit
from portal.content.audit_export import export
from portal.content.audit_sentences import Ref, action_choices, describe_all
from portal.content.dates import parse_day
from portal.content.published import paginate
from portal.extensions import db
from portal.models import Permission
from portal.web.choices import choice_values, select_choices
from portal.web.traffic import client_address, requested_page


def audit_link(ref: Ref) -> str | None:
    """Where a name in an audit sentence leads: the account, the article's form, the category."""
    if ref.key is None:
        return None
    endpoints = {"account": ("admin.account", "user_id"), "article": ("editor.edit_article", "article_id")}
    endpoints["category"] = ("categories.edit", "category_id")
    endpoint, argument = endpoints.get(ref.kind, (None, None))
    return url_for(endpoint, **{argument: ref.key}) if endpoint else None


def audit_filters() -> tuple[AuditFilterForm, sa.Select]:
    """The filter form from the query string and the entries it selects (a bad value filters nothing)."""
    if not current_user.can(Permission.READ_AUDIT):
        abort(403)
    filters = AuditFilterForm(request.args)
    filters.action.choices = select_choices([("", _("Tất cả")), *action_choices(audit.action_names())])
    action = filters.action.data if filters.action.data in choice_values(filters.action.choices) else ""
    timezone = current_app.config["TIMEZONE"]
    start, end = parse_day(filters.date_from.data, timezone), parse_day(filters.date_to.data, timezone)
    before = end + timedelta(days=1) if end else None
    return filters, audit.entries(filters.actor.data or "", action, start, before)


@bp.get("/audit")
def audit_log():
    filters, selected = audit_filters()
    page = paginate(selected, requested_page(), 50)
    if page is None:
        abort(404)
    return render_template(
        "admin/audit.html",
        entries=list(zip(page.items, describe_all(page.items), strict=True)),
        link=audit_link,
        filters=filters,
        page=page.number,
        has_next=page.has_next,
        total=page.total,
        filter_args=filter_args(filters),
    )


def filter_args(filters: AuditFilterForm) -> dict[str, str]:
    """The filters in force, for the links of the page (export, pages): nothing else of the query string."""
    return {field.name: field.data for field in filters if field.data}


def streamed(lines: Callable[[], Iterator[str]]) -> Iterator[str]:
    """Yield what `lines` yields after the view has returned, each piece made in an application
    context of its own (no context is held across a yield) and in the page's language."""
    app, locale = current_app._get_current_object(), str(get_locale() or "vi")
    pieces: list[Iterator[str]] = []

    def next_piece() -> str | None:
        with app.app_context():
            g.streaming = True  # flask_babel keeps a forced locale only on a non-empty g
            with force_locale(locale):
                if not pieces:
                    pieces.append(lines())
                return next(pieces[0], None)

    return iter(next_piece, None)


@bp.get("/audit.csv")
def audit_export():
    filters, selected = audit_filters()
    wanted = " ".join(f"{name}={value}" for name, value in filter_args(filters).items())
    audit.record("audit.export", current_user, ip=client_address(), detail=wanted)
    db.session.commit()
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    name = f"nhat-ky-{clock.now().astimezone(zone):%Y-%m-%d}.csv"
    response = Response(streamed(lambda: export(selected, zone)), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
