"""The app that the real-time tests serve with gunicorn: the testing settings (so the idle timeout
may be as short as 5 s), but with CSRF on and the real clock, as in production."""

import os

from portal import create_app

app = create_app({"WTF_CSRF_ENABLED": True, "MEDIA_DIR": os.environ["PORTAL_MEDIA_DIR"]})
