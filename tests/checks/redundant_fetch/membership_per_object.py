# path: board/views.py
# stack: django
"""Two access helpers each look a membership up by the request's user,
but for a different project: the rows differ, nothing is fetched twice."""
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404


class Project(models.Model):
    code = models.CharField(max_length=20)


class Card(models.Model):
    code = models.CharField(max_length=20)
    project = models.ForeignKey(Project, on_delete=models.CASCADE)


class Member(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)


def _card_for(request, code):
    card = get_object_or_404(Card, code=code)
    get_object_or_404(Member, project=card.project, user=request.user)
    return card


def _project_for(request, code):
    project = get_object_or_404(Project, code=code)
    get_object_or_404(Member, project=project, user=request.user)
    return project


def move_card(request, code):
    card = _card_for(request, code)
    card.project = _project_for(request, request.POST["project"])
    card.save(update_fields=["project"])
    return HttpResponse("ok")
