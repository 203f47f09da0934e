"""Operator endpoints."""
from fastapi import APIRouter, HTTPException, status

from app.api.deps import CurrentUser, SessionDep
from app.services.audit import recent_for_entity
from app.services.jobs import requeue_stale_jobs

router = APIRouter(prefix="/admin", tags=["admin"])


@router.post("/jobs/requeue-stale")
async def requeue_stale(session: SessionDep, user: CurrentUser) -> dict[str, int]:
    if not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN)
    return {"requeued": await requeue_stale_jobs(session)}


@router.get("/jobs/{job_id}/audit")
async def job_audit(job_id: int, session: SessionDep, user: CurrentUser) -> list[dict]:
    if not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN)
    entries = await recent_for_entity(session, "job", job_id)
    return [
        {"action": e.action, "actor_id": e.actor_id, "at": e.created_at.isoformat()}
        for e in entries
    ]
