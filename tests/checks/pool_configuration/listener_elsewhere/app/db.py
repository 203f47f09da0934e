"""Look-alike across files: the pool is observed, by a listener in another module."""
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from app.config import settings

engine = create_async_engine(
    settings.database_url, pool_pre_ping=True, pool_recycle=900, pool_size=8, max_overflow=4
)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)

# a second engine nobody observes: only the listener finding is left
audit_engine = create_async_engine(  # expect: pool_configuration MEDIUM
    settings.audit_url, pool_pre_ping=True, pool_recycle=900, pool_size=2, max_overflow=2
)
