"""xl_addin: the request for HIV and hepatitis diagnostics and ARV drugs by letter 0100/11323-06-32.

The Python API (``__all__``) works with pandas DataFrames; docs/python-api.md has a worked
example.  It is loaded on first use, so that ``import xl_addin.udfs`` (Excel's functions)
needs neither pandas nor openpyxl.
"""

import functools
from typing import Any


@functools.cache
def _version() -> str:
    """The installed package's version, read when first asked for: importlib.metadata and its scan of the installed
    packages cost about 60 ms, which every ``generate``, every Excel session of the add-in and every worker paid."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("xl_addin")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0.0.0"


#: The public API: name → the module that defines it.
_API = {
    "read_requests": "xl_addin.api",
    "compute": "xl_addin.api",
    "refresh": "xl_addin.api",
    "generate": "xl_addin.api",
    "carry": "xl_addin.api",
    "CarryResult": "xl_addin.carrying.run",
    "RefreshResult": "xl_addin.api",
    "severity_counts": "xl_addin.api",
    "INPUT_COLUMNS": "xl_addin.frames",
    "RESULT_COLUMNS": "xl_addin.frames",
}

__all__ = ["INPUT_COLUMNS", "RESULT_COLUMNS", "RefreshResult", "__version__", "compute", "generate"]
__all__ += ["CarryResult", "carry", "read_requests", "refresh", "severity_counts"]


def __getattr__(name: str) -> Any:
    """Load the API on first use (PEP 562); ``__version__`` too."""
    if name == "__version__":
        return _version()
    if name in _API:
        from importlib import import_module

        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'xl_addin' has no attribute {name!r}")
