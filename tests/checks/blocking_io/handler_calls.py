# path: app/api/exports.py
"""Export endpoints that do their I/O on the event loop."""
import subprocess
from pathlib import Path

import requests
from fastapi import APIRouter

router = APIRouter(prefix="/exports")
EXPORT_DIR = Path("/var/lib/exports")


@router.get("/{name}")
async def download(name: str) -> bytes:
    return (EXPORT_DIR / name).read_bytes()  # expect: blocking_io HIGH


@router.get("/{name}/lines")
async def count_lines(name: str) -> int:
    with open(EXPORT_DIR / name, "rb") as fh:  # expect: blocking_io HIGH
        return sum(1 for _ in fh)


@router.post("/{name}/publish")
async def publish(name: str, body: bytes) -> dict:
    # still blocking, but bounded by its timeout: SPEC 4 rule 6 lowers it one level
    reply = requests.put(f"https://cdn.internal/{name}", data=body, timeout=10)  # expect: blocking_io MEDIUM
    return {"status": reply.status_code}


@router.post("/{name}/compress")
async def compress(name: str) -> dict:
    subprocess.run(["gzip", "-k", str(EXPORT_DIR / name)], check=True)  # expect: blocking_io HIGH
    return {"ok": True}
