from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts.registration import email_domain_allowed
from accounts.throttling import throttled_message
from networks.models import HealthBoard


class _SaysWhenThrottled:
    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "login_throttled", False):
                raise ValidationError(throttled_message(), code="throttled") from None
            raise


class SignInForm(_SaysWhenThrottled, AuthenticationForm):
    username_hint = "If you created your account yourself, your username is your email address."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = self.username_hint


class AdminSignInForm(_SaysWhenThrottled, AdminAuthenticationForm):
    pass


class RegistrationForm(forms.Form):
    """Who is registering. Whether the address already has an account is never checked here:
    the form's answer must not tell anyone (accounts.registration)."""

    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Your NHS Scotland email address. It will be your username.",
    )
    job_title = forms.CharField(max_length=200, help_text="For example, Consultant oncologist.")
    board = forms.ModelChoiceField(
        queryset=HealthBoard.objects.all(), label="NHS board", empty_label="Choose your board"
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput,
        help_text="At least 12 characters. Avoid common words and your name.",
    )
    password2 = forms.CharField(label="Confirm password", strip=False, widget=forms.PasswordInput)

    autocomplete = {
        "first_name": "given-name",
        "last_name": "family-name",
        "email": "email",
        "job_title": "organization-title",
        "password1": "new-password",
        "password2": "new-password",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "nhsuk-select"
            else:
                field.widget.attrs["class"] = "nhsuk-input"
                field.widget.attrs["autocomplete"] = self.autocomplete[name]
        self.fields["email"].widget.attrs["spellcheck"] = "false"

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if not email_domain_allowed(email):
            domains = settings.REGISTRATION_EMAIL_DOMAINS
            if not domains:
                raise ValidationError("Accounts cannot be created here at present.")
            raise ValidationError(
                "Only NHS Scotland staff can create an account: use your email address ending "
                + " or ".join(f"@{domain}" for domain in domains)
                + ".",
                code="domain",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords do not match.")
        elif password1:
            # Compared with the person's own details, as Django's validators do for a user.
            user = get_user_model()(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned
