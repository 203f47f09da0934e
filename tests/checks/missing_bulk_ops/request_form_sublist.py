# path: app/routes/boards.py
# stack: fastapi sqlalchemy
"""A handler whose body describes one object (a board with its title and
its labels) inserts a row per label: the labels of one submitted form,
a handful, bounded by the form: silent, and so is the loop over a list
filled only from them. A body that is nothing but a list of rows is a
batch and stays reported, as does the same loop outside a handler."""
from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.db import get_session

router = APIRouter()


class Base(DeclarativeBase):
    pass


class Board(Base):
    __tablename__ = "boards"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String)


class Label(Base):
    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)


class BoardLabel(Base):
    __tablename__ = "board_labels"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))


class BoardIn(BaseModel):
    title: str
    labels: list[str]


class LabelBatch(BaseModel):
    labels: list[str]


@router.post("/boards")
def create_board(body: BoardIn, session: Session = Depends(get_session)):
    board = Board(title=body.title)
    session.add(board)
    session.flush()
    made = []
    for name in body.labels:
        label = Label(name=name)
        session.add(label)
        session.flush()
        made.append(label)
    for label in made:
        session.add(BoardLabel(board_id=board.id, label_id=label.id))
    session.commit()
    return {"id": board.id}


@router.post("/labels:import")
def import_labels(body: LabelBatch, session: Session = Depends(get_session)):
    for name in body.labels:
        session.add(Label(name=name))  # expect: missing_bulk_ops MEDIUM
    session.commit()


def copy_labels(session: Session, body: BoardIn):
    for name in body.labels:
        session.add(Label(name=name))  # expect: missing_bulk_ops MEDIUM
    session.flush()
