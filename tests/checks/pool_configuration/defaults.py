# path: app/db.py
"""Engines of a FastAPI service with unsafe or implicit pool settings."""
import logging

from sqlalchemy import create_engine, event
from sqlalchemy.ext.asyncio import create_async_engine

from app.config import settings

log = logging.getLogger(__name__)

# nothing set: no pre-ping / recycle (HIGH), max_overflow and pool_size at
# their defaults in a web service (LOW: default sizes), no pool listener (MEDIUM)
engine = create_async_engine(settings.database_url)  # expect: pool_configuration HIGH, pool_configuration LOW, pool_configuration MEDIUM

# pinged and observed, but the overflow is unbounded
reports_engine = create_engine(  # expect: pool_configuration HIGH
    settings.reports_url, pool_pre_ping=True, pool_recycle=1800, pool_size=5, max_overflow=-1
)


@event.listens_for(reports_engine, "checkout")
def on_reports_checkout(dbapi_conn, record, proxy):
    log.debug("reports pool: %s", reports_engine.pool.status())
