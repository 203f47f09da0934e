# path: cookbook/views.py
# stack: django
"""Rows pinned to ONE pair of objects (one cook's bookmarks of one
recipe, one member's seats in one owner's teams) are as many as that
pair has: a handful, not a collection that grows with the data. Per-row
work over them is silent. A filter on one object, a range, an empty
value, a loop inside another loop, and a function that runs once per
item of a caller's loop stay reported."""
from django.db import models
from django.shortcuts import redirect


class Folder(models.Model):
    title = models.CharField(max_length=50)


class Recipe(models.Model):
    title = models.CharField(max_length=80)
    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE)


class Team(models.Model):
    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)


class Seat(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    member = models.ForeignKey("auth.User", on_delete=models.CASCADE)

    @classmethod
    def leave(cls, owner, member):
        seats = cls.objects.filter(team__owner=owner, member=member).all()
        for seat in seats:
            seat.delete()

    @classmethod
    def leave_all(cls, owner):
        seats = cls.objects.filter(team__owner=owner).all()
        for seat in seats:
            seat.delete()  # expect: n_update_delete_loop HIGH


class Bookmark(models.Model):
    cook = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    recipe = models.ForeignKey(Recipe, on_delete=models.CASCADE)
    folder = models.ForeignKey(Folder, on_delete=models.CASCADE)
    created = models.DateTimeField(auto_now_add=True)


def move_bookmarks(request, old_id, new_id):
    old = Recipe.objects.get(pk=old_id)
    new = Recipe.objects.get(pk=new_id)
    marks = Bookmark.objects.filter(
        recipe__parent=old.parent, cook=request.user
    ).order_by("created")
    for mark in marks.all():
        Bookmark.objects.create(cook=mark.cook, recipe=new, folder=mark.folder)
        mark.delete()
    for mark in Bookmark.objects.filter(cook=request.user, recipe=old):
        mark.recipe = new
        mark.save()
    return redirect("/")


def refile_cook_bookmarks(request, folder):
    for mark in Bookmark.objects.filter(cook=request.user):
        mark.folder = folder
        mark.save()  # expect: n_update_delete_loop HIGH
    return redirect("/")


def touch_recent(request, recipe, since):
    for mark in Bookmark.objects.filter(recipe=recipe, created__gte=since, cook=request.user):
        mark.save()  # expect: n_update_delete_loop HIGH
    return redirect("/")


def touch_unfiled(request):
    for mark in Bookmark.objects.filter(folder=None, cook=request.user):
        mark.save()  # expect: n_update_delete_loop HIGH
    return redirect("/")


def touch_every_recipe(request):
    for recipe in Recipe.objects.all():
        for mark in Bookmark.objects.filter(cook=request.user, recipe=recipe):
            mark.save()  # expect: n_update_delete_loop HIGH
    return redirect("/")


def folder_titles(cook, recipe):
    titles = []
    for mark in Bookmark.objects.filter(cook=cook, recipe=recipe):
        titles.append(mark.folder.title)  # expect: n_plus_one MEDIUM
    return titles


def export_cook(cook):
    return [folder_titles(cook, r) for r in Recipe.objects.all()]
