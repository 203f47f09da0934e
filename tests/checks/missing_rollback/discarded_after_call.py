# path: app/tasks/sweeper.py
# stack: sqlalchemy
"""A background sweeper with its own scoped session. A method that
commits, catches a failed commit and only logs it is silent when its only
call runs outside any loop and the caller's next use of that session is
to discard it (`self.db.remove()`): no later statement meets the failed
session. Called per item of a loop, or followed by another query on the
same session, it keeps its finding."""
import logging

from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker

Base = declarative_base()
log = logging.getLogger(__name__)
engine = create_engine("sqlite:///cache.db")


class Preview(Base):
    __tablename__ = "preview"
    id = Column(Integer, primary_key=True)
    owner_id = Column(Integer)
    kind = Column(String)


class PreviewSweeper:
    def __init__(self, owner_id):
        self.owner_id = owner_id
        self.db = scoped_session(sessionmaker(bind=engine))

    def run(self):
        if self.owner_id < 0:
            self.drop_all()
        else:
            for preview in self.previews_of(self.owner_id):
                self.drop_one(preview)
        log.info("sweep done")
        self.db.remove()

    def recount(self):
        self.drop_kind("draft")
        total = self.db.query(Preview).count()
        self.db.remove()
        return total

    def previews_of(self, owner_id):
        return self.db.query(Preview).filter(Preview.owner_id == owner_id).all()

    def drop_all(self):
        try:
            self.db.query(Preview).delete()
            self.db.commit()
        except Exception as exc:
            log.warning("could not drop previews: %s", exc)

    def drop_one(self, preview):
        try:
            self.db.query(Preview).filter(Preview.id == preview.id).delete()
            self.db.commit()  # expect: missing_rollback MEDIUM
        except Exception as exc:
            log.warning("could not drop preview: %s", exc)

    def drop_kind(self, kind):
        try:
            self.db.query(Preview).filter(Preview.kind == kind).delete()
            self.db.commit()  # expect: missing_rollback MEDIUM
        except Exception as exc:
            log.warning("could not drop %s previews: %s", kind, exc)
