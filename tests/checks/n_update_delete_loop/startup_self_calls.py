# path: app/provisioning.py
# stack: fastapi sqlalchemy
"""A provisioner's start-up method (`setup`) calls its helpers through
`self.`: a helper that nothing else calls is start-up code too, and its
loop over the keys the environment names is silent. The same helper also
called from a route on a new object runs per request and stays
reported."""
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


class Provisioner:
    def setup(self) -> None:
        self._drop_retired()
        self._drop_listed()

    # Look-alike: reached only from setup, through self.
    def _drop_retired(self) -> None:
        names = os.environ.get("RETIRED_KEYS", "").split(",")
        with Session(engine) as session:
            for name in names:
                session.execute(delete(ApiKey).where(ApiKey.name == name))
            session.commit()

    def _drop_listed(self) -> None:
        names = os.environ.get("LISTED_KEYS", "").split(",")
        with Session(engine) as session:
            for name in names:
                session.execute(delete(ApiKey).where(ApiKey.name == name))  # expect: n_update_delete_loop HIGH
            session.commit()


@router.post("/keys/prune")
def prune_keys() -> dict:
    Provisioner()._drop_listed()
    return {"ok": True}
