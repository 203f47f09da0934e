# path: app/api/polling.py
"""Blocking sleeps under other names, and async sleeps that are fine."""
import asyncio
import time as clock
from time import sleep

import anyio
import trio
from fastapi import APIRouter

router = APIRouter(prefix="/poll")


@router.get("/wait")
async def wait_ready() -> dict:
    sleep(0.2)  # expect: sync_sleep HIGH
    clock.sleep(0.1)  # expect: sync_sleep HIGH
    return {"ready": True}


@router.get("/calm")
async def calm() -> dict:
    # look-alikes: the event loops' own sleeps
    await asyncio.sleep(0.1)
    await anyio.sleep(0.1)
    await trio.sleep(0.1)
    return {"ready": True}


@router.get("/offloaded")
async def offloaded() -> dict:
    # look-alikes: the blocking sleep on a worker thread
    await anyio.to_thread.run_sync(clock.sleep, 0.1)

    def pause() -> None:
        sleep(0.1)

    await asyncio.get_running_loop().run_in_executor(None, pause)
    return {"ready": True}
