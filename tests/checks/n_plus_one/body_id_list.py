# path: app/routers/labels.py
# stack: fastapi sqlalchemy[asyncio] pydantic
"""A request body carries a list of ids in a field whose name does not
say so (`labels: list[UUID]`): its type does. As many as the client
sends. Looking each one up with its own query is one
round trip per id where `WHERE id IN (...)` would do."""
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models import Label, Note

router = APIRouter()


class LabelRepository:
    def __init__(self, session: AsyncSession = Depends(get_session)) -> None:
        self.session = session

    async def get_by_id(self, label_id: UUID):
        result = await self.session.execute(select(Label).where(Label.id == label_id))
        return result.scalar_one_or_none()


class NoteBase(BaseModel):
    title: str
    labels: list[UUID]


class NoteCreate(NoteBase):
    pinned: bool = False


class NoteRetag(BaseModel):
    labels: list[UUID] | None = None
    colours: list[str] = []


class Settings(BaseModel):
    defaults: list[UUID] = []


def get_settings() -> Settings:
    return Settings()


@router.post("/notes")
async def create_note(body: NoteCreate, label_repository: LabelRepository = Depends(LabelRepository)):
    note = Note(title=body.title, labels=[])
    for label_id in body.labels:
        label = await label_repository.get_by_id(label_id)  # expect: n_plus_one HIGH
        if label is None:
            raise HTTPException(status_code=400, detail="unknown label")
        note.labels.append(label)
    return note


@router.put("/notes/{note_id}/labels")
async def retag_note(note_id: UUID, body: NoteRetag,
                     label_repository: LabelRepository = Depends(LabelRepository)):
    found = []
    if body.labels is not None:
        for label_id in body.labels:
            found.append(await label_repository.get_by_id(label_id))  # expect: n_plus_one HIGH
    return found


# Look-alike: a list field that holds no ids (colour names); which rows
# a name selects is not known, so the check says nothing.
@router.post("/notes/{note_id}/colours")
async def colour_note(note_id: UUID, body: NoteRetag,
                      label_repository: LabelRepository = Depends(LabelRepository)):
    return [await label_repository.get_by_id(colour) for colour in body.colours]


# Look-alike: the list belongs to an object the framework injects (the
# service's own settings), not to what the client sent.
@router.get("/defaults")
async def default_labels(settings: Settings = Depends(get_settings),
                         label_repository: LabelRepository = Depends(LabelRepository)):
    return [await label_repository.get_by_id(label_id) for label_id in settings.defaults]
