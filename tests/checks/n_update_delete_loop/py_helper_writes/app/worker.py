"""A batch worker: the per-row statements are one helper away."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import repo_helper
from app.models import Job


def finish(session: Session) -> None:
    jobs = session.scalars(select(Job).where(Job.state == "running")).all()
    for j in jobs:
        repo_helper.mark_done(session, j)  # expect: n_update_delete_loop HIGH


def purge(session: Session, job_ids: list[int]) -> None:
    for job_id in job_ids:
        repo_helper.forget_job(session, job_id)  # expect: n_update_delete_loop HIGH


def audit(session: Session) -> None:
    jobs = session.scalars(select(Job)).all()
    for job in jobs:
        repo_helper.record_event(session, job, "audited")  # expect: missing_bulk_ops MEDIUM


# Look-alikes: the list helper once; a write per pass that names nothing
# of the item (the same rows each time); a helper once outside the loop.
def finish_all(session: Session) -> None:
    jobs = session.scalars(select(Job).where(Job.state == "running")).all()
    repo_helper.mark_all_done(session, [j.id for j in jobs])
    for queue in ("fast", "slow", "bulk"):
        repo_helper.mark_queue_drained(session, "draining")
    repo_helper.mark_done(session, jobs[0])
