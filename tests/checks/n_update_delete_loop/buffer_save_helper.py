# path: gallery/views/thumbnails.py
# stack: django
"""A view that renders a photo at each configured width through a helper.
The helper encodes the picture into a buffer with the imaging library's
save(buffer, format), positional arguments that a Django record's save()
never takes: no row is written per width. The look-alike beside it saves
a record per item of a growing set through a helper, with keywords only,
and keeps its finding."""
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import models
from django.http import JsonResponse
from django.views import View
from PIL import Image

WIDTHS = [320, 1280]


class Photo(models.Model):
    owner = models.CharField(max_length=40)
    seen = models.BooleanField(default=False)
    data = models.BinaryField()


class Rendition(models.Model):
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE)
    width = models.IntegerField()


class Thumbnails(View):
    def post(self, request, pk):
        photo = Photo.objects.get(pk=pk)
        picture = Image.open(BytesIO(photo.data))
        for width in WIDTHS:
            self.render(picture, width)  # silent: a buffer encode, no row
        return JsonResponse({"ok": True})

    def render(self, picture, width):
        shrunk = picture.resize([width, width])
        out = BytesIO()
        shrunk.save(out, picture.format)
        return ContentFile(out.getvalue())


class MarkSeen(View):
    def post(self, request):
        for photo in Photo.objects.filter(owner=request.user.username):
            self.mark(photo)  # expect: n_update_delete_loop HIGH
        return JsonResponse({"ok": True})

    def mark(self, photo):
        photo.seen = True
        photo.save(update_fields=["seen"])
