"""Registration pages. Every change goes through `accounts.registration`."""

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts import registration
from accounts.forms import RegistrationForm
from accounts.models import REGISTRATION_LINK_DAYS
from accounts.security_log import client_address

# Set in the session of someone whose account was just made, for the welcome page.
JUST_REGISTERED = "registration_welcome"
SENT_TO = "registration_sent_to"


@sensitive_post_parameters("password1", "password2")
@never_cache
def register(request):
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration.request_registration(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                job_title=data["job_title"],
                board=data["board"],
                password=data["password1"],
                address=client_address(request),
            )
        except registration.RegistrationThrottled as refusal:
            form.add_error(None, refusal.message)
        else:
            # The same page whether or not the address has an account: only its owner learns.
            request.session[SENT_TO] = data["email"]
            return redirect("accounts:register_sent")
    return render(request, "accounts/register.html", {"form": form})


@never_cache
def register_sent(request):
    return render(
        request,
        "accounts/register_sent.html",
        {"email": request.session.get(SENT_TO), "link_days": REGISTRATION_LINK_DAYS},
    )


@never_cache
def register_confirm(request, token):
    """Shows a button rather than acting on the link: mail scanners open links in e-mail, and
    must not use up the link (or be signed in) before the person does."""
    if request.method == "POST":
        try:
            user = registration.confirm_registration(token=token, address=client_address(request))
        except registration.LinkInvalid:
            return _link_invalid(request)
        except registration.AccountExists:
            return render(request, "accounts/register_exists.html", status=409)
        login(request, user)
        request.session[JUST_REGISTERED] = True
        return redirect("accounts:register_welcome")
    pending = registration.pending_registration(token)
    if pending is None:
        return _link_invalid(request)
    return render(request, "accounts/register_confirm.html", {"pending": pending})


def _link_invalid(request):
    return render(
        request,
        "accounts/register_link_invalid.html",
        {"link_days": REGISTRATION_LINK_DAYS},
        status=404,
    )


@login_required
@never_cache
def register_welcome(request):
    if not request.session.get(JUST_REGISTERED):
        return redirect("workspace:dashboard")
    return render(request, "accounts/register_welcome.html")
