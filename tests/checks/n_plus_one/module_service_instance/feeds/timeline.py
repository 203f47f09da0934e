"""A timeline service kept as one module-level object; other modules
import the object and call its methods."""
from feeds import models


class Timeline:
    def readers_of(self, author):
        return models.Author.objects.filter(subscriptions__writer=author, remote=False)

    def cache_keys(self, author):
        return [f"timeline-{r.id}" for r in self.readers_of(author)]

    def key_of(self, author):
        return f"timeline-{author.id}"


timeline = Timeline()
