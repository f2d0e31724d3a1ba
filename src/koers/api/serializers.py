"""What the API shows of each record. Field names in camelCase, as NL APIs do."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from koers.organisations.models import Organisation
from koers.projects.models import Domain, Project, ProjectMember, Stage, StageEvent, Visibility


class LinkSerializer(serializers.Serializer):
    href = serializers.URLField()


class SelfLinks(serializers.Serializer):
    self = LinkSerializer()


class OrganisationSerializer(serializers.ModelSerializer):
    """Public fields only: who the organisation is, not who works there."""

    cbsCode = serializers.CharField(source="cbs_code", allow_null=True)  # noqa: N815
    _links = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["slug", "name", "kind", "cbsCode", "_links"]

    def get__links(self, obj: Organisation) -> SelfLinks:
        url = reverse("api:organisation", args=[obj.slug], request=self.context.get("request"))
        return {"self": {"href": url}}


class ProjectSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(source="owner", slug_field="slug", read_only=True)
    stageSince = serializers.DateField(source="stage_since")  # noqa: N815
    startedOn = serializers.DateField(source="started_on")  # noqa: N815
    dataSources = serializers.CharField(source="data_sources")  # noqa: N815
    lessonsLearned = serializers.CharField(source="lessons_learned")  # noqa: N815
    themes = serializers.SlugRelatedField(many=True, slug_field="key", read_only=True)
    techniques = serializers.SlugRelatedField(many=True, slug_field="key", read_only=True)
    archived = serializers.BooleanField(source="is_archived")
    createdAt = serializers.DateTimeField(source="created_at")  # noqa: N815
    updatedAt = serializers.DateTimeField(source="updated_at")  # noqa: N815
    _links = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "problem",
            "organisation",
            "domain",
            "stage",
            "stageSince",
            "startedOn",
            "visibility",
            "themes",
            "techniques",
            "dataSources",
            "lessonsLearned",
            "archived",
            "version",
            "createdAt",
            "updatedAt",
            "_links",
        ]
        read_only_fields = fields

    def get__links(self, obj: Project) -> SelfLinks:
        url = reverse("api:project", args=[obj.pk], request=self.context.get("request"))
        return {"self": {"href": url}}


class ProjectUpdateSerializer(serializers.Serializer):
    """The fields an update may change; each optional (a partial update)."""

    title = serializers.CharField(required=False, max_length=200)
    problem = serializers.CharField(required=False, allow_blank=True)
    domain = serializers.ChoiceField(choices=Domain.choices, required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    dataSources = serializers.CharField(  # noqa: N815
        source="data_sources", required=False, allow_blank=True
    )
    lessonsLearned = serializers.CharField(  # noqa: N815
        source="lessons_learned", required=False, allow_blank=True
    )


class TeamMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name")
    teamRole = serializers.CharField(source="team_role")  # noqa: N815

    class Meta:
        model = ProjectMember
        fields = ["name", "teamRole"]
        read_only_fields = fields


class StageEventSerializer(serializers.ModelSerializer):
    fromStage = serializers.CharField(source="from_stage")  # noqa: N815
    toStage = serializers.CharField(source="to_stage")  # noqa: N815
    createdAt = serializers.DateTimeField(source="created_at")  # noqa: N815

    class Meta:
        model = StageEvent
        fields = ["id", "fromStage", "toStage", "on", "note", "createdAt"]
        read_only_fields = fields


class StageMoveSerializer(serializers.Serializer):
    toStage = serializers.ChoiceField(source="to", choices=Stage.choices)  # noqa: N815
    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FactorScoreSerializer(serializers.Serializer):
    factor = serializers.IntegerField(source="factor_number")
    score = serializers.FloatField(allow_null=True)
    completeness = serializers.FloatField()
    spread = serializers.FloatField(allow_null=True)
    respondents = serializers.IntegerField()
    disagreement = serializers.BooleanField()


class ScanSerializer(serializers.Serializer):
    """A scan and its result per factor; never a respondent's own answers. The result is
    left out (null) while the caller still has their own answers to give, as on the page."""

    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    kind = serializers.CharField()
    openedOn = serializers.DateField(source="opened_on")  # noqa: N815
    closedAt = serializers.DateTimeField(source="closed_at", allow_null=True)  # noqa: N815
    submittedCount = serializers.IntegerField(source="submitted_count")  # noqa: N815
    result = FactorScoreSerializer(many=True, allow_null=True, source="api_result")


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    title = serializers.CharField()
    description = serializers.CharField()
    factor = serializers.IntegerField(source="factor_number", allow_null=True)
    status = serializers.CharField()
    dueDate = serializers.DateField(source="due_date", allow_null=True)  # noqa: N815
    version = serializers.IntegerField()
    updatedAt = serializers.DateTimeField(source="updated_at")  # noqa: N815


class LibraryCaseSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    organisationName = serializers.CharField(source="organisation_name")  # noqa: N815
    domain = serializers.CharField()
    stageReached = serializers.CharField(source="stage_reached")  # noqa: N815
    summary = serializers.CharField()
    source = serializers.CharField()
    themes = serializers.SerializerMethodField()
    techniques = serializers.SerializerMethodField()

    def get_themes(self, obj) -> list[str]:
        return [theme.key for theme in obj.themes.all()]

    def get_techniques(self, obj) -> list[str]:
        return [technique.key for technique in obj.techniques.all()]
