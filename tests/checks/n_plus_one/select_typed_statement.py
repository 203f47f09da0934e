# path: app/jobs/reminders.py
# stack: fastapi sqlalchemy[asyncio]
"""A repository runs every read through one helper handed the statement,
typed `Select`: `session.execute(statement)` there is a read, whatever
statement the caller built. A job that calls the repository once per row
of another query's result makes one query per row.

A helper typed `Executable` runs any statement (an UPDATE, a DELETE):
nothing says it reads."""
from sqlalchemy import Executable, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import job_sessionmaker
from app.models import Account, Reminder


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _run_query(self, statement: Select):
        return await self.session.execute(statement)

    async def _run_any(self, statement: Executable):
        return await self.session.execute(statement)

    async def owner_of(self, reminder: Reminder):
        result = await self._run_query(select(Account).where(Account.id == reminder.account_id))
        return result.scalar_one()

    async def owner_through_any(self, reminder: Reminder):
        result = await self._run_any(select(Account).where(Account.id == reminder.account_id))
        return result.scalar_one()


async def send_reminders():
    async with job_sessionmaker() as session:
        account_repository = AccountRepository(session)
        result = await session.execute(select(Reminder).where(Reminder.due.is_(True)))
        for reminder in result.scalars():
            owner = await account_repository.owner_of(reminder)  # expect: n_plus_one MEDIUM
            print(owner.email, reminder.text)


# Look-alike: the same lookup through the helper typed `Executable`:
# what it runs is not known from its type, and the check stays silent
# rather than guess.
async def send_reminders_any():
    async with job_sessionmaker() as session:
        account_repository = AccountRepository(session)
        result = await session.execute(select(Reminder).where(Reminder.due.is_(True)))
        for reminder in result.scalars():
            owner = await account_repository.owner_through_any(reminder)
            print(owner.email, reminder.text)
