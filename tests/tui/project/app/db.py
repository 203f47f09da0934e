"""Database engine and session factory for the ledger service."""
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

DATABASE_URL = "postgresql+asyncpg://ledger:ledger@db/ledger"

engine = create_async_engine(DATABASE_URL, pool_size=10, echo=False)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session():
    async with SessionLocal() as session:
        yield session
