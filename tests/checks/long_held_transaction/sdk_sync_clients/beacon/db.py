from sqlalchemy import event
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://beacon@db/beacon", pool_pre_ping=True,
                             pool_recycle=1800, pool_size=10, max_overflow=5)
event.listen(engine.sync_engine, "checkout", lambda *a: None)
job_sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
