# path: app/api/webhooks.py
# stack: fastapi httpx requests
"""Synchronous HTTP clients used from async handlers, through a variable."""
import asyncio
from typing import Optional

import httpx
import requests
from fastapi import APIRouter

router = APIRouter(prefix="/webhooks")

# one shared synchronous client for the whole module
partner_api = httpx.Client(base_url="https://partner.example")


@router.post("/{hook_id}/deliver")
async def deliver(hook_id: int, payload: dict) -> dict:
    sender = httpx.Client()
    reply = sender.post("https://hooks.example/in", json=payload)  # expect: blocking_io HIGH
    sender.close()
    return {"status": reply.status_code}


@router.get("/partner/{key}")
async def partner_lookup(key: str) -> dict:
    return partner_api.get(f"/items/{key}").json()  # expect: blocking_io HIGH


@router.get("/status")
async def status() -> dict:
    with httpx.Client() as probe:
        head = probe.head("https://status.example/")  # expect: blocking_io HIGH
    with requests.Session() as browser:
        page = browser.get("https://status.example/page")  # expect: blocking_io HIGH
    return {"up": head.status_code == 200, "page": page.ok}


@router.get("/mirror/{name}")
async def mirror(name: str) -> bytes:
    # module-level helpers of httpx are blocking too
    return httpx.get(f"https://mirror.example/{name}").content  # expect: blocking_io HIGH


async def forward(event: dict, upstream: httpx.Client) -> int:
    built = upstream.build_request("POST", "/events", json=event)
    return upstream.send(built).status_code  # expect: blocking_io MEDIUM


async def maybe_notify(event: dict, notifier: Optional[httpx.Client]) -> None:
    if notifier is not None:
        notifier.put("/notify", json=event)  # expect: blocking_io MEDIUM


async def maybe_audit(event: dict, auditor: httpx.Client | None = None) -> None:
    if auditor:
        auditor.patch("/audit", json=event)  # expect: blocking_io MEDIUM


async def purge_cache(key: str) -> None:
    cdn: httpx.Client = make_cdn_client()
    cdn.delete(f"/cache/{key}")  # expect: blocking_io MEDIUM


async def read_manifest(url: str) -> bytes:
    # the chain starts with the blocking call
    from urllib.request import urlopen
    return urlopen(url).read()  # expect: blocking_io MEDIUM
