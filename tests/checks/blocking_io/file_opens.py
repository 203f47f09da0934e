# path: app/api/uploads.py
"""Opening files on the event loop, in the less obvious spellings."""
import io
import os
from pathlib import Path

from fastapi import APIRouter

router = APIRouter(prefix="/uploads")
UPLOADS = Path("/srv/uploads")


@router.get("/{name}/size")
async def size(name: str) -> int:
    return len(open(UPLOADS / name, "rb").read())  # expect: blocking_io HIGH


@router.get("/{name}/raw")
async def raw(name: str) -> bytes:
    with io.open(UPLOADS / name, "rb") as fh:  # expect: blocking_io HIGH
        return fh.read()


@router.post("/{fd}/adopt")
async def adopt(fd: int) -> bytes:
    return os.fdopen(fd, "rb").read()  # expect: blocking_io HIGH


@router.get("/{name}/pair")
async def pair(name: str) -> list[str]:
    (meta, data) = (Path(f"/srv/meta/{name}"), Path(f"/srv/data/{name}"))
    with data.open() as fh:  # expect: blocking_io HIGH
        first = fh.readline()
    return [str(meta), first]


@router.get("/{name}/later")
async def later(name: str) -> str:
    target = UPLOADS / name
    src = Path(f"/srv/staging/{name}")

    async def copy_later() -> None:
        # a nested async def still runs on the loop; src comes from outside
        with src.open("rb") as fh:  # expect: blocking_io HIGH
            target.write_bytes(fh.read())  # expect: blocking_io HIGH

    await copy_later()
    return str(target)
