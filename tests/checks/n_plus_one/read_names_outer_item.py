# path: alerts/routing.py
# stack: sqlalchemy
"""A read inside an inner loop that names only the outer loop's item runs
once per outer item at least (times the inner items)."""
from sqlalchemy import Column, ForeignKey, Integer, String, select
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class Route(Base):
    __tablename__ = "routes"
    id = Column(Integer, primary_key=True)
    pattern = Column(String)


class Silence(Base):
    __tablename__ = "silences"
    id = Column(Integer, primary_key=True)
    fingerprint = Column(String)
    route_id = Column(Integer, ForeignKey("routes.id"))


def match_alerts(session: Session, fingerprints: list[str], rules: list) -> list:
    hits = []
    for fp in fingerprints:
        for rule in rules:
            for step in rule.steps:
                found = session.scalars(  # expect: n_plus_one MEDIUM
                    select(Silence).where(Silence.fingerprint == fp)
                ).first()
                hits.append((step, found))
    return hits


# look-alikes


def match_fixed(session: Session, rules: list) -> list:
    # the outer loop walks three fixed names
    hits = []
    for fp in ("disk", "cpu", "mem"):
        for rule in rules:
            for step in rule.steps:
                hits.append(session.scalars(
                    select(Silence).where(Silence.fingerprint == fp)).first())
    return hits


def match_none(session: Session, fingerprints: list[str], default: str) -> list:
    # the read names no loop's item: the same row each time
    hits = []
    for fp in fingerprints:
        for part in fp.split("."):
            hits.append(session.scalars(
                select(Route).where(Route.pattern == default)).first())
    return hits
