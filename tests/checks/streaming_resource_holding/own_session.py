# path: app/api/exports.py
"""Streaming generators that open their own session hold it for the whole
download; a response built in memory closes its session before anything
streams."""
import csv
import io

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import sessionmaker

from app.models import Invoice

engine = create_engine("postgresql://db/app", pool_size=10, max_overflow=5, pool_pre_ping=True, pool_recycle=300)  # expect: pool_configuration MEDIUM
SessionLocal = sessionmaker(bind=engine)
router = APIRouter()


def invoice_lines():
    session = SessionLocal()
    try:
        # a server-side cursor read while the client downloads
        for inv in session.scalars(select(Invoice)).yield_per(500):  # expect: streaming_resource_holding CRITICAL
            yield f"{inv.id},{inv.total}\n"
    finally:
        session.close()


@router.get("/invoices.csv")
def export_invoices():
    return StreamingResponse(invoice_lines(), media_type="text/csv")


@router.get("/invoices-small.csv")
def export_small():
    buf = io.StringIO()
    writer = csv.writer(buf)
    with SessionLocal() as session:
        for inv in session.scalars(select(Invoice).limit(100)):
            writer.writerow([inv.id, inv.total])
    return StreamingResponse(iter([buf.getvalue()]), media_type="text/csv")


@router.get("/invoice-counts.csv")
def export_counts():
    # built in memory: the session is closed before the response streams
    buf = io.StringIO()
    writer = csv.writer(buf)
    with SessionLocal() as session:
        for status in ("open", "paid", "void"):
            count = session.scalar(select(func.count()).where(Invoice.status == status))
            writer.writerow([status, count])
    return StreamingResponse(iter([buf.getvalue()]), media_type="text/csv")


def invoice_pages(ids):
    # one short session per page: nothing is held between yields
    for start in range(0, len(ids), 500):
        with SessionLocal() as session:
            rows = session.scalars(select(Invoice).where(Invoice.id.in_(ids[start:start + 500]))).all()
        yield "".join(f"{r.id}\n" for r in rows)


@router.post("/invoices/selected.csv")
def export_selected(ids: list[int]):
    return StreamingResponse(invoice_pages(ids), media_type="text/csv")
