# path: shelf/api.py
# stack: django
"""A REST layer's list views render each row through a serializer: fields
over relations the view's queryset did not load cost one query per row.
The look-alikes load them, are detail views, read keys or columns, take
input only, or choose their serializer in code."""
from django.db import models
from rest_framework import generics, serializers, viewsets
from rest_framework.response import Response


class Writer(models.Model):
    name = models.CharField(max_length=80)


class Volume(models.Model):
    title = models.CharField(max_length=200)
    writer = models.ForeignKey(Writer, on_delete=models.CASCADE)


class Remark(models.Model):
    volume = models.ForeignKey(Volume, on_delete=models.CASCADE, related_name="remarks")
    writer = models.ForeignKey(Writer, on_delete=models.CASCADE)
    text = models.TextField()


class WriterOut(serializers.ModelSerializer):
    class Meta:
        model = Writer
        fields = ["id", "name"]


class RemarkOut(serializers.ModelSerializer):
    writer = WriterOut(read_only=True)

    class Meta:
        model = Remark
        fields = ["id", "text", "writer"]


class VolumeOut(serializers.ModelSerializer):
    writer = WriterOut(read_only=True)

    class Meta:
        model = Volume
        fields = ["id", "title", "writer"]


class VolumeByline(serializers.ModelSerializer):
    byline = serializers.CharField(source="writer.name", read_only=True)
    writer_key = serializers.IntegerField(source="writer_id", read_only=True)

    class Meta:
        model = Volume
        fields = ["id", "title", "byline", "writer_key"]


class VolumeKeys(serializers.ModelSerializer):
    writer_key = serializers.IntegerField(source="writer_id", read_only=True)

    class Meta:
        model = Volume
        fields = ["id", "title", "writer_key"]


class VolumeWithRemarks(serializers.ModelSerializer):
    remarks = RemarkOut(many=True, read_only=True)

    class Meta:
        model = Volume
        fields = ["id", "title", "remarks"]


class VolumeIn(serializers.ModelSerializer):
    writer = WriterOut(write_only=True)

    class Meta:
        model = Volume
        fields = ["id", "title", "writer"]


# positive: a nested serializer over a foreign key, nothing loaded
class VolumeList(generics.ListAPIView):
    queryset = Volume.objects.order_by("title")  # expect: n_plus_one HIGH
    serializer_class = VolumeOut


# positive: `source="writer.name"` reads the related row per volume
class BylineViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Volume.objects.all()  # expect: n_plus_one HIGH
    serializer_class = VolumeByline


# positive: the remarks are prefetched, not the writer of each remark
class RemarkedVolumes(viewsets.ModelViewSet):
    serializer_class = VolumeWithRemarks

    def get_queryset(self):  # expect: n_plus_one HIGH
        return Volume.objects.prefetch_related("remarks")


# look-alike: the relation is joined in
class JoinedVolumes(generics.ListAPIView):
    queryset = Volume.objects.select_related("writer")
    serializer_class = VolumeOut


# look-alike: the nested relation is loaded by the inner Prefetch
class FullyLoadedRemarks(viewsets.ReadOnlyModelViewSet):
    serializer_class = VolumeWithRemarks

    def get_queryset(self):
        return Volume.objects.prefetch_related(
            models.Prefetch("remarks", queryset=Remark.objects.select_related("writer"))
        )


# look-alike: the double-underscore path loads both levels
class PathLoadedRemarks(viewsets.ReadOnlyModelViewSet):
    queryset = Volume.objects.prefetch_related("remarks__writer")
    serializer_class = VolumeWithRemarks


# look-alike: one object, not a list
class VolumeDetail(generics.RetrieveAPIView):
    queryset = Volume.objects.all()
    serializer_class = VolumeOut


# look-alike: the key column, not the related row
class VolumeKeyList(generics.ListAPIView):
    queryset = Volume.objects.all()
    serializer_class = VolumeKeys


# look-alike: the nested serializer only takes input
class VolumeIntake(generics.ListCreateAPIView):
    queryset = Volume.objects.all()
    serializer_class = VolumeIn


# look-alike: which serializer the list uses is decided in code
class SwitchingVolumes(viewsets.ModelViewSet):
    queryset = Volume.objects.all()
    serializer_class = VolumeOut

    def get_serializer_class(self):
        return VolumeKeys if self.action == "list" else VolumeOut


# look-alike: the list is rendered by the view's own code
class CustomListVolumes(viewsets.ModelViewSet):
    queryset = Volume.objects.all()
    serializer_class = VolumeOut

    def list(self, request, *args, **kwargs):
        return Response([{"id": v.pk} for v in self.get_queryset().only("id")])


def with_writers(qs):
    return qs.select_related("writer")


# look-alike: a project helper shapes the queryset (it may load the relation)
class HelperShapedVolumes(generics.ListAPIView):
    serializer_class = VolumeOut

    def get_queryset(self):
        return with_writers(Volume.objects.all())


# positive: a list override that still renders through the inherited list
class FilteredVolumes(viewsets.ModelViewSet):
    queryset = Volume.objects.all()  # expect: n_plus_one HIGH
    serializer_class = VolumeOut

    def list(self, request, *args, **kwargs):
        if request.query_params.get("recent"):
            self.queryset = self.queryset.order_by("-id")
        return super().list(request, *args, **kwargs)
