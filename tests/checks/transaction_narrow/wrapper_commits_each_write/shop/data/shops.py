from shop.db import store
from shop.storage import Handle


async def add_shop(shop: dict, h: Handle | None = None) -> dict:
    await (h or store).insert("shops", shop)
    return shop


async def add_shelf(shop_id: str, label: str, h: Handle | None = None) -> dict:
    shelf = {"shop_id": shop_id, "label": label}
    await (h or store).insert("shelves", shelf)
    return shelf


async def rename_shop(shop: dict, h: Handle | None = None) -> None:
    await (h or store).modify("shops", shop)


async def touch_shop(shop: dict, upsert: bool, h: Handle | None = None) -> None:
    await (h or store).put("shops", shop, upsert)
