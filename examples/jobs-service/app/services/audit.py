"""Audit trail: who did what to which entity."""
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.session import SessionLocal
from app.models import AuditLog


def audit_entry(actor_id: int | None, action: str, entity: str, entity_id: int | None,
                details: dict[str, Any] | None = None) -> AuditLog:
    return AuditLog(actor_id=actor_id, action=action, entity=entity,
                    entity_id=entity_id, details=details)


async def record_audit(actor_id: int | None, action: str, entity: str,
                       entity_id: int | None, details: dict[str, Any] | None = None) -> None:
    """Writes one audit row in its own session so it survives the caller's rollback."""
    async with SessionLocal() as session:
        session.add(audit_entry(actor_id, action, entity, entity_id, details))
        await session.commit()


async def recent_for_entity(session: AsyncSession, entity: str, entity_id: int,
                            limit: int = 50) -> Sequence[AuditLog]:
    result = await session.execute(
        select(AuditLog)
        .where(AuditLog.entity == entity, AuditLog.entity_id == entity_id)
        .order_by(AuditLog.id.desc())
        .limit(limit)
    )
    return result.scalars().all()
