# path: catalog/importer.py
# stack: django
"""Row-by-row INSERTs that run only when the bulk INSERT before them
failed are the fallback, not the path every row takes."""
from django.db import models


class Article(models.Model):
    slug = models.SlugField(unique=True)
    body = models.TextField()


def import_articles(articles):
    # look-alike: the individual saves run only after bulk_create failed
    try:
        Article.objects.bulk_create(articles)
    except Exception:
        for article in articles:
            try:
                article.save()
            except Exception:
                continue


def import_articles_slowly(rows):
    # positive: nothing bulk was tried; every row is one INSERT
    try:
        for row in rows:
            Article.objects.create(slug=row["slug"], body=row["body"])  # expect: missing_bulk_ops MEDIUM
    except Exception:
        pass
