# path: app/api/archive.py
"""Look-alikes: an open() that is not the builtin, async file APIs."""
import anyio
import aiofiles
from fastapi import APIRouter

router = APIRouter(prefix="/archive")


class Vault:
    def open(self) -> "Vault":
        return self


@router.post("/unlock")
async def unlock() -> dict:
    # a project class's open(), not a file
    Vault().open()
    return {"ok": True}


@router.post("/door")
async def door() -> dict:
    def open() -> str:
        return "door opened"

    # the local function shadows the builtin
    return {"said": open()}


@router.get("/{name}")
async def read_async(name: str) -> bytes:
    async with aiofiles.open(f"/srv/archive/{name}", "rb") as fh:
        head = await fh.read()
    path = anyio.Path(f"/srv/archive/{name}.meta")
    async with await path.open() as meta:
        await meta.read()
    return head
