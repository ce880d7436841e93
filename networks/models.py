"""The registry of clinical networks: health boards, cancer types, networks and people's roles."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords


class HealthBoard(models.Model):
    """One of Scotland's 14 territorial NHS boards (created by a data migration)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"NHS {self.name}"


class CancerType(models.Model):
    """A cancer that pathways cover and networks look after (for example "Ovarian")."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class NetworkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Network(models.Model):
    class Kind(models.TextChoices):
        REGIONAL = "regional", "Regional cancer network"
        NATIONAL_MCN = "national_mcn", "National managed clinical network"
        # Develops the national pathway for one cancer (or group of cancers); the programme
        # team publishes what it develops.
        NATIONAL_GROUP = "national_group", "National pathway group"
        OTHER_NATIONAL = "other_national", "Other national network"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=20, unique=True, help_text="The abbreviation clinicians use, such as WoSCAN."
    )
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    cancer_types = models.ManyToManyField(CancerType, blank=True, related_name="networks")
    member_boards = models.ManyToManyField(HealthBoard, blank=True, related_name="networks")
    lead_clinician = models.CharField(max_length=200, blank=True)
    network_manager = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    is_active = models.BooleanField(
        "active", default=True, help_text="Inactive networks are hidden from public pages."
    )
    established_on = models.DateField("date established", null=True, blank=True)
    major_change_approvals = models.PositiveSmallIntegerField(
        default=2, help_text="Reviewer approvals a major (clinical) change needs."
    )
    minor_change_approvals = models.PositiveSmallIntegerField(
        default=1, help_text="Reviewer approvals a minor (editorial) change needs."
    )

    history = HistoricalRecords(m2m_fields=[member_boards, cancer_types])
    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Consensus means at least one reviewer, always.
            models.CheckConstraint(
                condition=models.Q(major_change_approvals__gte=1)
                & models.Q(minor_change_approvals__gte=1),
                name="network_needs_at_least_one_approval",
            ),
            models.UniqueConstraint(Lower("short_name"), name="network_short_name_unique_ci"),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})"

    def get_absolute_url(self):
        return reverse("networks:detail", kwargs={"slug": self.slug})


class NetworkRole(models.Model):
    """What a person may do in one network's workspace."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead"
        AUTHOR = "author", "Author"
        REVIEWER = "reviewer", "Reviewer"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles"
    )
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["network__name", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "network", "role"], name="network_role_unique_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()}, {self.network.short_name}"


class Constituency(models.Model):
    """A group whose agreement national consensus needs: one of the three regional cancer
    networks, or a discipline that delivers the care. Reviewers belong to one or more."""

    class Kind(models.TextChoices):
        REGION = "region", "Regional cancer network"
        DISCIPLINE = "discipline", "Discipline"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    network = models.OneToOneField(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="constituency",
        help_text="For a region: its regional cancer network.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="constituencies"
    )

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["-kind", "name"]  # regions first
        verbose_name_plural = "constituencies"

    def __str__(self):
        return self.name


class Profile(models.Model):
    """What a person says about themselves when they comment or review in the open: their job
    and their NHS board (or, for someone outside NHS Scotland, their organisation)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    job_title = models.CharField(max_length=200, blank=True)
    board = models.ForeignKey(
        HealthBoard, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.CharField(
        max_length=200, blank=True, help_text="Outside NHS Scotland: where they work."
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.user}: {self.job_title or 'no job title'}"

    @property
    def workplace(self):
        return str(self.board) if self.board else self.organisation
