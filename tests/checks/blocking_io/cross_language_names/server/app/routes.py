"""A Python service beside a Node bot in one repository: Python's set()
is the builtin, never the bot's TypeScript function of the same name."""
from fastapi import APIRouter

router = APIRouter()


@router.get("/workers")
async def list_workers(names: str):
    seen = set()
    for name in names.split(","):
        seen.add(name.strip())
    return {"workers": sorted(seen)}
