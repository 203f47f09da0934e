"""Stock services. The view's call of this name reaches the catalog's copy,
but the helper here still runs: the table below hands it to the supplier
feed, on a line whose URL holds two slashes inside a string."""
from ..models import Movement


def record_movements(rows):
    for row in rows:
        Movement.objects.create(sku=row["sku"], delta=row["delta"])  # expect: missing_bulk_ops MEDIUM


FEED_HANDLERS = {"https://feeds.example.org/stock": record_movements}
