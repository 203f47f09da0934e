# path: app/database.py
"""Look-alikes: pools that are configured, or need no tuning."""
import logging

from sqlalchemy import create_engine, event
from sqlalchemy.ext.asyncio import create_async_engine

from app.config import settings

log = logging.getLogger(__name__)

engine = create_async_engine(
    settings.database_url,
    pool_pre_ping=True,
    pool_recycle=1800,
    pool_size=10,
    max_overflow=5,
    pool_timeout=10,
)


@event.listens_for(engine.sync_engine, "checkout")
def on_checkout(dbapi_conn, record, proxy):
    log.debug("pool checkout")


# an on-disk SQLite cache: no server connections to keep healthy
cache_engine = create_engine("sqlite:///./var/cache.db")


def grant_readonly(role: str) -> None:
    # a throwaway engine for one statement, disposed before returning
    admin = create_engine(settings.admin_url)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
    finally:
        admin.dispose()
