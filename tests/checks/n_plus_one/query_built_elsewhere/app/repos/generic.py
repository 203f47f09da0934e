"""A generic repository: the select is built in one method and run in
another, the way layered services write it."""
from sqlalchemy import select, update
from sqlalchemy.orm import Session


class Repository:
    def __init__(self, session: Session, model):
        self.session = session
        self.model = model

    def _query(self, with_options: bool = True):
        q = select(self.model)
        if with_options:
            q = q.options(*self.model.loader_options())
        return q

    def get_one(self, value: str, key: str | None = None):
        key = key or "slug"
        q = self._query()
        q = q.filter_by(**{key: value})
        result = self.session.execute(q).unique().scalars().one_or_none()
        if not result:
            return None
        return result

    def rename_all(self, old: str, new: str):
        stmt = update(self.model).where(self.model.name == old).values(name=new)
        return self.session.execute(stmt).scalars().all()
