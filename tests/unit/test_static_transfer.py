"""observatory.web.transfer: which encoding a client gets, and one compression per file."""

from __future__ import annotations

import brotli
import pytest

from observatory.web.transfer import CompressedFiles, accepted_encoding


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),  # chromium
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0", None),
        ("identity", None),
        ("", None),
        ("BR", "br"),
        ("br;q=abc, gzip", "gzip"),
    ],
)
def test_accepted_encoding(header, expected):
    assert accepted_encoding(header) == expected


def test_a_file_is_compressed_once_and_decompresses_to_itself():
    files = CompressedFiles()
    data = b"function plot(){return 42}\n" * 2000
    first = files.get("/assets/a.js?m=1", "br", data)
    assert brotli.decompress(first) == data
    assert files.get("/assets/a.js?m=1", "br", data) is first  # from memory
    assert len(first) < len(data) / 20
