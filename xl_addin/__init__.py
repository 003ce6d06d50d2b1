"""xl_addin: the request for HIV and hepatitis diagnostics and ARV drugs by letter 0100/11323-06-32."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("xl_addin")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
