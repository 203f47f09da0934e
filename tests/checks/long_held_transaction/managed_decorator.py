# path: app/repository.py
# stack: fastapi sqlalchemy celery
"""A project decorator that commits (or flushes) after the method returns
makes the method one transaction, though no block is written. A helper
under the same decorator has flushed its rows by the time it returns, so
its caller holds their locks from there to its own end."""
from functools import wraps

from sqlalchemy.orm import Session

from app.models import Comment, Flag
from app.tasks import moderate_comment, notify_moderators, reindex_thread


def in_transaction(flush_only: bool = False):
    def decorator(fn):
        @wraps(fn)
        def wrapper(self, *args, **kwargs):
            try:
                result = fn(self, *args, **kwargs)
                if flush_only:
                    self.db.flush()
                else:
                    self.db.commit()
                return result
            except Exception:
                self.db.rollback()
                raise

        return wrapper

    return decorator


class CommentRepository:
    def __init__(self, db: Session):
        self.db = db

    @in_transaction(flush_only=True)
    def insert_comment(self, thread_id: int, text: str) -> Comment:
        comment = Comment(thread_id=thread_id, text=text)
        self.db.add(comment)
        return comment

    @in_transaction(flush_only=True)
    def insert_flag(self, comment_id: int, reason: str) -> Flag:
        flag = Flag(comment_id=comment_id, reason=reason)
        self.db.add(flag)
        return flag

    def find_comment(self, comment_id: int) -> Comment:
        return self.db.get(Comment, comment_id)

    @in_transaction()
    def post_comment(self, thread_id: int, text: str) -> Comment:
        comment = self.insert_comment(thread_id, text)
        moderate_comment.delay(comment.id)  # expect: long_held_transaction HIGH
        return comment

    @in_transaction()
    def flag_comment(self, comment_id: int, reason: str) -> Flag:
        flag = self.insert_flag(comment_id, reason)
        if reason == "abuse":
            notify_moderators.apply_async(args=[comment_id], queue="urgent")  # expect: long_held_transaction HIGH
        return flag

    # Look-alike: only a read before the task is queued.
    @in_transaction()
    def touch_thread(self, comment_id: int) -> None:
        comment = self.find_comment(comment_id)
        reindex_thread.delay(comment.thread_id)

    # Look-alike: no managing decorator; the caller decides when to commit
    # and nothing here is flushed before the task is queued.
    def draft_comment(self, thread_id: int, text: str) -> Comment:
        comment = Comment(thread_id=thread_id, text=text)
        self.db.add(comment)
        moderate_comment.delay(thread_id)
        return comment
