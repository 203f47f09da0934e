# path: app/server_hooks.py
# stack: fastapi sqlalchemy
"""A server start-up hook (gunicorn's `on_starting` in the config module)
provisions rows from the environment: a handful of settings values,
once per start. The per-row checks stay silent there. The same hook
walking a table's rows grows with the data and stays reported, and so
does the settings loop in a function a handler calls."""
import json
import os

from fastapi import APIRouter
from sqlalchemy import Integer, String, delete
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.db import engine

router = APIRouter()


class Base(DeclarativeBase):
    pass


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    stale: Mapped[int] = mapped_column(Integer)


def provision_keys() -> None:
    names = os.environ.get("DEFAULT_KEYS", "").split(",")
    with Session(engine) as session:
        for name in names:
            session.execute(delete(ApiKey).where(ApiKey.name == name))
            session.add(ApiKey(name=name, stale=0))
        session.commit()


def prune_keys() -> None:
    with Session(engine) as session:
        for key in session.query(ApiKey).all():
            session.execute(delete(ApiKey).where(ApiKey.id == key.id))  # expect: n_update_delete_loop HIGH
        session.commit()


def load_keys(path: str) -> None:
    with open(path) as f:
        rows = json.load(f)
    with Session(engine) as session:
        for row in rows:
            session.add(ApiKey(name=row["name"], stale=0))  # expect: missing_bulk_ops MEDIUM
        session.commit()


def on_starting(server=None) -> None:
    provision_keys()
    prune_keys()
    load_keys("/etc/keys.json")


@router.post("/keys:reset")
def reset_keys() -> None:
    names = os.environ.get("DEFAULT_KEYS", "").split(",")
    with Session(engine) as session:
        for name in names:
            session.execute(delete(ApiKey).where(ApiKey.name == name))  # expect: n_update_delete_loop HIGH
        session.commit()
