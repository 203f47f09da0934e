import asyncio

import httpx

from relay.queries import open_entries, pending_hooks


async def deliver_forever(account: str):
    # look-alike: pending_hooks reads in the db's own connection block,
    # closed before it returns; nothing is open across the sleep
    while True:
        for hook in await pending_hooks(account):
            async with httpx.AsyncClient() as client:
                await client.post(hook["url"], json={"id": hook["id"]}, timeout=10)
        await asyncio.sleep(60)


async def settle_forever(account: str):
    # the ledger session lives on: its read opens a transaction that stays
    # idle across the sleep
    while True:
        entries = await open_entries(account)
        await asyncio.sleep(60)  # expect: long_held_transaction HIGH
        print(len(entries))
