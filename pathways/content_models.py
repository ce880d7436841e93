"""The structured parts of a version's content: its sections, the references that give the
reasons for its changes, and its SACT regimens.

Each belongs to one version and is frozen with it: PostgreSQL refuses any change to the parts of
a published version (migration 0017). References and regimens are part of what reviewers agree
and what a fingerprint proves, so they count in the version's content hash.
"""

import re

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class Section(models.Model):
    """A part of a version's text under one `##` heading (`pathways.sections`)."""

    version = models.ForeignKey(
        "pathways.PathwayVersion", on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField()
    # Kept across versions while the section continues (pathways.sections.continue_from).
    anchor = models.CharField(max_length=90)
    # Empty for the text before the first heading.
    heading = models.CharField(max_length=500, blank=True)
    heading_html = models.TextField(blank=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    digest = models.CharField(max_length=64)
    # The version whose text this section last changed in: this one, or an earlier one.
    changed_in = models.ForeignKey(
        "pathways.PathwayVersion", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="section_position"),
            models.UniqueConstraint(fields=["version", "anchor"], name="section_anchor"),
        ]

    def __str__(self):
        return self.heading or "Introduction"


# What each kind of reference's identifier looks like, as stored (`normalise_identifier` gets
# it there), and how to say so. The database checks the same patterns.
IDENTIFIER_SHAPES = {
    "smc": ("SMC[0-9]{3,5}", "SMC and its number, such as SMC2689"),
    "ncmag": ("NCMAG[0-9]{2,4}", "NCMAG and its number, such as NCMAG105"),
    "sign": ("SIGN [0-9]{1,4}", "SIGN and the guideline's number, such as SIGN 143"),
    "trial": (
        "ISRCTN[0-9]{8}|NCT[0-9]{8}",
        "a trial registration number, such as ISRCTN12345678 or NCT01234567",
    ),
}


def _identifier_has_its_shape():
    """Q: the identifier matches its kind's pattern (kinds without one take any)."""
    condition = ~Q(kind__in=list(IDENTIFIER_SHAPES))
    for kind, (pattern, _) in IDENTIFIER_SHAPES.items():
        condition |= Q(kind=kind, identifier__regex=f"^({pattern})$")
    return condition


class Reference(models.Model):
    """Advice or evidence a version cites as the reason for a change, as a record."""

    class Kind(models.TextChoices):
        SMC = "smc", "Scottish Medicines Consortium advice"
        NCMAG = "ncmag", "National Cancer Medicines Advisory Group advice"
        SIGN = "sign", "SIGN guideline"
        TRIAL = "trial", "Clinical trial"
        OTHER = "other", "Other evidence"

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted for use"
        RESTRICTED = "restricted", "Accepted for restricted use"
        NOT_RECOMMENDED = "not_recommended", "Not recommended"

    MEDICINES_ADVICE = (Kind.SMC, Kind.NCMAG)

    version = models.ForeignKey(
        "pathways.PathwayVersion", on_delete=models.CASCADE, related_name="references"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    identifier = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=300)
    medicine = models.CharField(max_length=100, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    url = models.URLField(blank=True)
    # The anchors of the sections of its version it informs.
    sections = ArrayField(models.CharField(max_length=90), default=list, blank=True)

    class Meta:
        ordering = ["version", "kind", "identifier", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "identifier"],
                condition=~Q(identifier=""),
                name="reference_cited_once_per_version",
            ),
            models.CheckConstraint(
                condition=_identifier_has_its_shape(), name="reference_identifier_has_its_shape"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["smc", "ncmag"], medicine__regex=r"\S")
                | Q(~Q(kind__in=["smc", "ncmag"]), decision="", medicine=""),
                name="medicines_advice_names_its_medicine",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """How a reader names it: "SMC2689", or its title when it has no identifier."""
        return self.identifier or self.title

    @classmethod
    def normalise_identifier(cls, kind, raw):
        """Tolerate how people type identifiers ("smc 2689", "Sign143") and store one form."""
        text = " ".join(raw.split()).upper()
        if kind in (cls.Kind.SMC, cls.Kind.NCMAG, cls.Kind.TRIAL):
            return text.replace(" ", "")
        if kind == cls.Kind.SIGN:
            return re.sub(r"^SIGN\s*", "SIGN ", text)
        return " ".join(raw.split())

    def clean(self):
        self.identifier = self.normalise_identifier(self.kind, self.identifier)
        self.medicine = " ".join(self.medicine.split()).lower()
        errors = {}
        shape = IDENTIFIER_SHAPES.get(self.kind)
        if shape and not re.fullmatch(shape[0], self.identifier):
            errors["identifier"] = f"Enter {shape[1]}."
        if self.kind in self.MEDICINES_ADVICE:
            if not self.medicine:
                errors["medicine"] = "Enter the medicine the advice is about."
            if not self.decision:
                errors["decision"] = "Choose the advice's decision."
        elif self.medicine or self.decision:
            errors["decision" if self.decision else "medicine"] = (
                "Only medicines advice (SMC or NCMAG) names a medicine and a decision."
            )
        if errors:
            raise ValidationError(errors)

    def as_record(self):
        """What the content hash covers of it."""
        return [
            self.kind,
            self.identifier,
            self.title,
            self.medicine,
            self.decision,
            self.issued_on.isoformat() if self.issued_on else "",
            self.url,
            sorted(self.sections),
        ]


class Regimen(models.Model):
    """A systemic anti-cancer therapy regimen a version names, with the advice it rests on."""

    class Intent(models.TextChoices):
        CURATIVE = "curative", "Curative"
        NEOADJUVANT = "neoadjuvant", "Neoadjuvant"
        ADJUVANT = "adjuvant", "Adjuvant"
        MAINTENANCE = "maintenance", "Maintenance"
        PALLIATIVE = "palliative", "Palliative"

    version = models.ForeignKey(
        "pathways.PathwayVersion", on_delete=models.CASCADE, related_name="regimens"
    )
    name = models.CharField(max_length=200)
    # Generic names, lower case: what /medicines/<name>/ and search look up.
    medicines = ArrayField(models.CharField(max_length=100))
    intent = models.CharField(max_length=20, choices=Intent.choices)
    setting = models.CharField(max_length=300)
    # Medicines advice cited by this version or an earlier one of the same pathway.
    advice = models.ForeignKey(
        Reference, on_delete=models.PROTECT, null=True, blank=True, related_name="regimens"
    )
    # The section it is shown under: its anchor, or "" for the table after the text.
    section = models.CharField(max_length=90, blank=True)

    class Meta:
        ordering = ["version", "id"]
        indexes = [GinIndex(fields=["medicines"], name="regimen_medicines")]
        constraints = [
            models.CheckConstraint(
                condition=Q(medicines__len__gte=1), name="regimen_names_a_medicine"
            ),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def normalise_medicines(text):
        """Medicine names from a comma-separated list: trimmed, lower case, each once."""
        names = (" ".join(name.split()).lower() for name in text.split(","))
        return list(dict.fromkeys(name for name in names if name))

    def as_record(self):
        return [
            self.name,
            self.medicines,
            self.intent,
            self.setting,
            self.advice.as_record() if self.advice_id else None,
            self.section,
        ]


def carry_forward(base, version):
    """A new version starts with the regimens of the version it is started from (references
    stay with the change they gave the reason for)."""
    Regimen.objects.bulk_create(
        Regimen(
            version=version,
            name=regimen.name,
            medicines=regimen.medicines,
            intent=regimen.intent,
            setting=regimen.setting,
            advice_id=regimen.advice_id,
            section=regimen.section,
        )
        for regimen in base.regimens.order_by("id")
    )


def detach_missing_sections(version, anchors):
    """After an edit of the text: references and regimens let go of sections no longer in it
    (`anchors` are the sections it has now). Returns the labels of references that lost a
    section, for the editor to be told."""
    detached = []
    for reference in version.references.all():
        kept = [anchor for anchor in reference.sections if anchor in anchors]
        if kept != reference.sections:
            reference.sections = kept
            reference.save(update_fields=["sections"])
            detached.append(reference.label)
    version.regimens.exclude(section="").exclude(section__in=anchors).update(section="")
    return detached
