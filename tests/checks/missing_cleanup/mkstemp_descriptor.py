# path: worker/exports.py
"""`mkstemp` opens the file and returns its OS descriptor with the path:
throwing the descriptor away leaks it (the file is reopened by path).
Keeping it and closing it, or writing through it, stays silent."""
import os
import tempfile
from tempfile import mkstemp


def build_archive(rows):
    _, path = mkstemp(suffix=".zip")  # expect: missing_cleanup MEDIUM
    with open(path, "wb") as f:
        f.write(b"".join(rows))
    return path


def spool_message(raw: bytes):
    path = tempfile.mkstemp(prefix="mail-")[1]  # expect: missing_cleanup MEDIUM
    with open(path, "wb") as f:
        f.write(raw)
    return path


def spool_named(raw: bytes):
    # the descriptor is named but never read again
    handle, path = tempfile.mkstemp()  # expect: missing_cleanup MEDIUM
    with open(path, "wb") as f:
        f.write(raw)
    return path


def spool_closed(raw: bytes):
    # look-alike: closed right away
    fd, path = tempfile.mkstemp()
    os.close(fd)
    with open(path, "wb") as f:
        f.write(raw)
    return path


def spool_through_fd(raw: bytes):
    # look-alike: written through the descriptor, fdopen owns it
    fd, path = mkstemp()
    with os.fdopen(fd, "wb") as f:
        f.write(raw)
    return path


def scratch_dir():
    # look-alike: a directory has no descriptor
    return tempfile.mkdtemp()
