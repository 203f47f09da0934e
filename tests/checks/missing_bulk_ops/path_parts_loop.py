# path: mirror/folders.py
# stack: sqlalchemy
"""Mirroring a folder tree: the folder row of each component of ONE path
(`"a/b/c".split("/")`) is stored as it is met, as many rows as the path
is deep: silent. A comma-separated list of names grows with what the
caller sends, and a path walk inside a loop over every stored file runs
once per row: both keep their findings."""
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Folder(Base):
    __tablename__ = "folder"
    id = Column(Integer, primary_key=True)
    path = Column(String)


class StoredFile(Base):
    __tablename__ = "stored_file"
    id = Column(Integer, primary_key=True)
    path = Column(String)


def ensure_folders(session, path):
    parts = path.split("/")
    for i, part in enumerate(parts):
        if part:
            session.merge(Folder(path="/".join(parts[: i + 1])))


def ensure_folders_inline(session, path):
    for part in path.split("/"):
        session.add(Folder(path=part))


def add_named_folders(session, names):
    for name in names.split(","):
        session.add(Folder(path=name))  # expect: missing_bulk_ops MEDIUM


def rebuild_all_folders(session):
    for stored in session.query(StoredFile).all():
        for part in stored.path.split("/"):
            session.add(Folder(path=part))  # expect: missing_bulk_ops MEDIUM
