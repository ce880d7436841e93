"""The subscribe form: an address, and the pathway or network the link named (hidden)."""

from django import forms

from subscriptions import services


class CarriedSlug(forms.Field):
    """A slug carried through the form as the link gave it, unchecked here: `clean()` says once,
    in words a reader can act on, whether it names anything (a field error would point at a
    field nobody can see)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return value or ""


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        label="Email address",
        widget=forms.EmailInput(
            attrs={"class": "nhsuk-input", "autocomplete": "email", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    pathway = CarriedSlug()
    network = CarriedSlug()

    scope = None

    def clean(self):
        data = super().clean()
        try:
            self.scope = services.scope_for(
                pathway_slug=data.get("pathway", ""), network_slug=data.get("network", "")
            )
        except services.UnknownScope as refusal:
            raise forms.ValidationError(refusal.message) from None
        return data
