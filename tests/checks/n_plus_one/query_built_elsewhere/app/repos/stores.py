from functools import cached_property

from sqlalchemy.orm import Session

from app.models import Recipe
from app.repos.generic import Repository


class Stores:
    def __init__(self, session: Session):
        self.session = session

    @cached_property
    def recipes(self) -> Repository:
        return Repository(self.session, Recipe)
