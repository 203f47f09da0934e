"""Session helpers of a service: some hand out a session of their own,
some only lend one."""
from functools import lru_cache

from arq import create_pool
from sqlmodel import Session

from app.engine import engine
from app.settings import redis_settings


def new_session() -> Session:
    # a fresh session the caller must close
    return Session(engine)


def session_for(tenant_id: str) -> Session:
    session = new_session()
    session.info["tenant"] = tenant_id
    return session


def request_session():
    # a dependency: the with block closes what it yields
    with Session(engine) as session:
        yield session


@lru_cache
def reporting_session() -> Session:
    # one shared session for the process, on purpose
    return Session(engine)


def borrowed(session=None):
    # hands back the caller's session when given one
    if session is not None:
        return session
    return Session(engine)


async def queue_pool():
    return await create_pool(redis_settings())
