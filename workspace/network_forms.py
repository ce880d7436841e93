"""Forms of the network workspace: the work plan, the annual report and proposals. As with the
other workspace forms, none accepts a field only a service sets (status of a report, who acted,
dates of record); a forged field of that name is not read."""

from django import forms
from django.utils import timezone

from networks.models import AnnualReport, HealthBoard, Network, Objective, Proposal
from workspace.forms import DateInput, NhsukForm

MAX_SECTION_CHARACTERS = 20_000


class ObjectiveForm(NhsukForm):
    title = forms.CharField(max_length=300, label="Objective")
    owner = forms.CharField(max_length=200, help_text="Who answers for it.")
    due_on = forms.DateField(label="Due", widget=DateInput())


class ObjectiveUpdateForm(NhsukForm):
    status = forms.ChoiceField(choices=Objective.Status.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where it stands, in a sentence or two (up to 500 characters).",
    )
    owner = forms.CharField(max_length=200)
    due_on = forms.DateField(label="Due", widget=DateInput())


class ReportForm(NhsukForm):
    """The six set sections, each as long as it needs (within reason), and when the report was
    last saved as the page showed it: the leads and the manager may all be writing it."""

    last_saved = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, heading in AnnualReport.SECTIONS:
            self.fields[field] = forms.CharField(
                label=heading,
                required=False,
                max_length=MAX_SECTION_CHARACTERS,
                widget=forms.Textarea(attrs={"rows": 6, "class": "nhsuk-textarea"}),
            )


class ReviewReportForm(NhsukForm):
    ACCEPT, RETURN = "accept", "return"

    decision = forms.ChoiceField(
        choices=[(ACCEPT, "Accept"), (RETURN, "Return with comments")],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Returning the report: say what the network should change (they see this). "
        "Accepting it: an optional note for the timeline.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comments", "").strip():
            self.add_error("comments", "Say what the network should change before returning it.")
        return cleaned


class OpenReportsForm(NhsukForm):
    year = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        label="Year the reports cover",
        widget=forms.NumberInput(attrs={"class": "nhsuk-input nhsuk-input--width-4"}),
    )
    due_on = forms.DateField(label="Due", widget=DateInput())


class ProposalForm(NhsukForm):
    area = forms.CharField(max_length=200, help_text="The cancers or care it would cover.")
    grounds = forms.MultipleChoiceField(
        choices=Proposal.Ground.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Why a national approach",
    )
    case = forms.CharField(
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="The case for a national network",
    )
    proposed_by = forms.CharField(max_length=200, help_text="Who puts it forward.")
    received_on = forms.DateField(label="Received", widget=DateInput())
    supporting_boards = forms.ModelMultipleChoiceField(
        queryset=HealthBoard.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Boards that support it",
    )


class DecisionForm(NhsukForm):
    decision = forms.ChoiceField(
        choices=[
            (Proposal.Decision.APPROVED, "Approved: it becomes a network, being set up"),
            (Proposal.Decision.DECLINED, "Declined"),
            (Proposal.Decision.DEFERRED, "Deferred: to be decided later"),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label="Date of the decision", widget=DateInput())
    reason = forms.CharField(
        max_length=5_000, widget=forms.Textarea(attrs={"rows": 4}), label="Reason"
    )
    name = forms.CharField(
        max_length=200, required=False, label="Name of the new network (approved only)"
    )
    short_name = forms.CharField(
        max_length=20,
        required=False,
        label="Short name (approved only)",
        help_text="The abbreviation clinicians will use, such as SSN.",
    )
    kind = forms.ChoiceField(
        choices=Network.Kind.choices, initial=Network.Kind.NATIONAL_MCN, label="Kind of network"
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("decided_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Proposal.Decision.APPROVED:
            for field in ("name", "short_name"):
                if not cleaned.get(field, "").strip():
                    self.add_error(field, "An approved proposal becomes a network: name it.")
        return cleaned
