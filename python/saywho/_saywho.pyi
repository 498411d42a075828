# Type stubs of the extension module (python/src/lib.rs). Call it through the `saywho` package,
# which sorts inputs by type into (kind, name, payload) triples.
from typing import Any

__version__: str

class SaywhoError(Exception):
    """An input could not be read, or the patterns did not load; the message is the command line's."""

class SaywhoWarning(UserWarning):
    """An input was skipped (a binary file) or read with invalid UTF-8 replaced."""

def extract(
    inputs: list[tuple[str, str, Any]],
    threads: int | None = None,
    patterns: str | None = None,
    errors: str = "raise",
) -> list[dict[str, Any]]: ...
def extract_columns(
    inputs: list[tuple[str, str, Any]],
    threads: int | None = None,
    patterns: str | None = None,
    errors: str = "raise",
) -> dict[str, list[Any]]: ...
def check(
    inputs: list[tuple[str, str, Any]],
    all: bool = False,
    speaker: str | None = None,
    dates: dict[str, str] | None = None,
    threads: int | None = None,
    patterns: str | None = None,
    errors: str = "raise",
) -> list[dict[str, Any]]: ...
def report(
    inputs: list[tuple[str, str, Any]],
    title: str = "saywho report",
    all: bool = True,
    threads: int | None = None,
    patterns: str | None = None,
    errors: str = "raise",
) -> str: ...
