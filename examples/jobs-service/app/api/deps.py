"""Request-scoped dependencies shared by the routers."""
from typing import Annotated

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.deps import get_session
from app.models import User

SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def get_current_user(
    session: SessionDep,
    x_user_id: Annotated[int | None, Header()] = None,
) -> User:
    """The gateway authenticates and forwards the user id; we only resolve it."""
    if x_user_id is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing X-User-Id")
    user = await session.get(User, x_user_id)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown user")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
