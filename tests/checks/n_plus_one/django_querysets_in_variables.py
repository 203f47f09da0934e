# path: library/views.py
# stack: django
"""Django querysets kept in a variable before they run, and collections
of one object kept in a variable before they are walked: the rows and
the reads are the same as when written inline."""
from django.db import models
from django.http import JsonResponse
from django.shortcuts import get_object_or_404


class Branch(models.Model):
    city = models.CharField(max_length=60)


class Shelf(models.Model):
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="shelves")
    code = models.CharField(max_length=10)


class Book(models.Model):
    shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE, related_name="books")
    title = models.CharField(max_length=200)


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    returned = models.BooleanField(default=False)


def shelf_loans(request, branch_id):
    out = []
    shelves = Shelf.objects.filter(branch_id=branch_id).all()
    for shelf in shelves:
        # the queryset is built per shelf and run twice, later
        loans = Loan.objects.filter(book__shelf=shelf)
        out.append({
            "open": loans.filter(returned=False).count(),  # expect: n_plus_one HIGH
            "latest": loans.last(),  # expect: n_plus_one HIGH
        })
    return JsonResponse({"rows": out})


def branch_catalogue(request, branch_id):
    branch = Branch.objects.get(pk=branch_id)
    shelves = branch.shelves.all()
    titles = []
    for shelf in shelves:
        for book in shelf.books.all():  # expect: n_plus_one HIGH
            titles.append(book.title)
    return JsonResponse({"titles": titles})


def branch_catalogue_prefetched(request, branch_id):
    # look-alike: the collection held in the variable prefetches the books
    branch = Branch.objects.get(pk=branch_id)
    shelves = branch.shelves.prefetch_related("books")
    titles = []
    for shelf in shelves:
        for book in shelf.books.all():
            titles.append(book.title)
    return JsonResponse({"titles": titles})


def open_loans_total(request, branch_id):
    # look-alike: one queryset built before the loop and run once; the
    # loop only walks Python values
    loans = Loan.objects.filter(book__shelf__branch_id=branch_id, returned=False)
    total = loans.count()
    codes = ["A", "B", "C", "D"]
    seen = []
    for code in request.GET.getlist("code"):
        seen.append(codes.count(code))
    return JsonResponse({"total": total, "seen": seen})


def copy_branch(request, branch_id):
    # the object comes from Django's shortcut; its collection is walked
    branch = get_object_or_404(Branch, pk=branch_id)
    copies = []
    for shelf in branch.shelves.all():
        copies.append([book.title for book in shelf.books.all()])  # expect: n_plus_one HIGH
    return JsonResponse({"copies": copies})


def shelf_owners(request, branch_id):
    # the shortcut per row is a query per row
    out = []
    for shelf in Shelf.objects.filter(branch_id=branch_id):
        out.append(get_object_or_404(Branch, pk=shelf.branch_id).city)  # expect: n_plus_one HIGH
    return JsonResponse({"cities": out})
