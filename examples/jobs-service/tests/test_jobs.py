"""Smoke tests against a running stack (docker compose up)."""
import time

import httpx
import pytest

BASE = "http://localhost:8000"


@pytest.mark.asyncio
async def test_submit_and_follow_job():
    async with httpx.AsyncClient(base_url=BASE, headers={"x-user-id": "1"}) as client:
        created = await client.post("/jobs", json={"kind": "import", "items": []})
        assert created.status_code == 201
        job_id = created.json()["id"]
        for _ in range(20):
            job = (await client.get(f"/jobs/{job_id}")).json()
            if job["status"] == "done":
                break
            time.sleep(0.25)
        assert job["status"] == "done"
