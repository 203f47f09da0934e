"""Request and response bodies for the jobs API."""
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class ItemIn(BaseModel):
    sku: str = Field(max_length=64)
    name: str = Field(max_length=200)
    quantity: int = Field(ge=1)
    price_cents: int = Field(ge=0)


class JobCreate(BaseModel):
    kind: str = Field(pattern=r"^(import|reprice|export)$")
    payload: dict[str, Any] = Field(default_factory=dict)
    items: list[ItemIn] = Field(default_factory=list)
    webhook_url: HttpUrl | None = None


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    owner_id: int
    kind: str
    status: str
    progress: int
    status_message: str | None
    created_at: datetime
    updated_at: datetime


class OwnerOut(BaseModel):
    id: int
    display_name: str


class JobWithOwner(JobOut):
    owner: OwnerOut


class JobPage(BaseModel):
    items: list[JobOut]
    next_cursor: int | None


class UserCreate(BaseModel):
    email: str
    display_name: str
    password: str = Field(min_length=12)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    display_name: str
    avatar_url: str | None


class UploadOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    filename: str
    size_bytes: int
    content_type: str | None
