# path: app/main.py
# stack: fastapi sqlalchemy
"""Code that exists only when a debug switch is on (a startup hook that
loads seed rows for a local run) is development tooling: its row-by-row
inserts never run in production. The same loop in the `else` of that
switch, or under a switch that is off in debug, is production code."""
import json

from fastapi import FastAPI
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import Session, declarative_base

from app import settings

Base = declarative_base()
app = FastAPI()


class Sample(Base):
    __tablename__ = "samples"
    id = Column(Integer, primary_key=True)
    text = Column(String)


def load_rows(session: Session, path):
    with open(path) as f:
        rows = json.load(f)
    for row in rows:
        session.add(Sample(text=row["text"]))  # expect: missing_bulk_ops MEDIUM
        session.flush()


if settings.DEBUG_LOAD_SAMPLES:

    @app.on_event("startup")
    def seed(session: Session):
        # look-alike: defined only with the debug switch on
        with open(settings.SAMPLES_PATH) as f:
            rows = json.load(f)
        for row in rows:
            session.add(Sample(text=row["text"]))
            session.flush()

else:

    @app.on_event("startup")
    def import_samples(session: Session):
        with open(settings.SAMPLES_PATH) as f:
            rows = json.load(f)
        for row in rows:
            session.add(Sample(text=row["text"]))  # expect: missing_bulk_ops MEDIUM
            session.flush()


if not settings.DEBUG:

    def warm(session: Session, rows):
        for row in rows:
            session.add(Sample(text=row))  # expect: missing_bulk_ops MEDIUM
            session.flush()
