"""Self-registration for NHS Scotland staff: an account from an address in an allowed domain
(`settings.REGISTRATION_EMAIL_DOMAINS`), made only once the address is confirmed by e-mail.

Two entry points, each one transaction: `request_registration` (the form was filled in) and
`confirm_registration` (the link was followed). The account they make has no network role, no
group and no staff status: enough to comment on consultations, nothing more.

Nobody can learn from the form whether an address has an account: the page is the same and an
e-mail goes out either way; only the e-mail, read by the owner of the address, says which.
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts import security_log
from accounts.links import absolute_url
from accounts.models import REGISTRATION_LINK_DAYS, PendingRegistration, RegistrationAttempt
from networks.models import Profile

logger = logging.getLogger(__name__)

# E-mails one address may be sent, and requests one client address may make, per window. An
# address's owner needs one or two (a lost e-mail, a second try); a whole board's staff may share
# one outgoing network address, so that limit is looser.
REQUESTS_PER_EMAIL = 3
REQUESTS_PER_ADDRESS = 20
THROTTLE_WINDOW = timedelta(hours=1)


class RegistrationThrottled(Exception):
    """Too many requests for this address, or from this client: nothing was sent."""

    message = (
        "Too many requests to register this email address, or from your network. "
        "Wait an hour, then try again."
    )


class LinkInvalid(Exception):
    """The link is unknown, has expired or has been used."""


class AccountExists(Exception):
    """An account with the address was made after the link was sent: nothing was created."""


def email_domain_allowed(email):
    """Whether `email`'s domain is exactly one of the allowed domains (case aside): a look-alike
    (evil-nhs.scot, nhs.scot.evil.com) or a subdomain (x.nhs.scot) is not."""
    domain = email.rpartition("@")[2].lower()
    return domain in settings.REGISTRATION_EMAIL_DOMAINS


def existing_accounts(email):
    """Accounts that already answer to `email`, as an address or as a username."""
    return get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email))


def is_throttled(email, address):
    since = timezone.now() - THROTTLE_WINDOW
    recent = RegistrationAttempt.objects.filter(at__gte=since)
    return recent.filter(email=email).count() >= REQUESTS_PER_EMAIL or bool(
        address and recent.filter(address=address).count() >= REQUESTS_PER_ADDRESS
    )


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def request_registration(*, email, first_name, last_name, job_title, board, password, address=None):
    """Ask the owner of `email` (already checked against the allowed domains) to confirm it:
    store the request, replacing an earlier one for the address, and send the link; or, when
    the address already has an account, send an e-mail saying so. The caller cannot tell which.

    Raises RegistrationThrottled, having sent nothing, when the address or the client has asked
    too often within the hour.
    """
    email = email.strip().lower()
    address = address or None
    # Hashed whatever happens next, so both outcomes cost the same time.
    password_hash = make_password(password)
    if is_throttled(email, address):
        security_log.record("registration_throttled", email=email, address=address or "")
        raise RegistrationThrottled
    RegistrationAttempt.objects.create(email=email, address=address)
    # Nothing older than the window matters for throttling: keep the tables small.
    RegistrationAttempt.objects.filter(at__lt=timezone.now() - THROTTLE_WINDOW).delete()
    PendingRegistration.objects.expired().delete()

    usernames = list(existing_accounts(email).values_list("username", flat=True))
    if usernames:
        PendingRegistration.objects.filter(email=email).delete()
        message = _account_exists_email(usernames)
    else:
        token = secrets.token_urlsafe(32)
        PendingRegistration.objects.update_or_create(
            email=email,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "job_title": job_title,
                "board": board,
                "password": password_hash,
                "token_hash": _token_hash(token),
                "created_at": timezone.now(),
            },
        )
        message = _confirmation_email(token)
    _log_on_commit(
        "registration_requested",
        email=email,
        address=address or "",
        existing_account=bool(usernames),
    )
    transaction.on_commit(lambda: _send(email, *message))


def pending_registration(token):
    """The unexpired request whose link carries `token`, or None."""
    return PendingRegistration.objects.unexpired().filter(token_hash=_token_hash(token)).first()


def confirm_registration(*, token, address=None):
    """Make the account the link's request describes: an active user named by their address,
    with their profile (job title, board) and no role, group or staff status. The request is
    deleted, so the link works once.

    Raises LinkInvalid when the link is unknown, expired or used, and AccountExists (creating
    nothing, and deleting the request) when the address has had an account made meanwhile.
    """
    address = address or ""
    with transaction.atomic():
        # Locked, so that two clicks on the same link make one account.
        pending = (
            PendingRegistration.objects.unexpired()
            .select_for_update(of=("self",))  # not the board's row
            .select_related("board")
            .filter(token_hash=_token_hash(token))
            .first()
        )
        if pending is None:
            raise LinkInvalid
        pending.delete()
        user = _create_account(pending)
        if user is None:
            _log_on_commit(
                "registration_refused",
                email=pending.email,
                reason="account exists",
                address=address,
            )
        else:
            _log_on_commit("registration_confirmed", actor=user, target=user, address=address)
    if user is None:
        raise AccountExists  # after the commit: the used request stays deleted
    return user


def _create_account(pending):
    if existing_accounts(pending.email).exists():
        return None
    try:
        with transaction.atomic():  # a savepoint: an account made this instant is refused too
            user = get_user_model().objects.create(
                username=pending.email,
                email=pending.email,
                first_name=pending.first_name,
                last_name=pending.last_name,
                password=pending.password,  # already hashed
            )
    except IntegrityError:
        return None
    Profile.objects.create(user=user, job_title=pending.job_title, board=pending.board)
    return user


def _log_on_commit(event, **details):
    transaction.on_commit(lambda: security_log.record(event, **details))


def _confirmation_email(token):
    # Nothing typed into the form is repeated here: anyone may type anyone's address, and the
    # portal's e-mail must not carry their words (a name like "Urgent: call ...") to its owner.
    link = absolute_url(reverse("accounts:register_confirm", args=[token]))
    return (
        "Confirm your email address",
        [
            "Someone, probably you, asked to create an SCN Pathways account for this email "
            f"address. To create it, follow this link within {REGISTRATION_LINK_DAYS} days:",
            link,
            "If it was not you, ignore this email: no account is made without this link.",
        ],
    )


def _account_exists_email(usernames):
    names = ", ".join(sorted(usernames))
    return (
        "You already have an account",
        [
            "Someone, probably you, asked to create an SCN Pathways account for this email "
            "address, but it already has one, so nothing new was made.",
            f"Sign in with your username ({names}): {absolute_url(reverse('login'))}",
            "If you have forgotten your password, reset it here: "
            f"{absolute_url(reverse('password_reset'))}",
            "If it was not you, ignore this email: your account has not changed.",
        ],
    )


def _send(email, subject, lines):
    try:
        send_mail(f"[SCN Pathways] {subject}", "\n\n".join(lines), None, [email])
    except Exception:  # the request is stored; a mail outage must not turn it into an error
        logger.exception("Could not send %r", subject)
