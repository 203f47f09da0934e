"""Item import from CSV uploads and batch bookkeeping."""
import csv
import io
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Item

MARK_BATCH = 1000


def parse_csv(text: str) -> list[dict[str, str]]:
    return [row for row in csv.DictReader(io.StringIO(text)) if row.get("sku")]


async def import_items(session: AsyncSession, job_id: int, rows: list[dict[str, str]]) -> int:
    """Adds one Item per CSV row to the job."""
    try:
        for row in rows:
            session.add(
                Item(
                    job_id=job_id,
                    sku=row["sku"].strip(),
                    name=row.get("name", "").strip(),
                    quantity=int(row.get("quantity") or 1),
                    price_cents=int(row.get("price_cents") or 0),
                )
            )
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    return len(rows)


async def mark_processed(session: AsyncSession, item_ids: Sequence[int]) -> None:
    """Flags items as processed, one UPDATE ... WHERE id IN (...) per batch."""
    for start in range(0, len(item_ids), MARK_BATCH):
        batch = item_ids[start:start + MARK_BATCH]
        await session.execute(update(Item).where(Item.id.in_(batch)).values(processed=True))


async def items_for_job(session: AsyncSession, job_id: int) -> Sequence[Item]:
    result = await session.execute(
        select(Item).where(Item.job_id == job_id).order_by(Item.id)
    )
    return result.scalars().all()
