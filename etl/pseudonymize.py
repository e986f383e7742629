"""Keyed hash of personal identifiers: the same worker links across files, the ID never stays."""

from __future__ import annotations

import hmac
import re

from etl.parse import Parsed, as_text

_NOT_PART_OF_ID = re.compile(r"[\s\-]+")
_SPACES_AND_HYPHENS = str.maketrans("", "", " -\t\u00a0")  # the usual ones, without a regex
MAX_ID_LENGTH = 40  # longer than any national ID or passport number


def normalise_identifier(value: str) -> str:
    """Spaces and hyphens removed, letters upper-cased (DATA_SPEC "Identifiers")."""
    return _NOT_PART_OF_ID.sub("", value).upper()


class Pseudonymizer:
    """HMAC-SHA-256 of the normalised identifier with the observatory's secret key."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the pseudonymisation key must be at least 16 bytes")
        self._key = key

    def key_of(self, identifier: str) -> str:
        """The pseudonym (64 hex characters) of an identifier."""
        return hmac.digest(
            self._key, normalise_identifier(identifier).encode("utf-8"), "sha256"
        ).hex()

    def read(self, value: object) -> Parsed:
        """A raw ID cell as a pseudonym, or a reason that never repeats the ID itself."""
        text = value.strip() if value.__class__ is str else as_text(value)  # type: ignore[union-attr]
        if not text.isalnum():  # spaces or hyphens to take out (or a character never allowed)
            text = text.translate(_SPACES_AND_HYPHENS)
            if not text.isalnum():
                text = _NOT_PART_OF_ID.sub("", text)
        text = text.upper()
        if not text:
            return None, "required value missing"
        if len(text) > MAX_ID_LENGTH or not text.isalnum():
            return None, "not a valid document number (value not shown: personal identifier)"
        return hmac.digest(self._key, text.encode("utf-8"), "sha256").hex(), None
