from prometheus_client import Gauge
from sqlalchemy import event

from app.db import engine

CHECKED_OUT = Gauge("db_pool_checked_out", "Connections checked out of the main pool")


@event.listens_for(engine.sync_engine, "checkout")
def on_checkout(dbapi_conn, record, proxy):
    CHECKED_OUT.inc()


@event.listens_for(engine.sync_engine, "checkin")
def on_checkin(dbapi_conn, record):
    CHECKED_OUT.dec()
