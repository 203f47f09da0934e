# path: app/api/payments.py
"""time.sleep on the event loop, and the ways that are fine."""
import asyncio
import time

from fastapi import APIRouter

router = APIRouter(prefix="/payments")


@router.post("/{payment_id}/capture")
async def capture(payment_id: int) -> dict:
    for attempt in range(3):
        if await try_capture(payment_id):
            return {"captured": True}
        time.sleep(0.5 * (attempt + 1))  # expect: sync_sleep HIGH
    return {"captured": False}


async def try_capture(payment_id: int) -> bool:
    await asyncio.sleep(0.1)
    return payment_id % 2 == 0


@router.post("/{payment_id}/settle")
async def settle(payment_id: int) -> dict:
    # look-alikes: the sleep runs on a worker thread, or is asyncio's own
    await asyncio.to_thread(time.sleep, 0.2)
    await asyncio.sleep(0.2)
    return {"settled": payment_id}


def settle_blocking(payment_id: int) -> None:
    # look-alike: a plain function, called from threads and scripts
    time.sleep(1)
