"""Account endpoints."""
import time

import requests
from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models import Account

router = APIRouter(prefix="/accounts")


@router.get("/{account_id}")
async def read_account(account_id: int, session: AsyncSession = Depends(get_session)):
    account = await session.get(Account, account_id)
    return {"id": account.id, "owner": account.owner, "balance": str(account.balance)}


@router.post("/{account_id}/statement")
async def export_statement(account_id: int, session: AsyncSession = Depends(get_session)):
    rows = await session.execute(select(Account).where(Account.id == account_id))
    account = rows.scalar_one()
    with open(f"/var/statements/{account.id}.txt", "w") as fh:
        fh.write(f"{account.owner}: {account.balance}\n")
    return {"ok": True}


@router.post("/{account_id}/verify")
async def verify_owner(account_id: int):
    reply = requests.get(f"https://kyc.example.com/check/{account_id}", timeout=5)
    time.sleep(0.2)
    return {"verified": reply.ok}
