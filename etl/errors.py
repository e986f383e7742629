"""The one exception a whole file gets refused with."""

from __future__ import annotations


class FileRefused(Exception):
    """A file-level fault: nothing of the file is written, and the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LoadFailed(Exception):
    """A load stopped by a fault of the loader's own (not of the file); it is rolled back."""
