"""ASGI entry point: uvicorn app.main:app"""
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import text

from app.api.routes import admin, events, jobs, uploads, users
from app.db.session import dispose_engine, engine

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await dispose_engine()


app = FastAPI(title="jobs-service", version="0.4.2", lifespan=lifespan)
app.include_router(jobs.router)
app.include_router(events.router)
app.include_router(uploads.router)
app.include_router(users.router)
app.include_router(admin.router)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
    return {"status": "ok"}
