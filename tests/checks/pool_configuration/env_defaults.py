# path: app/db_utils.py
"""Pool settings read from the environment: a setting whose default turns
the protection off is off unless the deployment says otherwise."""
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from app.config import config

POOL_RECYCLE = config(
    "DATABASE_POOL_RECYCLE", default=-1, cast=int
)
PRE_PING_ENABLED = config("DB_PRE_PING_ENABLED", default=False, cast=bool)
POOL_RECYCLE_HOUR = config("DATABASE_POOL_RECYCLE", default=3600, cast=int)
PRE_PING_ON = config("DB_PRE_PING_ENABLED", default=True, cast=bool)
DB_URL = config("DATABASE_URL")


def engine_for_cloud():
    # recycle defaults to -1 (off) and pre-ping is not passed
    engine = create_engine(DB_URL, pool_size=10, max_overflow=5, pool_recycle=POOL_RECYCLE)  # expect: pool_configuration HIGH
    return engine


def engine_opt_in_ping():
    # pre-ping only when a flag that defaults to off is set
    engine = create_engine(  # expect: pool_configuration HIGH
        DB_URL,
        pool_size=10,
        max_overflow=5,
        pool_recycle=POOL_RECYCLE,
        pool_pre_ping=True if PRE_PING_ENABLED else False,
    )
    return engine


def engine_recycled():
    # recycles hourly by default
    engine = create_engine(DB_URL, pool_size=10, max_overflow=5, pool_recycle=POOL_RECYCLE_HOUR)
    return engine


def engine_ping_by_default():
    engine = create_engine(
        DB_URL, pool_size=10, max_overflow=5, pool_pre_ping=True if PRE_PING_ON else False
    )
    return engine


def engine_with_fallback():
    try:
        engine = create_engine(DB_URL, pool_size=10, max_overflow=5, pool_pre_ping=True)
    except TypeError:
        # a backend that takes no pool sizes (an embedded database)
        engine = create_engine(DB_URL)
    return engine


@event.listens_for(Engine, "checkout")
def on_checkout(dbapi_connection, record, proxy):
    pass
