from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts.throttling import throttled_message


class _SaysWhenThrottled:
    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "login_throttled", False):
                raise ValidationError(throttled_message(), code="throttled") from None
            raise


class SignInForm(_SaysWhenThrottled, AuthenticationForm):
    pass


class AdminSignInForm(_SaysWhenThrottled, AdminAuthenticationForm):
    pass
