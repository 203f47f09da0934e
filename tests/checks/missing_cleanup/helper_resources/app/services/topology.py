"""Callers of the helpers in app/db.py."""
import threading

from app.db import borrowed, new_session, reporting_session, session_for


def import_topology(providers):
    for provider in providers:
        # opened per provider, never closed
        session = new_session()  # expect: missing_cleanup HIGH
        session.add(provider)
        session.flush()


def import_for_tenant(tenant_id, rows):
    # two helpers deep
    session = session_for(tenant_id)  # expect: missing_cleanup HIGH
    session.add_all(rows)
    session.flush()


def import_closed(rows):
    session = new_session()
    try:
        session.add_all(rows)
        session.flush()
    finally:
        session.close()


def import_with_block(rows):
    with new_session() as session:
        session.add_all(rows)
        session.flush()


def report_totals(query):
    session = reporting_session()
    return session.exec(query).all()


def maybe_borrowed(rows, session):
    s = borrowed(session)
    s.add_all(rows)


def probe():
    # closed by the very next statement: nothing runs in between
    session = new_session()
    session.close()


def _worker(session, rows):
    try:
        session.add_all(rows)
        session.flush()
    finally:
        session.close()


def import_in_thread(rows):
    # the thread owns the session from here on
    session = new_session()
    threading.Thread(target=_worker, args=(session, rows)).start()


class EnrichmentService:
    def __init__(self, tenant_id, db=None):
        self.tenant_id = tenant_id
        # handlers build the service without a session: one is opened here
        # and nothing ever closes it
        self.db = db or new_session()  # expect: missing_cleanup HIGH


class AuditService:
    def __init__(self, tenant_id, session=None):
        self.session = session if session else new_session()  # expect: missing_cleanup HIGH


class ClosableService:
    def __init__(self, db=None):
        self.db = db or new_session()

    def close(self):
        self.db.close()


class CountingService:
    def __init__(self, db=None):
        # keeps a count, not a session
        self.count = len(db or [])
