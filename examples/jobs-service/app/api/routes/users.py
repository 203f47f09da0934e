"""Users: registration, profile, avatar refresh from the CDN."""
import asyncio
import hashlib
import os

import requests
from fastapi import APIRouter, HTTPException, status
from sqlalchemy import select

from app.api.deps import CurrentUser, SessionDep
from app.core.config import settings
from app.models import User
from app.schemas.jobs import UserCreate, UserOut
from app.services.audit import record_audit

router = APIRouter(prefix="/users", tags=["users"])

PBKDF2_ROUNDS = 390_000


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)
    return f"pbkdf2_sha256${PBKDF2_ROUNDS}${salt.hex()}${digest.hex()}"


@router.post("", response_model=UserOut, status_code=status.HTTP_201_CREATED)
async def register(body: UserCreate, session: SessionDep) -> User:
    existing = await session.scalar(select(User.id).where(User.email == body.email))
    if existing is not None:
        await record_audit(None, "user.register_conflict", "user", existing)
        raise HTTPException(status.HTTP_409_CONFLICT, "email already registered")
    password_hash = await asyncio.to_thread(hash_password, body.password)
    user = User(email=body.email, display_name=body.display_name,
                password_hash=password_hash)
    try:
        session.add(user)
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    return user


@router.get("/me", response_model=UserOut)
async def me(user: CurrentUser) -> User:
    return user


@router.post("/{user_id}/avatar/refresh", response_model=UserOut)
async def refresh_avatar(user_id: int, session: SessionDep, user: CurrentUser) -> User:
    """Asks the avatar CDN for the current picture URL of the user's email."""
    if user.id != user_id and not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN)
    target = await session.get(User, user_id)
    if target is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    response = requests.get(f"{settings.avatar_cdn}/lookup", params={"email": target.email})
    if response.status_code == 404:
        target.avatar_url = None
    else:
        response.raise_for_status()
        target.avatar_url = response.json()["url"]
    try:
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    return target
