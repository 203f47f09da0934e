# path: app/workers/poller.py
"""A queue poller started by the worker process (not a request path)."""
import asyncio
import time


async def poll_forever(queue) -> None:
    while True:
        batch = await queue.fetch(50)
        if not batch:
            time.sleep(2)  # expect: sync_sleep MEDIUM
            continue
        await asyncio.gather(*(handle(item) for item in batch))


async def handle(item) -> None:
    def slow_ack() -> None:
        # look-alike: a nested def run on the default executor
        time.sleep(0.05)
        item.ack()

    await asyncio.get_running_loop().run_in_executor(None, slow_ack)
