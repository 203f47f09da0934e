# path: shelfapp/store.py
"""A process-wide session created at start-up. The commits that only
start-up code makes (the schema upgrade, the default settings row) run
once before anything is served: when one fails the start stops, or the
except around it ends the process, and no request ever uses the failed
session. The same session committed by a function start-up code does not
own (save_preference, called by no start-up code), or in a start-up loop
that swallows one failure and goes on, keeps its finding."""
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import scoped_session, sessionmaker

session = None


class Preference:
    pass


def _add_default_row(db):
    # called only by bootstrap_store: start-up code, silent
    if db.query(Preference).count() == 0:
        db.add(Preference())
        db.commit()


def _drop_stale_tokens(db):
    try:
        db.execute(text("DELETE FROM token WHERE expired = 1"))
        db.commit()
    except OperationalError:
        print("store is read-only, giving up")
        sys.exit(3)


def _seed_tags(db, names):
    # a start-up loop that logs a failed commit and carries on: the
    # next iteration meets the failed session
    for name in names:
        try:
            db.execute(text("INSERT INTO tag (name) VALUES (:n)"), {"n": name})
            db.commit()  # expect: missing_rollback MEDIUM
        except OperationalError:
            print("tag", name, "skipped")


def bootstrap_store(path):
    global session
    engine = create_engine("sqlite:///" + path)
    session = scoped_session(sessionmaker(bind=engine))()
    _add_default_row(session)
    _drop_stale_tokens(session)
    _seed_tags(session, ["new", "read"])


def save_preference(pref):
    # not start-up code: flagged
    session.add(pref)
    session.commit()  # expect: missing_rollback MEDIUM
