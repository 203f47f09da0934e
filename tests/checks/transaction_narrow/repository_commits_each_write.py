# path: app/services/signup.py
# stack: fastapi sqlalchemy[asyncio] asyncpg
"""Repositories whose write methods commit the session they hold: a service
calling two of them for one change splits it over two commits. A failure
between them leaves the first write alone (an account with no profile, a
ticket consumed but the action not done). Look-alikes: one write, unrelated
writes, writes in exclusive branches, per-item writes in a loop, reads."""
from sqlalchemy import Integer, String, select
from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import session_maker
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


router = APIRouter()


async def get_session():
    async with session_maker() as session:
        yield session


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(200))
    confirmed: Mapped[bool] = mapped_column()


class Profile(Base):
    __tablename__ = "profiles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer)
    nickname: Mapped[str] = mapped_column(String(80))


class Ticket(Base):
    __tablename__ = "tickets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))


class Repo:
    model = Base

    def __init__(self, session: AsyncSession):
        self.session = session

    async def add(self, row):
        self.session.add(row)
        await self.session.commit()
        return row

    async def save(self, row) -> None:
        self.session.add(row)
        await self.session.commit()

    async def remove(self, row) -> None:
        await self.session.delete(row)
        await self.session.commit()

    async def find(self, pk: int):
        return await self.session.get(self.model, pk)


class AccountRepo(Repo):
    model = Account


class ProfileRepo(Repo):
    model = Profile


class TicketRepo(Repo):
    model = Ticket

    async def for_account(self, account_id: int, code: str):
        statement = select(Ticket).where(Ticket.account_id == account_id, Ticket.code == code)
        return await self.session.scalar(statement)


class SignupService:
    def __init__(self, session: AsyncSession):
        self.accounts = AccountRepo(session)
        self.profiles = ProfileRepo(session)
        self.tickets = TicketRepo(session)

    async def register(self, email: str, nickname: str) -> Account:
        account = await self.accounts.add(Account(email=email, confirmed=False))  # expect: transaction_narrow HIGH
        profile = Profile(account_id=account.id, nickname=nickname)
        await self.profiles.add(profile)
        return account

    async def confirm(self, account: Account, code: str) -> None:
        ticket = await self.tickets.for_account(account.id, code)
        account.confirmed = True
        await self.accounts.save(account)  # expect: transaction_narrow MEDIUM
        await self.tickets.remove(ticket)

    # look-alike: one write
    async def rename(self, profile: Profile, nickname: str) -> None:
        profile.nickname = nickname
        await self.profiles.save(profile)

    # look-alike: two writes about rows that have nothing to do with each other
    async def seed(self) -> None:
        await self.accounts.add(Account(email="ops@example.com", confirmed=True))
        await self.profiles.add(Profile(account_id=0, nickname="system"))

    # look-alike: one write or the other, never both
    async def touch(self, account: Account, profile: Profile, which: str) -> None:
        if which == "account":
            await self.accounts.save(account)
        else:
            await self.profiles.save(profile)

    # look-alike: reads only
    async def lookup(self, pk: int):
        account = await self.accounts.find(pk)
        profile = await self.profiles.find(pk)
        return account, profile


@router.post("/signup")
async def signup(email: str, nickname: str, session: AsyncSession = Depends(get_session)):
    account = await SignupService(session).register(email, nickname)
    return {"id": account.id}
