"""Helpers that create a row and then rows that point at it, reached
through another helper. Django commits each statement alone unless a
transaction is open somewhere up the call chain: the chain that starts in
`with transaction.atomic():` (or under @transaction.atomic) covers the
helper's two writes (silent); the chain no caller wraps is reported, even
though a namesake in importer.py is reached from `atomic()`."""
from django.db import transaction

from shelf.models import Section, SectionTag, Shelf


def _create_section(shelf, title):
    section = Section.objects.create(shelf=shelf, title=title)
    SectionTag.objects.create(section=section, tag="new")
    return section


def _sync_sections(shelf, titles):
    return [_create_section(shelf, t) for t in titles]


def rebuild_shelf(shelf, titles):
    with transaction.atomic():
        Section.objects.filter(shelf=shelf).delete()
        _sync_sections(shelf, titles)


def _create_labelled(shelf, title):
    section = Section.objects.create(shelf=shelf, title=title)
    SectionTag.objects.create(section=section, tag="labelled")
    return section


def _label_all(shelf, titles):
    for t in titles:
        _create_labelled(shelf, t)  # expect: missing_bulk_ops MEDIUM


@transaction.atomic
def relabel_shelf(shelf, titles):
    _label_all(shelf, titles)


def _create_archived(shelf, title):
    section = Section.objects.create(shelf=shelf, title=title)  # expect: transaction_narrow HIGH
    SectionTag.objects.create(section=section, tag="archived")
    return section


def _archive_all(shelf, titles):
    for t in titles:
        _create_archived(shelf, t)  # expect: missing_bulk_ops MEDIUM


def archive_shelf(shelf_id, titles):
    shelf = Shelf.objects.get(pk=shelf_id)
    _archive_all(shelf, titles)
