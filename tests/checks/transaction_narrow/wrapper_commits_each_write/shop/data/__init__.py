from .shops import add_shelf, add_shop, rename_shop, touch_shop

__all__ = ["add_shelf", "add_shop", "rename_shop", "touch_shop"]
