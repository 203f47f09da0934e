# path: scripts/rebuild_search.py
"""Look-alike: an operator script. NullPool and no pre-ping are right for a
process that opens one connection and exits."""
import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.config import settings


async def main() -> None:
    engine = create_async_engine(settings.database_url, poolclass=NullPool)
    async with engine.begin() as conn:
        await conn.execute(text("REFRESH MATERIALIZED VIEW search_index"))
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
