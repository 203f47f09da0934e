# path: library/jobs.py
# stack: django
"""`x.save()` is a record's save by name only: a file a library opened in
a `with` (an image, an archive) or a project object whose class is no
model and has its own save() (a cache written to disk) writes no row.
A helper reaching them from a loop stays silent; one that saves a model
record per item is reported."""
from django.db import models
from PIL import Image


class Book(models.Model):
    title = models.CharField(max_length=80)
    cover = models.CharField(max_length=200)


class WordCache:
    def __init__(self, path):
        self.path = path
        self.words = {}

    def save(self):
        with open(self.path, "w") as fh:
            fh.write(repr(self.words))


class Indexer:
    def __init__(self):
        self.cache = WordCache("/tmp/words")

    def tokens(self, text, keep=False):
        words = text.split()
        if keep:
            self.cache.save()
        return words

    def run(self):
        for book in Book.objects.all():
            self.tokens(book.title)


def shrink_cover(book, size):
    with Image.open(book.cover) as img:
        img.thumbnail(size)
        img.save(book.cover)


def shrink_all(size):
    for book in Book.objects.all():
        shrink_cover(book, size)


def retitle(book, title):
    book.title = title
    book.save()


def retitle_all(title):
    for book in Book.objects.all():
        retitle(book, title)  # expect: n_update_delete_loop HIGH
