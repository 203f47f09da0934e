# path: crm/tasks.py
# stack: django celery
"""Querysets a project function hands back, run by the caller: a loop
over `self.members_of(team)`, `.first()` on `scored(...)` per item, and a
method of a module-level service object whose list comprehension walks
such a queryset. Each is one query per row of the outer loop."""
from celery import shared_task
from django.db import models
from django.db.models import Count


class Team(models.Model):
    name = models.CharField(max_length=60)


class Member(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    active = models.BooleanField(default=True)
    score = models.IntegerField(default=0)


def scored(viewer, **filters):
    query = Member.objects.filter(active=True, **filters)
    if viewer is not None:
        query = query.exclude(id=viewer.id)
    return query.annotate(n=Count("team__member"))


class Ranking:
    def members_of(self, team):
        return Member.objects.filter(team=team, active=True)

    def keys_for(self, team):
        return [f"rank-{m.id}" for m in self.members_of(team)]

    def refresh(self, team):
        ranked = []
        for member in self.members_of(team):
            top = scored(member, team=team).first()  # expect: n_plus_one MEDIUM
            ranked.append(top)
        return ranked

    # the helper's queryset is built per item but never run here
    def pending(self, team):
        built = []
        for member in self.members_of(team):
            built.append(scored(member, team=team))
        return built


ranking = Ranking()


@shared_task
def drop_team_keys():
    for team in Team.objects.all():
        keys = ranking.keys_for(team)  # expect: n_plus_one MEDIUM
        print(keys)


# iterating one team's queryset once, outside any loop
@shared_task
def one_team(team_id):
    team = Team.objects.get(id=team_id)
    return ranking.keys_for(team)
