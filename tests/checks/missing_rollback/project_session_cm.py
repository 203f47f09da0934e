# path: app/tasks/cleanup.py
# stack: sqlalchemy
"""A project @contextmanager that closes its session rolls back on the way out:
a commit in its block needs no except, unless a loop swallows the failure."""
import logging
from contextlib import contextmanager

from sqlalchemy import create_engine, delete, event
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite:///app.db")
event.listen(engine, "checkout", lambda *a: None)
SessionLocal = sessionmaker(bind=engine)
log = logging.getLogger(__name__)


@contextmanager
def unit_of_work():
    session: Session = SessionLocal()
    try:
        yield session
    finally:
        session.close()


def purge_expired(table) -> None:
    # look-alike: a failure leaves the block and the close rolls back
    with unit_of_work() as session:
        session.execute(delete(table))
        session.commit()


def purge_each(tables) -> None:
    with unit_of_work() as session:
        for table in tables:
            try:
                session.execute(delete(table))
                session.commit()  # expect: missing_rollback MEDIUM
            except Exception:
                log.exception("skip %s", table)
