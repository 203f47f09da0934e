"""Row helpers shared by the workers: one statement per call, except
mark_all_done, which takes the list."""
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from app.models import Job, JobEvent


def mark_done(session: Session, job: Job) -> None:
    session.execute(update(Job).where(Job.id == job.id).values(state="done"))


def forget_job(session: Session, job_id: int) -> None:
    session.execute(delete(Job).where(Job.id == job_id))


def record_event(session: Session, job: Job, kind: str) -> None:
    event = JobEvent(job_id=job.id, kind=kind)
    session.add(event)


def mark_all_done(session: Session, ids: list[int]) -> None:
    session.execute(update(Job).where(Job.id.in_(ids)).values(state="done"))


def mark_queue_drained(session: Session, queue: str) -> None:
    session.execute(update(Job).where(Job.state == queue).values(state="idle"))
