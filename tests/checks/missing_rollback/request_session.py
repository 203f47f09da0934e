# path: app/api/notes.py
"""A handler commits the request session: the dependency rolls back on close, so
missing_rollback stays silent (framework-managed; see the check's page)."""
from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db import engine
from app.models import Note

async_session = async_sessionmaker(engine, expire_on_commit=False)

router = APIRouter(prefix="/notes")


class NoteIn(BaseModel):
    text: str


async def get_session():
    async with async_session() as session:
        yield session


@router.post("")
async def add_note(body: NoteIn, session: AsyncSession = Depends(get_session)) -> dict:
    note = Note(text=body.text)
    session.add(note)
    await session.commit()
    return {"id": note.id}
