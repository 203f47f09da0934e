# path: app/api/proxy.py
# stack: fastapi httpx requests
"""Look-alikes: async clients, non-I/O client methods, off-loop calls."""
import asyncio

import httpx
import requests
from fastapi import APIRouter

router = APIRouter(prefix="/proxy")


@router.get("/{path}")
async def proxy(path: str) -> bytes:
    async with httpx.AsyncClient() as client:
        reply = await client.get(f"https://upstream.example/{path}")
    return reply.content


@router.get("/pooled/{path}")
async def pooled(path: str) -> bytes:
    client = httpx.AsyncClient()
    reply = await client.get(f"https://upstream.example/{path}")
    await client.aclose()
    return reply.content


@router.post("/prepared")
async def prepared(body: dict) -> dict:
    # building a request and closing a client do no network round trip
    client = httpx.Client()
    built = client.build_request("POST", "https://upstream.example/", json=body)
    client.close()
    return {"method": built.method}


@router.get("/threaded/{path}")
async def threaded(path: str) -> bytes:
    session = requests.Session()  # expect: missing_cleanup MEDIUM
    # the bound method runs on a worker thread
    reply = await asyncio.to_thread(session.get, f"https://upstream.example/{path}")
    return reply.content


@router.get("/nested/{path}")
async def nested(path: str) -> int:
    def fetch() -> int:
        with httpx.Client() as client:
            return client.get(f"https://upstream.example/{path}").status_code

    return await asyncio.to_thread(fetch)


@router.get("/headers")
async def headers(extra: dict) -> dict:
    # a dict's get is not an HTTP call
    merged = {"accept": "application/json"}
    merged.update(extra)
    return {"accept": merged.get("accept")}


# a module-level synchronous client, shadowed below
upstream = httpx.Client(base_url="https://upstream.example")


async def relay(upstream, path: str) -> bytes:
    # the parameter, not the module's client
    reply = upstream.get(path)
    return reply.content


async def relay_async(path: str) -> bytes:
    upstream = httpx.AsyncClient(base_url="https://upstream.example")  # expect: missing_cleanup MEDIUM
    # the local async client shadows the module's: a coroutine, awaited later
    pending = upstream.get(path)
    reply = await pending
    return reply.content
