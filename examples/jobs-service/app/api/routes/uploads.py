"""File uploads: store, download, preview, import as job items."""
import asyncio
from pathlib import Path

from fastapi import APIRouter, HTTPException, Response, UploadFile, status
from sqlalchemy import select

from app.api.deps import CurrentUser, SessionDep
from app.clients.storage import new_upload_path
from app.core.config import settings
from app.models import Job, Upload
from app.schemas.jobs import UploadOut
from app.services.items import import_items, parse_csv

router = APIRouter(prefix="/uploads", tags=["uploads"])

PREVIEW_BYTES = 64 * 1024


async def owned_upload(session: SessionDep, upload_id: int, owner_id: int) -> Upload:
    upload = await session.get(Upload, upload_id)
    if upload is None or upload.owner_id != owner_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    return upload


@router.post("", response_model=UploadOut, status_code=status.HTTP_201_CREATED)
async def create_upload(file: UploadFile, session: SessionDep, user: CurrentUser) -> Upload:
    data = await file.read()
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    dest = new_upload_path(file.filename or "upload.bin")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "wb") as fh:
        fh.write(data)
    upload = Upload(owner_id=user.id, filename=file.filename or dest.name,
                    storage_path=str(dest), size_bytes=len(data),
                    content_type=file.content_type)
    try:
        session.add(upload)
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    return upload


@router.get("", response_model=list[UploadOut])
async def list_uploads(session: SessionDep, user: CurrentUser) -> list[Upload]:
    result = await session.execute(
        select(Upload).where(Upload.owner_id == user.id).order_by(Upload.id.desc()).limit(100)
    )
    return result.scalars().all()


@router.get("/{upload_id}/content")
async def download_upload(upload_id: int, session: SessionDep, user: CurrentUser) -> Response:
    upload = await owned_upload(session, upload_id, user.id)
    data = Path(upload.storage_path).read_bytes()
    return Response(
        content=data,
        media_type=upload.content_type or "application/octet-stream",
        headers={"content-disposition": f'attachment; filename="{upload.filename}"'},
    )


@router.get("/{upload_id}/preview")
async def preview_upload(upload_id: int, session: SessionDep, user: CurrentUser) -> Response:
    upload = await owned_upload(session, upload_id, user.id)
    data = await asyncio.to_thread(Path(upload.storage_path).read_bytes)
    return Response(content=data[:PREVIEW_BYTES], media_type="text/plain; charset=utf-8")


@router.post("/{upload_id}/import/{job_id}")
async def import_upload(upload_id: int, job_id: int, session: SessionDep,
                        user: CurrentUser) -> dict[str, int]:
    """Reads a CSV upload and appends its rows to a queued job as items."""
    upload = await owned_upload(session, upload_id, user.id)
    job = await session.get(Job, job_id)
    if job is None or job.owner_id != user.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND)

    def read_rows() -> list[dict[str, str]]:
        with open(upload.storage_path, encoding="utf-8", newline="") as fh:
            return parse_csv(fh.read())

    loop = asyncio.get_running_loop()
    rows = await loop.run_in_executor(None, read_rows)
    imported = await import_items(session, job.id, rows)
    return {"job_id": job.id, "imported": imported}
