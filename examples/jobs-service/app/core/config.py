"""Settings, read once from the environment (prefix JOBS_)."""
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JOBS_", env_file=".env")

    database_url: str = "postgresql+asyncpg://jobs:jobs@localhost:5432/jobs"
    listen_dsn: str = "postgresql://jobs:jobs@localhost:5432/jobs"
    redis_url: str = "redis://localhost:6379/0"
    upload_dir: Path = Path("/var/lib/jobs/uploads")
    export_dir: Path = Path("/var/lib/jobs/exports")
    max_upload_bytes: int = 50 * 1024 * 1024
    webhook_secret: str = "change-me"
    avatar_cdn: str = "https://cdn.example.com/avatars"
    worker_poll_seconds: float = 2.0
    stale_job_minutes: int = 30
    db_echo: bool = False


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
