# path: app/api/reports.py
"""Look-alikes: the same calls, kept off the event loop."""
import asyncio
import subprocess
from pathlib import Path

import aiofiles
from fastapi import APIRouter

router = APIRouter(prefix="/reports")
REPORT_DIR = Path("/var/lib/reports")


@router.get("/{name}")
async def read_report(name: str) -> bytes:
    # a reference handed to a thread: nothing runs here
    return await asyncio.to_thread((REPORT_DIR / name).read_bytes)


@router.get("/{name}/head")
async def report_head(name: str) -> str:
    async with aiofiles.open(REPORT_DIR / name) as fh:
        return await fh.readline()


@router.post("/{name}/render")
async def render(name: str) -> dict:
    def run_renderer() -> int:
        # a nested def: it runs where it is called, on the executor below
        return subprocess.run(["render", name], check=False).returncode

    loop = asyncio.get_running_loop()
    code = await loop.run_in_executor(None, run_renderer)
    return {"code": code}


@router.get("/{name}/size")
def report_size(name: str) -> int:
    # a plain def endpoint: FastAPI runs it in its thread pool
    with open(REPORT_DIR / name, "rb") as fh:
        return len(fh.read())
