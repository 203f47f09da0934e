# path: app/routes/labels.py
# stack: fastapi==0.115.6 sqlmodel==0.0.22
"""A list endpoint that hands each row whole to its response model names no
column to leave out: silent. The look-alikes read or drop fields of the rows,
so the columns they load are known to be more than they use."""
from fastapi import APIRouter, Depends
from sqlmodel import Field, Session, SQLModel

router = APIRouter()


class Label(SQLModel, table=True):
    id: int = Field(primary_key=True)
    team: str
    title: str
    colour: str
    icon: str
    created_by: str
    updated_by: str
    created_at: str
    updated_at: str
    notes: str
    payload: str
    archived: bool


@router.get("")
def list_labels(team: str, session: Session = Depends(get_session)) -> list[LabelOut]:
    labels = session.query(Label).filter(Label.team == team).all()
    return [LabelOut(**label.dict()) for label in labels]


@router.get("/validated")
def validated_labels(team: str, session: Session = Depends(get_session)) -> list[LabelOut]:
    labels = session.query(Label).filter(Label.team == team).all()
    return [LabelOut.model_validate(label) for label in labels]


@router.get("/titles")
def label_titles(team: str, session: Session = Depends(get_session)) -> list[str]:
    labels = session.query(Label).filter(Label.team == team).all()  # expect: over_fetching LOW
    return [label.title for label in labels]


@router.get("/slim")
def slim_labels(team: str, session: Session = Depends(get_session)) -> list[LabelOut]:
    labels = session.query(Label).filter(Label.team == team).all()  # expect: over_fetching LOW
    return [LabelOut(**label.model_dump(exclude={"payload"})) for label in labels]

