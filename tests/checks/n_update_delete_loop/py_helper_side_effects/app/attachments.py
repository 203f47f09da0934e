"""Deleting rows through a helper, one per item: reported, unless each
row goes with a file or a stored object removed beside it, which one
set-based DELETE could not do."""
import os

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.models import Attachment, Tag


def remove_attachment(session: Session, attachment: Attachment) -> None:
    os.remove(attachment.path)
    session.execute(delete(Attachment).where(Attachment.id == attachment.id))


def remove_tag(session: Session, tag_id: int) -> None:
    session.execute(delete(Tag).where(Tag.id == tag_id))


def purge_attachments(session: Session, attachments: list[Attachment]) -> None:
    with session.begin():
        for attachment in attachments:
            remove_attachment(session, attachment)


def purge_exports(session: Session, exports: list[Attachment]) -> None:
    with session.begin():
        for export in exports:
            os.unlink(export.path)
            remove_tag(session, export.id)


def purge_tags(session: Session, tag_ids: list[int]) -> None:
    with session.begin():
        for tag_id in tag_ids:
            remove_tag(session, tag_id)  # expect: n_update_delete_loop HIGH
