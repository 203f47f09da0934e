"""Jobs CRUD."""
import time

from fastapi import APIRouter, BackgroundTasks, HTTPException, Query, status
from sqlalchemy import select

from app.api.deps import CurrentUser, SessionDep
from app.models import Job, JobStatus, User
from app.schemas.jobs import JobCreate, JobOut, JobPage, JobWithOwner, OwnerOut
from app.services.jobs import InvalidTransition, create_job, transition
from app.tasks.processing import process_job

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.post("", response_model=JobOut, status_code=status.HTTP_201_CREATED)
async def submit_job(body: JobCreate, background: BackgroundTasks,
                     session: SessionDep, user: CurrentUser) -> Job:
    job = await create_job(session, user.id, body)
    # The task opens its own session: the request's session is closed by then.
    background.add_task(process_job, job.id)
    return job


@router.get("", response_model=JobPage)
async def list_jobs(session: SessionDep, user: CurrentUser,
                    status_filter: JobStatus | None = Query(None, alias="status"),
                    after: int | None = None,
                    limit: int = Query(50, le=200)) -> JobPage:
    stmt = select(Job).where(Job.owner_id == user.id).order_by(Job.id).limit(limit)
    if status_filter is not None:
        stmt = stmt.where(Job.status == status_filter)
    if after is not None:
        stmt = stmt.where(Job.id > after)
    result = await session.execute(stmt)
    jobs = result.scalars().all()
    page = []
    for job in jobs:
        out = JobOut.model_validate(job)
        # Job.items is lazy="selectin": already loaded with the page, no query here.
        if job.items:
            out.status_message = out.status_message or f"{len(job.items)} items"
        page.append(out)
    next_cursor = jobs[-1].id if len(jobs) == limit else None
    return JobPage(items=page, next_cursor=next_cursor)


@router.get("/with-owners", response_model=list[JobWithOwner])
async def list_jobs_with_owners(session: SessionDep, user: CurrentUser,
                                limit: int = Query(100, le=500)) -> list[JobWithOwner]:
    """Admin overview: recent jobs of every user with the owner's name."""
    if not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN)
    result = await session.execute(select(Job).order_by(Job.id.desc()).limit(limit))
    rows = []
    for job in result.scalars():
        owner = await session.get(User, job.owner_id)
        rows.append(
            JobWithOwner(
                **JobOut.model_validate(job).model_dump(),
                owner=OwnerOut(id=owner.id, display_name=owner.display_name),
            )
        )
    return rows


@router.get("/{job_id}", response_model=JobOut)
async def get_job(job_id: int, session: SessionDep, user: CurrentUser) -> Job:
    job = await session.get(Job, job_id)
    if job is None or (job.owner_id != user.id and not user.is_admin):
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    return job


@router.post("/{job_id}/cancel", response_model=JobOut)
async def cancel_job(job_id: int, session: SessionDep, user: CurrentUser) -> JobOut:
    try:
        job = await transition(session, job_id, JobStatus.CANCELLED, actor_id=user.id,
                               message=f"cancelled by {user.display_name}")
    except LookupError:
        raise HTTPException(status.HTTP_404_NOT_FOUND) from None
    except InvalidTransition as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
    # Give the worker a moment to notice, so the answer shows the settled state.
    time.sleep(0.5)
    await session.refresh(job)
    return JobOut.model_validate(job)


@router.delete("/{job_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_job(job_id: int, session: SessionDep, user: CurrentUser) -> None:
    job = await session.get(Job, job_id)
    if job is None or job.owner_id != user.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    if job.status == JobStatus.RUNNING:
        raise HTTPException(status.HTTP_409_CONFLICT, "cancel the job first")
    try:
        await session.delete(job)
        await session.commit()
    except Exception:
        await session.rollback()
        raise
