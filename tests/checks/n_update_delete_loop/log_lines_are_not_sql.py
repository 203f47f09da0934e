# path: app/services/sources.py
"""A log line or a metric name that starts like an SQL keyword
(`update_ranks`, `delete_source`) is not a statement: only real SQL is
a per-row write."""
import logging

from sqlalchemy import text
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)


class Metrics:
    def send(self, name: str, kind: str, value: int) -> None:
        ...


metrics = Metrics()


def report_rank(tree) -> None:
    try:
        tree.recompute()
    except ValueError:
        logger.exception("update_message_ranks(%s) failed", tree.id)


def count_removal(source) -> None:
    metrics.send("delete_source_association", "counter", source.id)


def recompute(session: Session, trees: list) -> None:
    with session.begin():
        for tree in trees:
            report_rank(tree)
            count_removal(tree)


def archive(session: Session, ids: list[int]) -> None:
    with session.begin():
        for source_id in ids:
            session.execute(text("UPDATE sources SET archived = true WHERE id = :id"), {"id": source_id})  # expect: n_update_delete_loop HIGH
