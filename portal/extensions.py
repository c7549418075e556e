"""Flask extension instances, created here and configured in create_app."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from portal.models.base import Base, include_migration_object, render_migration_item

db = SQLAlchemy(model_class=Base)
migrate = Migrate(
    render_as_batch=True, compare_type=True, render_item=render_migration_item, include_object=include_migration_object
)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
