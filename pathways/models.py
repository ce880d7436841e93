"""Pathways and their immutable, numbered versions, reviews and the append-only event record.

Fields that only a transition may set are `editable=False`; transitions live in
`pathways.services`. PostgreSQL holds the invariants (see the constraints below and the
triggers in migration 0002): a published version and an event can never be changed.
"""

import hashlib
import json
from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from networks.models import CancerType, Constituency, HealthBoard, Network
from pathways import markdown, sections


class PublishedVersionIsImmutable(Exception):
    """Raised before the database would refuse: published text is never changed."""


class PathwayQuerySet(models.QuerySet):
    def public(self):
        """Pathways open to readers: their first version has taken effect (withdrawn or not)."""
        return self.filter(first_published_at__lte=timezone.now())

    def in_use(self):
        """Public pathways not withdrawn: the ones readers can follow as guidance."""
        return self.public().filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        """Public pathways taken out of use, the latest withdrawal first."""
        return self.public().filter(withdrawn_at__isnull=False).order_by("-withdrawn_at")


class Pathway(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="pathways")
    cancer_type = models.ForeignKey(CancerType, on_delete=models.PROTECT, related_name="pathways")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(blank=True, editable=False)
    # The consensus rule (pathways.consensus): the constituencies whose approval each kind of
    # change needs. None for a major change: the developing network's approval count applies;
    # none for a minor change: any one reviewer's approval.
    major_change_constituencies = models.ManyToManyField(
        Constituency,
        blank=True,
        related_name="+",
        help_text="Whose approval a major (clinical) change needs: at least the three regions.",
    )
    minor_change_constituencies = models.ManyToManyField(
        Constituency,
        blank=True,
        related_name="+",
        help_text="Whose approval a minor (editorial) change needs; none: any one reviewer.",
    )

    objects = PathwayQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[major_change_constituencies, minor_change_constituencies]
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawal_reason__regex=r"\S"),
                name="pathway_withdrawal_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pathways:detail", kwargs={"slug": self.slug})

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_public(self):
        return self.public_since(self.first_published_at)

    @staticmethod
    def public_since(first_published_at):
        """Whether a pathway first published then (None: never) is open to readers now."""
        return first_published_at is not None and first_published_at <= timezone.now()

    def current_version(self):
        """The version readers are shown as current now, or None (withdrawn, or none yet)."""
        return self.versions.current().first()


class VersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PathwayVersion.Status.PUBLISHED)

    def in_effect(self, at=None):
        """Published versions whose effective time has come (scheduled ones excluded)."""
        return self.published().filter(effective_from__lte=at or timezone.now())

    def newest_first(self):
        return self.order_by("-major", "-minor")

    def current(self, at=None):
        """The version of each pathway that readers are shown as current at `at` (now): in
        effect, and not yet superseded by a newer version in effect or by the pathway's
        withdrawal. PostgreSQL records when each version stops being current (`superseded_at`,
        migration 0007), so this is an index look-up however long the archive grows."""
        at = at or timezone.now()
        return self.in_effect(at).filter(Q(superseded_at__isnull=True) | Q(superseded_at__gt=at))

    def overdue(self, today=None):
        """Current versions whose review date has passed (`review_is_overdue`, as a query)."""
        return self.current().filter(next_review_on__lt=today or timezone.localdate())

    def due_within(self, days=None, today=None):
        """Current versions whose review falls due within `days` (settings.REVIEW_DUE_SOON_DAYS)
        from `today`, and is not yet overdue."""
        today = today or timezone.localdate()
        days = settings.REVIEW_DUE_SOON_DAYS if days is None else days
        return self.current().filter(
            next_review_on__gte=today, next_review_on__lt=today + timedelta(days=days)
        )


def review_is_overdue(next_review_on, today=None):
    """Whether a current version reviewed by `next_review_on` is overdue (VersionQuerySet.overdue
    is the same rule for many versions at once)."""
    return next_review_on < (today or timezone.localdate())


class PathwayVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        DISCARDED = "discarded", "Discarded"

    class ChangeType(models.TextChoices):
        MAJOR = "major", "Major change (clinical content)"
        MINOR = "minor", "Minor change (editorial)"

    OPEN_STATUSES = [Status.DRAFT, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED]
    EDITABLE_STATUSES = [Status.DRAFT, Status.CHANGES_REQUESTED]

    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="versions")
    # Numbered at publication: 1.0 first, then the next major or minor number.
    major = models.PositiveIntegerField(null=True, blank=True, editable=False)
    minor = models.PositiveIntegerField(null=True, blank=True, editable=False)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="The published version this one was started from.",
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    # The text a reader reads, without Markdown or HTML: search snippets and vocabulary.
    body_text = models.TextField(blank=True, editable=False)
    contents = models.JSONField(default=list, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, editable=False)
    change_type = models.CharField(max_length=10, choices=ChangeType.choices, blank=True)
    change_note = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    # Optimistic lock: every save through the services increments it, so an editor working
    # from a stale page is told instead of overwriting someone else's text.
    edit_count = models.PositiveIntegerField(default=0, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    effective_from = models.DateTimeField(null=True, blank=True, editable=False)
    # When the version stops (or stopped) being current: a higher-numbered published version
    # takes effect, or the pathway is withdrawn. It is current from effective_from until then.
    # Kept by PostgreSQL triggers (migration 0007), so current versions are found by index
    # rather than by comparing each version with the others.
    superseded_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_review_on = models.DateField(null=True, blank=True, editable=False)
    # Change type is agreed, not asserted: a reviewer may reclassify a minor change as major,
    # and it stays major (submit offers nothing lower).
    reclassified_at = models.DateTimeField(null=True, blank=True, editable=False)
    reclassified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    reclassification_reason = models.TextField(blank=True, editable=False)
    # How it was agreed, frozen when published (pathways.consensus.agreement_of): the public
    # record then never changes with a later rule, membership or lead.
    agreement = models.JSONField(null=True, blank=True, editable=False)
    # Kept by PostgreSQL itself from the text, so it can never disagree with it.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Title and summary alone: small enough to rank thousands of matches in milliseconds.
    heading_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = VersionQuerySet.as_manager()
    # Each saved state, with who saved it; derived columns are left out (they follow the text).
    history = HistoricalRecords(
        excluded_fields=[
            "body_html",
            "body_text",
            "contents",
            "search_vector",
            "heading_vector",
            "superseded_at",
        ]
    )

    class Meta:
        ordering = ["pathway", "-major", "-minor", "-created_at"]
        indexes = [
            # Search looks only at versions not (yet) superseded, however long the archive.
            GinIndex(
                fields=["search_vector"],
                name="unsuperseded_search_vector",
                condition=Q(superseded_at__isnull=True),
            ),
            models.Index(
                fields=["superseded_at"],
                name="version_superseded_at",
                condition=Q(superseded_at__isnull=False),
            ),
            # Search ranks by title and summary: those matching a word of the query are few.
            GinIndex(
                fields=["heading_vector"],
                name="unsuperseded_heading_vector",
                condition=Q(superseded_at__isnull=True),
            ),
            # ...and the rest by title, read in order until a page is full.
            models.Index(
                fields=["title", "id"],
                name="unsuperseded_title",
                condition=Q(superseded_at__isnull=True),
            ),
            GinIndex(OpClass("title", name="gin_trgm_ops"), name="version_title_trigram"),
            models.Index(fields=["status", "effective_from"], name="version_status_effective"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "major", "minor"], name="version_number_unique_per_pathway"
            ),
            models.UniqueConstraint(
                fields=["pathway"],
                condition=Q(status__in=["draft", "in_review", "changes_requested", "approved"]),
                name="one_open_version_per_pathway",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(
                    major__isnull=False,
                    minor__isnull=False,
                    published_at__isnull=False,
                    effective_from__isnull=False,
                    next_review_on__isnull=False,
                ),
                name="published_version_is_numbered_and_dated",
            ),
            models.CheckConstraint(
                condition=Q(major__isnull=True, minor__isnull=True)
                | Q(major__gte=1, minor__isnull=False),
                name="version_number_is_whole",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(major=1, minor=0)
                | Q(change_type="minor")
                | Q(change_note__regex=r"\S"),
                name="major_change_after_first_has_note",
            ),
        ]

    def __str__(self):
        return f"{self.pathway.title} {self.number_label}"

    def save(self, *args, **kwargs):
        # The database trigger is the guarantee; this says so before the round trip.
        if self.pk and type(self).objects.filter(pk=self.pk, status=self.Status.PUBLISHED).exists():
            raise PublishedVersionIsImmutable(f"Version {self.number_label} is published.")
        with transaction.atomic():
            super().save(*args, **kwargs)
            if "unsaved_sections" in self.__dict__:
                self._store_sections()

    def get_absolute_url(self):
        if self.status == self.Status.PUBLISHED:
            return reverse(
                "pathways:version",
                kwargs={"slug": self.pathway.slug, "number": self.number},
            )
        return reverse("workspace:version", kwargs={"pk": self.pk})

    # A reader proves which text they read by the first characters of its SHA-256
    # (`content_hash`): 12 hex digits (48 bits) leave no collision at any scale the portal
    # will meet, and are short enough to read aloud or type from a printout.
    FINGERPRINT_LENGTH = 12

    @property
    def number(self):
        return None if self.major is None else f"{self.major}.{self.minor}"

    @property
    def fingerprint(self):
        return self.content_hash[: self.FINGERPRINT_LENGTH]

    @property
    def number_label(self):
        return f"version {self.number}" if self.number else "(unpublished)"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_scheduled(self):
        """Published, waiting for its effective time: not yet open to readers."""
        return self.status == self.Status.PUBLISHED and self.effective_from > timezone.now()

    @property
    def is_in_effect(self):
        """One version's answer to `PathwayVersion.objects.in_effect()`: its permanent page is
        open to readers (superseded or withdrawn ones included, marked as such)."""
        return self.status == self.Status.PUBLISHED and self.effective_from <= timezone.now()

    def set_content(self, *, title, summary, body):
        """Set the text and everything derived from it: rendered HTML, plain text, contents,
        sections (continuing those of the version it was started from), hash. The sections
        are stored when the version is saved."""
        self.title, self.summary, self.body = title.strip(), summary.strip(), body
        html, contents = markdown.render(body)
        earlier = list(self.based_on.sections.all()) if self.based_on_id else []
        if self.pk:  # and the sections this draft added, so their anchors hold while drafting
            inherited = {section.anchor for section in earlier}
            earlier += [s for s in self.sections.all() if s.anchor not in inherited]
        self.body_html, self.contents, self.unsaved_sections = sections.sectioned(
            html, contents, earlier
        )
        self.body_text = markdown.plain_text(self.body_html)
        self.rehash()

    def rehash(self):
        """Set the content hash from the text and, once saved, its references and regimens."""
        records = []
        if self.pk:
            records = [
                [reference.as_record() for reference in self.references.all()],
                [
                    regimen.as_record()
                    for regimen in self.regimens.select_related("advice").order_by("id")
                ],
            ]
        self.content_hash = content_hash(self.title, self.summary, self.body, records)

    def _store_sections(self):
        parts = self.__dict__.pop("unsaved_sections")
        with transaction.atomic():
            self.sections.all().delete()
            Section.objects.bulk_create(
                Section(
                    version=self,
                    position=position,
                    anchor=part.anchor,
                    heading=part.heading,
                    heading_html=part.heading_html,
                    html=part.html,
                    text=part.text,
                    digest=part.digest,
                    changed_in_id=part.changed_in or self.pk,
                )
                for position, part in enumerate(parts)
            )


def content_hash(title, summary, body, records=()):
    digest = hashlib.sha256()
    for part in (title, summary, body):
        digest.update(part.encode())
        digest.update(b"\x00")  # separator: ("ab", "c") and ("a", "bc") must differ
    # References and regimens, when there are any (a version without them hashes as before).
    if any(records):
        digest.update(json.dumps(records, sort_keys=True).encode())
    return digest.hexdigest()


def default_next_review(today=None):
    """Pathways are reviewed on a rolling three-year cycle."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + 3)
    except ValueError:  # 29 February
        return date(today.year + 3, 2, 28)


class SearchWord(models.Model):
    """A word of the readable text (title, summary, plain body) of a published version: what
    search may correct a misspelt word to (`pathways.spelling`).

    PostgreSQL adds each version's words as it is published, whatever path publishes it
    (migration 0009). Words are never removed, since a version's words stay in use until a
    moment no code marks (a scheduled successor taking effect); search offers a word only
    while a current version holds it.
    """

    LONGEST = 40  # letters: longer "words" are codes, addresses or nonsense

    word = models.CharField(max_length=LONGEST, primary_key=True)

    class Meta:
        # Words within a few letters of a length, without reading the table.
        indexes = [models.Index(Length("word"), F("word"), name="search_word_length")]

    def __str__(self):
        return self.word


class Review(models.Model):
    class Decision(models.TextChoices):
        APPROVE = "approve", "Approved"
        # Recorded and published with the version; does not block it.
        APPROVE_WITH_RESERVATION = "reservation", "Approved with a reservation"
        # Blocks until the text changes or the lead answers it.
        REQUEST_CHANGES = "request_changes", "Changes requested"

    APPROVALS = [Decision.APPROVE, Decision.APPROVE_WITH_RESERVATION]

    version = models.ForeignKey(PathwayVersion, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    # The reviewer's declaration of interests, shown with the decision: "" declares none.
    interests = models.TextField(blank=True)
    # The exact content decided on: an edit afterwards voids the decision.
    content_hash = models.CharField(max_length=64)
    voided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # A lead's answer to a request for changes they do not make: it then no longer blocks.
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "reviewer"],
                condition=Q(voided_at__isnull=True),
                name="one_decision_per_reviewer_per_version",
            ),
            # A request for changes says what; a reservation says what it is.
            models.CheckConstraint(
                condition=Q(decision="approve") | Q(comment__regex=r"\S"),
                name="request_changes_has_comment",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True)
                | Q(decision="request_changes", answer__regex=r"\S", answered_by__isnull=False),
                name="only_a_request_for_changes_is_answered",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} by {self.reviewer} on {self.version}"

    @property
    def is_reservation(self):
        return self.decision == self.Decision.APPROVE_WITH_RESERVATION

    @property
    def is_open_request(self):
        """A request for changes that still blocks: not voided by an edit, not answered."""
        return (
            self.decision == self.Decision.REQUEST_CHANGES
            and self.voided_at is None
            and self.answered_at is None
        )


class Event(models.Model):
    """One transition, recorded in the same transaction as the change. Never updated."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        SAVED = "saved", "Saved draft"
        SUBMITTED = "submitted", "Submitted for review"
        RECALLED = "recalled", "Recalled from review"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Requested changes"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrew the pathway"
        DISCARDED = "discarded", "Discarded"
        RECLASSIFIED = "reclassified", "Reclassified as a major change"
        ANSWERED = "answered", "Answered a request for changes"
        CONSULTATION_OPENED = "consultation_opened", "Opened national consultation"

    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="events")
    version = models.ForeignKey(
        PathwayVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["version", "created_at"])]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def status_change(self):
        """ "in review to approved", or "" when the status stayed the same."""
        if not (self.from_status and self.to_status) or self.from_status == self.to_status:
            return ""
        labels = PathwayVersion.Status
        return f"{labels(self.from_status).label.lower()} to {labels(self.to_status).label.lower()}"


class ReviewReminder(models.Model):
    """One reminder about one pathway's review on one day: the unique constraint is what makes
    `send_review_reminders` safe to run from cron as often as anyone likes."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()
    recipients = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "sent_on"], name="one_reminder_per_pathway_per_day"
            ),
        ]

    def __str__(self):
        return f"Reminder for {self.pathway} on {self.sent_on}"


class Consultation(models.Model):
    """A draft's national consultation: open for comment from `opens_on` to `closes_on`
    (inclusive), to signed-in NHS Scotland staff and to people invited by link."""

    version = models.OneToOneField(
        PathwayVersion, on_delete=models.PROTECT, related_name="consultation"
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="consultation_closes_after_it_opens"
            ),
        ]

    def __str__(self):
        return f"Consultation on {self.version} ({self.opens_on} to {self.closes_on})"

    def is_open(self, today=None):
        return self.opens_on <= (today or timezone.localdate()) <= self.closes_on

    def has_closed(self, today=None):
        return (today or timezone.localdate()) > self.closes_on


class ConsultationLink(models.Model):
    """An invitation to comment for people outside NHS Scotland: unguessable (only a hash of
    its token is kept), revocable and expiring."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(max_length=200, help_text="Who it is for, for example the charity.")
    expires_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Link for {self.label}"


class ConsultationComment(models.Model):
    """A comment on one section of a draft under consultation, and the authors' response."""

    class Response(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        NOTED = "noted", "Noted"

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments"
    )
    section = models.CharField(max_length=200, help_text="The heading's anchor.")
    section_heading = models.CharField(max_length=300)
    text = models.TextField()
    # Who: a signed-in person, or someone invited by a link (then their own name and
    # organisation). Name, role and workplace are kept as said when commenting.
    commenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    link = models.ForeignKey(
        ConsultationLink, on_delete=models.PROTECT, null=True, blank=True, related_name="comments"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    board = models.ForeignKey(
        HealthBoard, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    response = models.CharField(max_length=20, choices=Response.choices, blank=True)
    response_reason = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commenter__isnull=False) | Q(link__isnull=False),
                name="comment_has_a_commenter_or_a_link",
            ),
            models.CheckConstraint(
                condition=Q(text__regex=r"\S") & Q(name__regex=r"\S"),
                name="comment_has_text_and_a_name",
            ),
            models.CheckConstraint(
                condition=Q(response="")
                | Q(responded_by__isnull=False, responded_at__isnull=False),
                name="comment_response_is_signed",
            ),
            models.CheckConstraint(
                condition=~Q(response="not_accepted") | Q(response_reason__regex=r"\S"),
                name="comment_not_accepted_has_reason",
            ),
        ]

    def __str__(self):
        return f"Comment by {self.name} on {self.section_heading}"

    @property
    def workplace(self):
        return str(self.board) if self.board else self.organisation


class ConsultationNotice(models.Model):
    """One e-mail about one consultation, of each kind at most once: the unique constraint is
    what makes `send_consultation_notices` safe to run from cron as often as anyone likes."""

    class Kind(models.TextChoices):
        CLOSING = "closing", "Closing soon"
        CLOSED = "closed", "Closed: responses needed"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_on = models.DateField()
    recipients = models.TextField()

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "kind"], name="one_notice_of_each_kind_per_consultation"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} notice for {self.consultation} on {self.sent_on}"


# The structured parts of a version, in their own module (registered with the app from here).
from pathways.content_models import Reference, Regimen, Section  # noqa: E402, F401
