# path: shop/management/importer.py
# stack: django
"""An import helper that stores what it is given on one of two paths:
in bulk (with a one-by-one fallback when the bulk statement fails) or,
in the other mode, one upsert per item. A caller's loop over it writes
per row only where the helper has no bulk path beside its single-row
write."""
from django.db import models


class Article(models.Model):
    ref = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=200)


class Importer:
    bucket = []
    mode = "insert"

    def store(self, data):
        # a new row goes to the bucket, written in bulk; saved one by one
        # only when the bulk INSERT failed
        if self.mode == "insert":
            self.bucket.append(Article(**data))
            if len(self.bucket) > 500:
                try:
                    Article.objects.bulk_create(self.bucket)
                except Exception:
                    for article in self.bucket:
                        article.save()
                self.bucket = []
        # the other mode, chosen beside the bulk path: one upsert per item
        else:
            Article.objects.update_or_create(ref=data["ref"], defaults=data)

    def store_fallback_only(self, data):
        self.bucket.append(Article(**data))
        try:
            Article.objects.bulk_create(self.bucket)
        except Exception:
            for article in self.bucket:
                article.save()

    def touch(self, data):
        # no bulk path anywhere: one UPDATE per call
        if data.get("title"):
            Article.objects.filter(ref=data["ref"]).update(title=data["title"])
        else:
            Article.objects.filter(ref=data["ref"]).update(title="")

    def refresh(self, data):
        # the bulk statement runs in an earlier, separate if: the upsert
        # below is no branch of it and runs on every call
        if self.bucket:
            Article.objects.bulk_create(self.bucket)
        if data:
            Article.objects.update_or_create(ref=data["ref"], defaults=data)

    def import_all(self, rows):
        for row in rows:
            # look-alike: the helper's per-row write sits beside its bulk path
            self.store(row)
        for row in rows:
            # look-alike: the helper's single saves are a bulk fallback
            self.store_fallback_only(row)
        for row in rows:
            self.touch(row)  # expect: n_update_delete_loop HIGH
        for row in rows:
            self.refresh(row)  # expect: n_update_delete_loop HIGH
