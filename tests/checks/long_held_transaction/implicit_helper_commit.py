# path: app/services/devices.py
# stack: fastapi sqlalchemy[asyncio] httpx requests
"""The implicit transaction ends where a project helper commits the
session it is handed; a query after `session.add()` autoflushes the
pending INSERT, so the transaction holds its locks from there on."""
import smtplib
from email.message import EmailMessage

import httpx
import requests
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.models import Device, Subscription

PUSH_URL = "https://push.example.com/v1/register"


async def save(session: AsyncSession) -> None:
    try:
        await session.commit()
    except Exception:
        await session.rollback()
        raise


def save_sync(session: Session) -> None:
    try:
        session.commit()
    except Exception:
        session.rollback()
        raise


async def unregister(session: AsyncSession, client: httpx.AsyncClient, device_id: int) -> None:
    await session.execute(delete(Device).where(Device.id == device_id))
    await client.post(PUSH_URL, json={"remove": device_id})  # expect: long_held_transaction HIGH
    await save(session)


def register(session: Session, user_id: int, token: str) -> None:
    session.add(Device(user_id=user_id, token=token))
    count = session.query(Device).filter_by(user_id=user_id).count()
    requests.post(PUSH_URL, json={"token": token, "n": count}, timeout=5)  # expect: long_held_transaction HIGH
    save_sync(session)


def cancel(session: Session, sub_id: int, mail: EmailMessage) -> None:
    session.execute(delete(Subscription).where(Subscription.id == sub_id))
    with smtplib.SMTP("mail.internal", 25, timeout=10) as smtp:
        smtp.send_message(mail)  # expect: long_held_transaction HIGH
    save_sync(session)


# Look-alike: the push call runs before the first write.
async def register_async(session: AsyncSession, client: httpx.AsyncClient, token: str) -> None:
    await client.post(PUSH_URL, json={"token": token})
    session.add(Device(token=token))
    await save(session)


# Look-alike: the helper commits first, the push runs after it.
async def unregister_then_push(session: AsyncSession, client: httpx.AsyncClient, device_id: int) -> None:
    await session.execute(delete(Device).where(Device.id == device_id))
    await save(session)
    await client.post(PUSH_URL, json={"remove": device_id})


# Look-alike: reads, then the call, then a write committed at once.
async def refresh(session: AsyncSession, client: httpx.AsyncClient, user_id: int) -> None:
    rows = (await session.execute(select(Device).where(Device.user_id == user_id))).scalars().all()
    resp = await client.get(PUSH_URL, params={"n": len(rows)})
    session.add(Device(user_id=user_id, token=resp.text))
    await save(session)


# Look-alike: the lookup runs under `no_autoflush`, so the pending INSERT
# is still unsent when the push call is made.
def register_quietly(session: Session, user_id: int, token: str) -> None:
    session.add(Device(user_id=user_id, token=token))
    with session.no_autoflush:
        count = session.query(Device).filter_by(user_id=user_id).count()
    requests.post(PUSH_URL, json={"token": token, "n": count}, timeout=5)
    save_sync(session)
