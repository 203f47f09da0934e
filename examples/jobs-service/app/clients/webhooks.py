"""Outgoing webhooks: signed POSTs to the URL a job was submitted with."""
import hashlib
import hmac
import json
import logging

import httpx

from app.core.config import settings

logger = logging.getLogger(__name__)


def sign(body: bytes) -> str:
    return hmac.new(settings.webhook_secret.encode(), body, hashlib.sha256).hexdigest()


async def deliver(url: str, event: str, data: dict) -> bool:
    """POSTs one event; returns False instead of raising so callers can move on."""
    body = json.dumps({"event": event, "data": data}).encode()
    headers = {"content-type": "application/json", "x-jobs-signature": sign(body)}
    try:
        async with httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0)) as client:
            response = await client.post(url, content=body, headers=headers)
            response.raise_for_status()
    except httpx.HTTPError as exc:
        logger.warning("webhook %s to %s failed: %s", event, url, exc)
        return False
    return True
