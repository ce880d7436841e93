"""The registry of clinical networks: health boards, cancer types, networks and people's roles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
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
        """Networks at work now (established, or under review): what lists show by default."""
        return self.filter(status__in=Network.ACTIVE_STATUSES)

    def in_annual_cycle(self):
        """Networks at work that keep a work plan and report each year to the programme."""
        return self.active().filter(kind__in=Network.CYCLE_KINDS)

    def ended(self):
        return self.filter(status__in=Network.ENDED_STATUSES)

    def with_current_terms(self, on):
        """With `current_terms`: the lead clinician and manager terms running on `on`."""

        terms = Appointment.objects.current(on).order_by("starts_on", "name")
        return self.prefetch_related(Prefetch("appointments", terms, to_attr="current_terms"))


class Network(models.Model):
    class Kind(models.TextChoices):
        REGIONAL = "regional", "Regional cancer network"
        NATIONAL_MCN = "national_mcn", "National managed clinical network"
        # Develops the national pathway for one cancer (or group of cancers); the programme
        # team publishes what it develops.
        NATIONAL_GROUP = "national_group", "National pathway group"
        OTHER_NATIONAL = "other_national", "Other national network"

    class Status(models.TextChoices):
        """A network's life. The registry keeps every network; its history keeps each status
        with the date it took effect (`networks.life.life_of`)."""

        PROPOSED = "proposed", "Proposed"  # approved by the programme, being set up
        ESTABLISHED = "established", "Established"
        UNDER_REVIEW = "under_review", "Under review"
        MERGED = "merged", "Merged"
        RETIRED = "retired", "Retired"

    ACTIVE_STATUSES = [Status.ESTABLISHED, Status.UNDER_REVIEW]
    ENDED_STATUSES = [Status.MERGED, Status.RETIRED]
    # The networks the programme oversees through the annual cycle (work plan, report): the
    # regional and national networks; a national pathway group develops one pathway for the
    # programme and answers through it.
    CYCLE_KINDS = [Kind.REGIONAL, Kind.NATIONAL_MCN, Kind.OTHER_NATIONAL]

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=20, unique=True, help_text="The abbreviation clinicians use, such as WoSCAN."
    )
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    cancer_types = models.ManyToManyField(CancerType, blank=True, related_name="networks")
    member_boards = models.ManyToManyField(HealthBoard, blank=True, related_name="networks")
    host_board = models.ForeignKey(
        HealthBoard,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_networks",
        help_text="The NHS board that employs the network's staff and answers for it.",
    )
    contact_email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ESTABLISHED)
    status_since = models.DateField(
        null=True, blank=True, help_text="The date the status took effect."
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_networks",
        help_text="For a merged network: the network it joined.",
    )
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
            # A merged network names the one it joined; no other network names one.
            models.CheckConstraint(
                condition=models.Q(status="merged", merged_into__isnull=False)
                | (~models.Q(status="merged") & models.Q(merged_into__isnull=True)),
                name="network_merged_names_its_successor",
            ),
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("id")),
                name="network_not_merged_into_itself",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})"

    def get_absolute_url(self):
        return reverse("networks:detail", kwargs={"slug": self.slug})

    def clean(self):
        """What the admin asks of a change of status, in words (the database holds the rest)."""
        errors = {}
        stored = Network.objects.filter(pk=self.pk).values("status", "status_since").first()
        if (
            stored
            and stored["status"] != self.status
            and stored["status_since"] == self.status_since
        ):
            errors["status_since"] = "Give the date the new status took effect: readers see it."
        if self.status != self.Status.ESTABLISHED and not self.status_since:
            # A network registered before its life was kept may be established with no date.
            errors["status_since"] = "Give the date this status took effect: readers see it."
        if self.status == self.Status.MERGED and not self.merged_into_id:
            errors["merged_into"] = "Name the network it merged into."
        if self.status != self.Status.MERGED and self.merged_into_id:
            errors["merged_into"] = "Only a merged network names the network it joined."
        if self.merged_into_id and self.merged_into_id == self.pk:
            errors["merged_into"] = "A network cannot merge into itself."
        if errors:
            raise ValidationError(errors)

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES

    @property
    def in_annual_cycle(self):
        return self.is_active and self.kind in self.CYCLE_KINDS

    def holders(self, post):
        """The names holding `post` now (from `with_current_terms`, else asked today)."""
        if hasattr(self, "current_terms"):
            terms = self.current_terms
        else:
            terms = self.appointments.current(timezone.localdate()).order_by("starts_on", "name")
        return [term.name for term in terms if term.post == post]

    @property
    def lead_clinician(self) -> str:
        return ", ".join(self.holders("lead_clinician"))

    @property
    def network_manager(self) -> str:
        return ", ".join(self.holders("manager"))


class NetworkRole(models.Model):
    """What a person may do in one network's workspace."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead"
        # Keeps the network's work plan and writes its annual report (with the leads).
        MANAGER = "manager", "Network manager"
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


from networks.cycle import (  # noqa: E402, F401
    AnnualReport,
    NetworkEvent,
    Objective,
    Proposal,
    ReportReminder,
)
from networks.governance import Appointment, SteeringGroupMember  # noqa: E402, F401
