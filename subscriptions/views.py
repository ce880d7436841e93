"""Subscription pages: thin, every rule is in `subscriptions.services`.

None is a cached public page: each is marked `never_cache`, and the pages opened by an
address's token (which show the address) must not be kept by any cache at all. They tell
search engines not to index them either (`templates/subscriptions/`).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from subscriptions import services
from subscriptions.forms import SubscribeForm
from subscriptions.models import CONFIRM_LINK_DAYS


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def new(request):
    """The subscribe form, for the pathway or network the link names (?pathway=, ?network=)
    or, naming neither, for every pathway."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            email = services.request_subscription(
                email=form.cleaned_data["email"], scope=form.scope
            )
            # The same page whatever the address is already subscribed to.
            context = {"email": email, "link_days": CONFIRM_LINK_DAYS}
            return render(request, "subscriptions/check_email.html", context)
        context = {"form": form, "scope": form.scope}
        return render(request, "subscriptions/new.html", context, status=400)
    try:
        scope = services.scope_for(
            pathway_slug=request.GET.get("pathway", ""),
            network_slug=request.GET.get("network", ""),
        )
    except services.UnknownScope as refusal:
        context = {"message": refusal.message}
        return render(request, "subscriptions/unknown_scope.html", context, status=404)
    form = SubscribeForm(
        initial={
            "pathway": scope.pathway.slug if scope.pathway else "",
            "network": scope.network.slug if scope.network else "",
        }
    )
    return render(request, "subscriptions/new.html", {"form": form, "scope": scope})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """Shows a button rather than acting on the link: mail scanners open links in e-mail, and
    must not confirm a subscription its address's owner never saw."""
    try:
        if request.method == "POST":
            subscription = services.confirm(token=token)
            return render(request, "subscriptions/confirmed.html", {"subscription": subscription})
        subscription = services.subscription_for_link(token)
    except services.LinkExpired:
        context = {"expired": True, "link_days": CONFIRM_LINK_DAYS}
        return render(request, "subscriptions/link_invalid.html", context, status=410)
    except services.LinkInvalid:
        return render(request, "subscriptions/link_invalid.html", status=404)
    template = "confirmed.html" if subscription.is_confirmed else "confirm.html"
    return render(request, f"subscriptions/{template}", {"subscription": subscription})


def _subscriber(token):
    subscriber = services.subscriber_for_token(token)
    if subscriber is None:
        raise Http404("No subscriber has this token.")
    return subscriber


@never_cache
@require_http_methods(["GET", "HEAD"])
def manage(request, token):
    subscriber = _subscriber(token)
    context = {
        "subscriber": subscriber,
        "subscriptions": services.subscriptions_of(subscriber),
    }
    return render(request, "subscriptions/manage.html", context)


@never_cache
@require_POST
def remove(request, token):
    subscriber = _subscriber(token)
    removed = services.remove(
        subscriber=subscriber, subscription_id=_whole_number(request.POST.get("subscription"))
    )
    if removed:
        messages.success(request, f"You will no longer get emails about {removed}.")
    return redirect("subscriptions:manage", token=subscriber.token)


def _whole_number(value):
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


@csrf_exempt  # RFC 8058: a mail client posts it, with no cookie and no form of ours
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe: a POST stops every e-mail to the address at once; a GET (someone
    following the link) asks first, as a mail scanner's GET must not unsubscribe anyone."""
    subscriber = _subscriber(token)
    if request.method == "POST":
        services.unsubscribe(subscriber=subscriber)
        return render(request, "subscriptions/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "subscriptions/unsubscribe.html", {"subscriber": subscriber})
