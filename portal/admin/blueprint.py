"""The administration area's blueprint: administrators only, checked on every request."""

from flask import Blueprint

from portal.models import Permission
from portal.web.guards import guard_blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

guard_blueprint(bp, Permission.MANAGE_ACCOUNTS)
