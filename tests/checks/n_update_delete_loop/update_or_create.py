# path: inventory/prices.py
# stack: django
"""update_or_create per row: a locked read and a write per item."""
from django.db import models


class Price(models.Model):
    sku = models.CharField(max_length=40, unique=True)
    cents = models.IntegerField()


def apply_price_list(rows: list[dict]) -> None:
    for row in rows:
        Price.objects.update_or_create(sku=row["sku"], defaults={"cents": row["cents"]})  # expect: n_update_delete_loop HIGH


def apply_price_list_bulk(rows: list[dict]) -> None:
    # look-alike: one statement for the whole list
    Price.objects.bulk_create(
        [Price(sku=r["sku"], cents=r["cents"]) for r in rows],
        update_conflicts=True, unique_fields=["sku"], update_fields=["cents"],
    )
