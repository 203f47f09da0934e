"""Local file storage for uploads and export results."""
import os
import shutil
import uuid
from pathlib import Path

from app.core.config import settings


def new_upload_path(filename: str) -> Path:
    suffix = Path(filename).suffix.lower()[:10]
    return settings.upload_dir / uuid.uuid4().hex[:2] / f"{uuid.uuid4().hex}{suffix}"


def write_file(path: Path, data: bytes) -> None:
    """Writes atomically: temp file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def remove_file(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def disk_free_bytes() -> int:
    return shutil.disk_usage(settings.upload_dir).free
