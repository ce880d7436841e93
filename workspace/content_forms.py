"""Forms for a draft's references and SACT regimens. They check what a person can get wrong
as they type; the model's `clean` (run by the services) holds the rules themselves."""

from django import forms

from pathways.content_models import Reference, Regimen
from workspace.forms import DateInput, NhsukForm


class ReferenceForm(NhsukForm):
    kind = forms.ChoiceField(label="What it is", choices=Reference.Kind.choices)
    identifier = forms.CharField(
        label="Identifier",
        required=False,
        max_length=40,
        help_text="SMC2689, NCMAG105, SIGN 143, ISRCTN12345678 or NCT01234567. Other evidence "
        "may have none.",
    )
    title = forms.CharField(label="Title", max_length=300, help_text="As its source names it.")
    medicine = forms.CharField(
        label="Medicine",
        required=False,
        max_length=100,
        help_text="For SMC and NCMAG advice: the medicine's generic name.",
    )
    decision = forms.ChoiceField(
        label="Decision",
        required=False,
        choices=[("", "Not medicines advice")] + Reference.Decision.choices,
    )
    issued_on = forms.DateField(label="Issued on", required=False, widget=DateInput)
    url = forms.URLField(label="Web address", required=False, assume_scheme="https")
    sections = forms.MultipleChoiceField(
        label="Sections it informs", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [(s.anchor, s.heading) for s in sections if s.heading]


class RegimenForm(NhsukForm):
    name = forms.CharField(label="Regimen", max_length=200)
    medicines = forms.CharField(
        label="Medicines",
        max_length=500,
        help_text="Generic names, separated by commas: carboplatin, paclitaxel.",
    )
    intent = forms.ChoiceField(label="Intent", choices=Regimen.Intent.choices)
    setting = forms.CharField(
        label="Setting", max_length=300, help_text="Who it is for: stage, line of treatment."
    )
    advice = forms.TypedChoiceField(
        label="Medicines advice it rests on", required=False, coerce=int, empty_value=None
    )
    section = forms.ChoiceField(label="Shown under", required=False)

    def __init__(self, *args, advice=(), sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advice"].choices = [("", "None cited")] + [
            (reference.pk, f"{reference.label}: {reference.medicine}") for reference in advice
        ]
        self.fields["section"].choices = [("", "A table after the text")] + [
            (s.anchor, s.heading) for s in sections if s.heading
        ]

    def clean_medicines(self):
        medicines = Regimen.normalise_medicines(self.cleaned_data["medicines"])
        if not medicines:
            raise forms.ValidationError("Name at least one medicine.")
        return medicines
