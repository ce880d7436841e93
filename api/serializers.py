"""What the open API says of networks, pathways and published versions. Only what a public page
shows: nothing unpublished is ever reachable from these (api.views chooses the rows)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from networks.models import Network
from pathways.content_models import Reference, Regimen, Section
from pathways.models import Pathway, PathwayVersion


def _absolute(serializer, path):
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class NetworkSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    pathways_url = serializers.SerializerMethodField()

    class Meta:
        model = Network
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "description",
            "lead_clinician",
            "contact_email",
            "website",
            "url",
            "web_url",
            "pathways_url",
        ]

    def get_url(self, network) -> str:
        return _absolute(self, reverse("api:network-detail", args=[network.slug]))

    def get_web_url(self, network) -> str:
        return _absolute(self, network.get_absolute_url())

    def get_pathways_url(self, network) -> str:
        return _absolute(self, reverse("api:pathway-list") + f"?network={network.slug}")


class SectionSerializer(serializers.ModelSerializer):
    last_changed_in = serializers.SerializerMethodField(
        help_text='The version this section\'s text last changed in, e.g. "1.1".'
    )

    class Meta:
        model = Section
        fields = ["anchor", "heading", "text", "html", "last_changed_in"]

    def get_last_changed_in(self, section) -> str | None:
        return section.changed_in.number


class ReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reference
        fields = [
            "kind",
            "identifier",
            "title",
            "medicine",
            "decision",
            "issued_on",
            "url",
            "sections",
        ]


class RegimenSerializer(serializers.ModelSerializer):
    advice = serializers.SerializerMethodField(help_text="The advice's identifier, e.g. SMC2689.")

    class Meta:
        model = Regimen
        fields = ["name", "medicines", "intent", "setting", "advice", "section"]

    def get_advice(self, regimen) -> str | None:
        return regimen.advice.label if regimen.advice_id else None


class VersionSummarySerializer(serializers.ModelSerializer):
    """A version as a line of a list or inline in its pathway: what it is and where it lives."""

    number = serializers.CharField()
    fingerprint = serializers.CharField(
        help_text="The first 12 hex digits of the SHA-256 of the version's content: check a copy "
        "at /verify/<fingerprint>/."
    )
    status = serializers.SerializerMethodField(
        help_text="current, superseded (by a later version) or withdrawn (with its pathway)."
    )
    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(
        source="changed_at",
        help_text="When this version's state last changed: took effect, was superseded, or its "
        "pathway was withdrawn. Sync with ?updated_since= this value.",
    )

    class Meta:
        model = PathwayVersion
        fields = [
            "number",
            "title",
            "summary",
            "status",
            "effective_from",
            "superseded_at",
            "next_review_on",
            "change_type",
            "change_note",
            "fingerprint",
            "updated_at",
            "url",
            "web_url",
        ]

    def get_status(self, version) -> str:
        if version.current_number == version.number:
            return "current"
        return "superseded" if version.successor_number else "withdrawn"

    def get_url(self, version) -> str:
        return _absolute(
            self, reverse("api:version-detail", args=[version.pathway.slug, version.number])
        )

    def get_web_url(self, version) -> str:
        return _absolute(self, version.get_absolute_url())

    def to_representation(self, version):
        data = super().to_representation(version)
        if data["status"] != "current":
            data["next_review_on"] = None  # a version no longer in use has no next review
        else:
            data["superseded_at"] = None  # a successor may be scheduled: not yet superseded
        return data


class VersionSerializer(VersionSummarySerializer):
    """A published version whole: its sections, the references it cites, its regimens."""

    pathway = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sections = SectionSerializer(many=True, read_only=True)
    references = ReferenceSerializer(many=True, read_only=True)
    regimens = RegimenSerializer(many=True, read_only=True)
    consensus_url = serializers.SerializerMethodField()

    class Meta(VersionSummarySerializer.Meta):
        fields = ["pathway", *VersionSummarySerializer.Meta.fields, "consensus_url"] + [
            "sections",
            "references",
            "regimens",
        ]

    def get_consensus_url(self, version) -> str:
        return _absolute(
            self, reverse("pathways:consensus", args=[version.pathway.slug, version.number])
        )


class PathwaySerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    cancer_type = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    status = serializers.SerializerMethodField(help_text="in_use or withdrawn.")
    current_version = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(
        source="changed_at", help_text="When a version of it last took effect, or it was withdrawn."
    )
    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    versions_url = serializers.SerializerMethodField()

    class Meta:
        model = Pathway
        fields = [
            "slug",
            "title",
            "network",
            "cancer_type",
            "status",
            "first_published_at",
            "withdrawn_at",
            "withdrawal_reason",
            "updated_at",
            "current_version",
            "url",
            "web_url",
            "versions_url",
        ]

    def get_status(self, pathway) -> str:
        return "withdrawn" if pathway.withdrawn_at else "in_use"

    @extend_schema_field(VersionSummarySerializer(allow_null=True))
    def get_current_version(self, pathway):
        current = pathway.current_now[0] if pathway.current_now else None
        if current is None:
            return None
        current.pathway = pathway
        current.current_number = current.number
        current.successor_number = None
        return VersionSummarySerializer(current, context=self.context).data

    def get_url(self, pathway) -> str:
        return _absolute(self, reverse("api:pathway-detail", args=[pathway.slug]))

    def get_web_url(self, pathway) -> str:
        return _absolute(self, pathway.get_absolute_url())

    def get_versions_url(self, pathway) -> str:
        return _absolute(self, reverse("api:version-list", args=[pathway.slug]))
