# path: library/indexing.py
# stack: django
"""A prefetched many-to-many read through a new query per row: filtering,
ordering or projecting the manager ignores the prefetched rows. Reading the
prefetched rows (`.all()`, iteration, `.count()`, `.exists()`) and writing
through the manager stay silent."""
from django.db import models
from django.db.models import Prefetch


class Genre(models.Model):
    name = models.CharField(max_length=40)
    featured = models.BooleanField(default=False)


class Book(models.Model):
    title = models.CharField(max_length=200)
    genres = models.ManyToManyField(Genre)


def featured_genre_ids():
    books = Book.objects.filter(title__isnull=False).prefetch_related("genres").order_by("pk")
    out = []
    for book in books:
        # a new query per book, the prefetch is not used
        ids = list(book.genres.filter(featured=True).values_list("pk", flat=True))  # expect: n_plus_one MEDIUM
        out.append(ids)
    return out


def sorted_genre_names():
    names = []
    for book in Book.objects.prefetch_related("genres").all():
        names.append([g.name for g in book.genres.order_by("name")])  # expect: n_plus_one MEDIUM
    return names


def genre_names_from_prefetch():
    # look-alike: the prefetched rows themselves, filtered in Python
    names = []
    for book in Book.objects.prefetch_related("genres").all():
        names.append(sorted(g.name for g in book.genres.all() if g.featured))
        names.append(book.genres.count())
    return names


def featured_to_attr():
    # look-alike: the subset prefetched once into an attribute
    qs = Book.objects.prefetch_related(
        Prefetch("genres", queryset=Genre.objects.filter(featured=True), to_attr="featured_genres"),
    )
    return [[g.pk for g in book.featured_genres] for book in qs.all()]


def tag_all(genre_id: int):
    # look-alike: a write through the prefetched manager is not a read
    genre = Genre.objects.get(pk=genre_id)
    for book in Book.objects.prefetch_related("genres").all():
        if not book.genres.exists():
            book.genres.add(genre)
