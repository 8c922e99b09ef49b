"""The checks: ``check(form, report, previous)`` returns every finding, in report order.

Reasons for warnings are kept per finding id (:mod:`reportdesk.checks.explanations`): see
:func:`stale_reasons` for those whose finding no longer occurs, and :func:`convert_code_keys` for
files and databases written when a reason covered a whole code.
"""

from __future__ import annotations

from reportdesk.checks.explanations import convert_code_keys, describe_id
from reportdesk.checks.findings import Finding, stale_reasons
from reportdesk.checks.run import check, has_errors

__all__ = ["Finding", "check", "convert_code_keys", "describe_id", "has_errors", "stale_reasons"]
