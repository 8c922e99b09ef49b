"""The drafts database (an SQLite file, or a shared PostgreSQL database): bodies, their reports,
every edit kept, backups.

Import :class:`Store` and the errors from here; the GUI and the ``reportdesk db`` commands use
nothing else. No Qt, no rendering.
"""

from reportdesk.store.backup import Restored, list_backups, restore_backup
from reportdesk.store.conflicts import Conflict, Edit, EditConflict
from reportdesk.store.db import default_path, resolve_location, resolve_path
from reportdesk.store.errors import (
    AccessDenied,
    ForeignDatabase,
    NotFound,
    ServerUnreachable,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreTooNew,
)
from reportdesk.store.models import Body, BodyReports, Change, Final, ReportInfo, Revision
from reportdesk.store.store import Store

__all__ = [
    "AccessDenied",
    "Body",
    "BodyReports",
    "Change",
    "Conflict",
    "Edit",
    "EditConflict",
    "Final",
    "ForeignDatabase",
    "NotFound",
    "ReportInfo",
    "Restored",
    "Revision",
    "ServerUnreachable",
    "Store",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreTooNew",
    "default_path",
    "list_backups",
    "resolve_location",
    "resolve_path",
    "restore_backup",
]
