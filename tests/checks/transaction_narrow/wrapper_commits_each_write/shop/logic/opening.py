from shop.db import store
from shop.storage import Handle

from ..data import add_shelf, add_shop, rename_shop, touch_shop


# the shop row commits, then its first shelf in another commit: a failure
# in between leaves a shop with no shelf, even inside the wrapper's block
async def open_shop(shop: dict, label: str, h: Handle | None = None) -> dict:
    async with store.same(h) if h else store.open() as h:
        made = await add_shop(shop, h=h)  # expect: transaction_narrow HIGH
        await add_shelf(made.id, label, h=h)
    return made


async def open_shop_plain(shop: dict, label: str) -> dict:
    created = await add_shop(shop)  # expect: transaction_narrow HIGH
    await add_shelf(created.id, label)
    return created


# one INSERT, each with its own commit, per label of the request
async def add_shelves(shop_id: str, labels: list[str]) -> None:
    for label in labels:
        await add_shelf(shop_id, label)  # expect: missing_bulk_ops MEDIUM


# one UPDATE per shop
async def rename_all(shops: list[dict]) -> None:
    for shop in shops:
        await rename_shop(shop)  # expect: n_update_delete_loop HIGH


# look-alike: two shops, neither naming the other
async def open_two(first: dict, second: dict) -> None:
    await add_shop(first)
    await add_shop(second)


# look-alike: the builder may return an UPDATE or an INSERT: no per-row
# insert is claimed
async def touch_all(shops: list[dict], upsert: bool) -> None:
    for shop in shops:
        await touch_shop(shop, upsert)


# look-alike: a callable handed in, which shares a helper's name
async def run_each(add_shelf, labels: list[str]) -> None:
    for label in labels:
        add_shelf(label)
