# path: app/routers/shops.py
# stack: fastapi sqlalchemy[asyncio] asyncpg
"""Handlers handed repositories through Depends, each repository committing
in its own write methods. Creating a shop and then its default price list
through two of them is two commits: a failure in the second leaves a shop
without a price list. Look-alikes: one write per request, a write whose
branch returns before the other write, reads around one write."""
from fastapi import APIRouter, Depends
from sqlalchemy import Integer, String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db import session_maker

router = APIRouter(prefix="/shops")


async def get_session():
    async with session_maker() as session:
        yield session


class Base(DeclarativeBase):
    pass


class Shop(Base):
    __tablename__ = "shops"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))


class PriceList(Base):
    __tablename__ = "price_lists"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(60))


class ShopRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def create(self, shop: Shop) -> Shop:
        self.session.add(shop)
        await self.session.commit()
        return shop

    async def update(self, shop: Shop) -> None:
        self.session.add(shop)
        await self.session.commit()

    async def get(self, shop_id: int) -> Shop | None:
        return await self.session.get(Shop, shop_id)


class PriceListRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def create(self, price_list: PriceList) -> PriceList:
        self.session.add(price_list)
        await self.session.commit()
        return price_list


async def shop_repository(session: AsyncSession = Depends(get_session)) -> ShopRepository:
    return ShopRepository(session)


async def price_list_repository(
    session: AsyncSession = Depends(get_session),
) -> PriceListRepository:
    return PriceListRepository(session)


@router.post("/")
async def open_shop(
    name: str,
    shops: ShopRepository = Depends(shop_repository),
    price_lists: PriceListRepository = Depends(price_list_repository),
):
    shop = await shops.create(Shop(name=name))  # expect: transaction_narrow HIGH
    default_list = PriceList(shop_id=shop.id, label="default")
    await price_lists.create(default_list)
    return {"id": shop.id}


# look-alike: one write per request
@router.patch("/{shop_id}")
async def rename_shop(shop_id: int, name: str, shops: ShopRepository = Depends(shop_repository)):
    shop = await shops.get(shop_id)
    shop.name = name
    await shops.update(shop)
    return {"id": shop.id}


# look-alike: the first write's branch returns, so the second write runs
# on the other path only
@router.post("/{shop_id}/lists")
async def add_list(
    shop_id: int,
    label: str,
    shops: ShopRepository = Depends(shop_repository),
    price_lists: PriceListRepository = Depends(price_list_repository),
):
    shop = await shops.get(shop_id)
    if label == shop.name:
        await shops.update(shop)
        return {"id": shop.id, "list": None}
    await price_lists.create(PriceList(shop_id=shop.id, label=label))
    return {"id": shop.id, "list": label}
