# path: app/jobs/sync_feeds.py
# stack: fastapi sqlalchemy
"""A loop calls project helpers that commit and swallows their failures.
A helper that is handed no session opens and closes its own, so a failed
commit there is rolled back by that close and the loop's session is
untouched: silent. A helper handed the loop's session leaves it needing a
rollback for every later iteration: reported."""
import logging

from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.db import engine

log = logging.getLogger(__name__)


class Base(DeclarativeBase):
    pass


class Feed(Base):
    __tablename__ = "feeds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String)
    etag: Mapped[str] = mapped_column(String)


def mark_polled(feed_id: int, etag: str) -> None:
    with Session(engine) as session:
        feed = session.get(Feed, feed_id)
        feed.etag = etag
        session.commit()


def mark_polled_on(session: Session, feed_id: int, etag: str) -> None:
    feed = session.get(Feed, feed_id)
    feed.etag = etag
    session.commit()  # expect: missing_rollback MEDIUM


def poll_all(urls: dict[int, str]) -> None:
    for feed_id, etag in urls.items():
        try:
            mark_polled(feed_id, etag)
        except Exception:
            log.exception("poll failed for %s", feed_id)


def poll_all_shared(urls: dict[int, str]) -> None:
    with Session(engine) as session:
        for feed_id, etag in urls.items():
            try:
                mark_polled_on(session, feed_id, etag)  # expect: missing_rollback MEDIUM
            except Exception:
                log.exception("poll failed for %s", feed_id)
