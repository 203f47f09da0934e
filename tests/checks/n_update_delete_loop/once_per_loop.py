# path: app/services/imports.py
"""Writes inside a loop that run at most once per run of the loop: in an
except that re-raises, or in a branch that returns or breaks. Only the
write that runs for every item is one round trip per row."""
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Import, Line


async def load_lines(session: AsyncSession, import_id: int, lines: list) -> None:
    async with session.begin():
        for line in lines:
            try:
                line.validate()
            except ValueError:
                # the whole import is marked once, then the error goes up
                await session.execute(
                    update(Import).where(Import.id == import_id).values(state="broken", bad=line.no)
                )
                raise


async def claim_first(session: AsyncSession, imports: list) -> int | None:
    async with session.begin():
        for imp in imports:
            if imp.ready:
                await session.execute(update(Import).where(Import.id == imp.id).values(owner=1))
                return imp.id
    return None


async def close_all(session: AsyncSession, imports: list) -> None:
    async with session.begin():
        for imp in imports:
            await session.execute(update(Import).where(Import.id == imp.id).values(state="closed"))  # expect: n_update_delete_loop HIGH
