# path: app/services/refunds.py
# stack: fastapi sqlalchemy[asyncio] asyncpg
"""Reversing the fee lines of ONE payout: the loop runs over a relation of
a single row, a handful of items bounded by the object. The payout comes
as a keyword-only parameter (after a bare `*`), which is still one row of
a model, not a `*args` tuple: silent. The same loop over a true `*args`
of payouts, and over a plain list parameter, is a batch and stays
reported."""
from sqlalchemy import ForeignKey, Integer
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Payout(Base):
    __tablename__ = "payouts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fee_lines: Mapped[list["FeeLine"]] = relationship(back_populates="payout")


class FeeLine(Base):
    __tablename__ = "fee_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payout_id: Mapped[int] = mapped_column(ForeignKey("payouts.id"))
    amount: Mapped[int] = mapped_column(Integer)
    payout: Mapped[Payout] = relationship(back_populates="fee_lines")


async def reverse_fees(session: AsyncSession, *, payout: Payout) -> None:
    for line in payout.fee_lines:
        session.add(FeeLine(payout_id=payout.id, amount=-line.amount))
    await session.flush()


async def reverse_many(session: AsyncSession, *payouts: Payout) -> None:
    for payout in payouts:
        session.add(FeeLine(payout_id=payout.id, amount=0))  # expect: missing_bulk_ops MEDIUM
    await session.flush()


async def reverse_listed(session: AsyncSession, *, lines: list[FeeLine]) -> None:
    for line in lines:
        session.add(FeeLine(payout_id=line.payout_id, amount=-line.amount))  # expect: missing_bulk_ops MEDIUM
    await session.flush()
