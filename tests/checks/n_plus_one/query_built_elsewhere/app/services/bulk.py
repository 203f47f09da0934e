from app.repos.stores import Stores


class BulkService:
    def __init__(self, stores: Stores):
        self.stores = stores

    def tag_all(self, slugs: list[str], tag: str) -> None:
        for slug in slugs:
            recipe = self.stores.recipes.get_one(slug)  # expect: n_plus_one MEDIUM
            recipe.tags.append(tag)

    def rename(self, pairs: list[tuple[str, str]]) -> None:
        # an UPDATE ... RETURNING read back per pair is a write, not a read
        for old, new in pairs:
            self.stores.recipes.rename_all(old, new)
