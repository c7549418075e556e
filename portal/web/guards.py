"""Guards shared by the blueprints: a permission required on every request of a blueprint."""

from flask import Blueprint, abort
from flask_login import current_user, login_required

from portal.models import Permission


def guard_blueprint(bp: Blueprint, permission: Permission) -> None:
    """Every request to the blueprint needs a signed-in person holding the permission.

    Anonymous visitors are sent to the sign-in page (JSON callers get 401); others get 403.
    A view may add stricter checks, never looser ones.
    """

    @bp.before_request
    @login_required
    def require_permission():
        if not current_user.can(permission):
            abort(403)
