# path: app/services/bulk.py
# stack: fastapi sqlalchemy
"""The repository behind self.repos.items is known from what the classes
declare (an annotated constructor parameter, a cached_property's return
annotation, the base class that defines update): its commit is one call
away, and a loop that swallows its failures poisons the session."""
import logging
from functools import cached_property
from typing import Generic, TypeVar

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

log = logging.getLogger(__name__)
T = TypeVar("T")


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)


class Note:
    # a model-side `update` with no database work: the name alone is ambiguous
    def update(self, text: str) -> None:
        self.text = text


class GenericRepository(Generic[T]):
    def __init__(self, session: Session, model):
        self.session = session
        self.model = model

    def update(self, key: int, name: str) -> None:
        row = self.session.get(self.model, key)
        row.name = name
        # nothing in this project rolls back the session it is given
        self.session.commit()  # expect: missing_rollback MEDIUM


class ItemRepository(GenericRepository[Item]):
    pass


class Repositories:
    def __init__(self, session: Session):
        self.session = session

    @cached_property
    def items(self) -> ItemRepository:
        return ItemRepository(self.session, Item)


class BulkRename:
    def __init__(self, repos: Repositories):
        self.repos = repos

    def rename_all(self, names: dict[int, str]) -> None:
        for key, name in names.items():
            try:
                self.repos.items.update(key, name)  # expect: missing_rollback MEDIUM
            except Exception:
                log.exception("rename %s failed", key)

    def rename_or_stop(self, names: dict[int, str]) -> None:
        # look-alike: the first failure ends the loop
        for key, name in names.items():
            self.repos.items.update(key, name)
