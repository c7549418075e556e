"""The editor area: dashboard, article form, autosave, presence, revisions, preview."""

from portal.editor.views import bp

__all__ = ["bp"]
