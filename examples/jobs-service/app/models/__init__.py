from app.models.audit_log import AuditLog
from app.models.item import Item
from app.models.job import Job, JobStatus
from app.models.upload import Upload
from app.models.user import User

__all__ = ["AuditLog", "Item", "Job", "JobStatus", "Upload", "User"]
