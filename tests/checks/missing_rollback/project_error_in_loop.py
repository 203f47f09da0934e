# path: app/services/sync_links.py
# stack: fastapi sqlalchemy
"""The except of a loop around a helper that commits on the loop's
session catches only the project's own validation error: a class the
project declares on top of Exception, which no commit raises. A failed
commit leaves the loop, and the block around it rolls back: silent. An
except of a project class built on a driver error (IntegrityError) does
catch the failed commit and goes on with a session that needs a
rollback: reported."""
import logging

from sqlalchemy import Integer, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.db import engine

log = logging.getLogger(__name__)


class LinkError(Exception):
    pass


class BadLinkError(LinkError):
    pass


class DuplicateLinkError(IntegrityError):
    pass


class Base(DeclarativeBase):
    pass


class Link(Base):
    __tablename__ = "links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String)


def save_link(session: Session, url: str) -> None:
    if not url.startswith("http"):
        raise BadLinkError(url)
    session.add(Link(url=url))
    session.commit()  # expect: missing_rollback MEDIUM


def sync_checked(urls: list[str]) -> None:
    with Session(engine) as session:
        for url in urls:
            try:
                save_link(session, url)  # expect: missing_bulk_ops MEDIUM
            except BadLinkError:
                log.warning("skipped %s", url)


def sync_duplicates(urls: list[str]) -> None:
    with Session(engine) as session:
        for url in urls:
            try:
                save_link(session, url)  # expect: missing_rollback MEDIUM, missing_bulk_ops MEDIUM
            except DuplicateLinkError:
                log.warning("duplicate %s", url)
