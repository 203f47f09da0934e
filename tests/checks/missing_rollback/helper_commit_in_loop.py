# path: app/services/settings_bulk.py
# stack: fastapi sqlalchemy
"""A loop calls repository code that commits and swallows its failures:
after one failed commit every later iteration runs on a session that needs
a rollback. One call away from the commit itself."""
import logging

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

log = logging.getLogger(__name__)


class Base(DeclarativeBase):
    pass


class Recipe(Base):
    __tablename__ = "recipes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String)
    locked: Mapped[int] = mapped_column(Integer)


class RecipeRepository:
    def __init__(self, session: Session):
        self.session = session

    def save_locked(self, slug: str, locked: int) -> None:
        row = self.session.scalars(select(Recipe).where(Recipe.slug == slug)).one()  # expect: n_plus_one MEDIUM
        row.locked = locked
        # nothing in this project closes or rolls back the session it is given
        self.session.commit()  # expect: missing_rollback MEDIUM


class BulkSettings:
    def __init__(self, session: Session):
        self.recipe_repo = RecipeRepository(session)
        self.session = session

    def lock_all(self, slugs: list[str]) -> None:
        for slug in slugs:
            try:
                self.recipe_repo.save_locked(slug, 1)  # expect: missing_rollback MEDIUM
            except Exception:
                log.exception("could not lock %s", slug)

    def unlock_all(self, slugs: list[str]) -> None:
        # look-alike: the except rolls back before carrying on
        for slug in slugs:
            try:
                self.recipe_repo.save_locked(slug, 0)
            except Exception:
                self.session.rollback()
                log.exception("could not unlock %s", slug)

    def lock_or_stop(self, slugs: list[str]) -> None:
        # look-alike: a failure leaves the loop
        for slug in slugs:
            try:
                self.recipe_repo.save_locked(slug, 1)
            except Exception:
                log.exception("stopping at %s", slug)
                raise
