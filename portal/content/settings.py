"""Site settings: defaults in code, overrides stored in the settings table."""

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Setting

DEFAULTS: dict[str, str] = {
    "site_name": "Cổng thông tin điện tử",
    "site_tagline": "",
    "footer_owner": "",
    "footer_address": "",
    "footer_phone": "",
    "footer_email": "",
    "page_size": "10",
    "home_latest_count": "8",
    "home_block_count": "4",
    "related_count": "5",
    "idle_timeout_minutes": "",  # blank: PORTAL_IDLE_TIMEOUT
    "default_language": "",  # blank: PORTAL_DEFAULT_LOCALE
}


def load_settings() -> dict[str, str]:
    """Return every setting: stored values over the defaults."""
    stored = {row.key: row.value for row in db.session.scalars(sa.select(Setting))}
    return {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}


def int_setting(settings: dict[str, str], key: str, low: int = 1, high: int = 100) -> int:
    """Read a numeric setting, clamped to [low, high]; a bad stored value gives the default."""
    try:
        value = int(settings.get(key, DEFAULTS[key]))
    except ValueError:
        value = int(DEFAULTS[key])
    return max(low, min(high, value))


def save_settings(values: dict[str, str]) -> None:
    """Store the given settings (unknown keys are refused with KeyError)."""
    for key, value in values.items():
        if key not in DEFAULTS:
            raise KeyError(key)
        row = db.session.get(Setting, key)
        if row is None:
            db.session.add(Setting(key=key, value=value))
        else:
            row.value = value
    db.session.flush()
