"""Who is e-mailed about each change, saying what: always after commit, always with links on
the configured public address."""

import re

import pytest

from networks.models import NetworkRole
from pathways import services
from tests.factories import give_role, make_user
from tests.lifecycle import BODY, write

pytestmark = pytest.mark.django_db

BASE = "https://pathways.example.scot"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.PORTAL_BASE_URL = BASE + "/"  # a trailing slash must not double up in links


def subjects(outbox):
    return [message.subject for message in outbox]


def addresses(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_the_author_is_told_approved_only_when_the_version_has_the_approvals_it_needs(
    in_review,
    author,
    reviewer,
    second_reviewer,
    lead,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(actor=reviewer, version=in_review, comment="Clear staging advice.")
    assert subjects(mailoutbox) == ["[SCN Pathways] 1 of 2 approvals: Ovarian cancer"]
    assert mailoutbox[0].to == [author.email]
    assert "It has 1 of the 2 approvals it needs" in mailoutbox[0].body
    assert "Clear staging advice." in mailoutbox[0].body
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(actor=second_reviewer, version=in_review)
    assert subjects(mailoutbox) == ["[SCN Pathways] Approved: Ovarian cancer is ready to publish"]
    assert addresses(mailoutbox) == sorted([author.email, lead.email])


def test_the_networks_leads_are_told_once_when_a_version_is_ready_to_publish_and_not_before(
    in_review,
    author,
    reviewer,
    second_reviewer,
    lead,
    woscan,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    second_lead = make_user("second-lead")
    give_role(second_lead, woscan, NetworkRole.Role.LEAD)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(actor=reviewer, version=in_review)
        services.approve(actor=second_reviewer, version=in_review)
    for person in (lead, second_lead, author):
        mails = [message for message in mailoutbox if person.email in message.to]
        assert subjects(mails)[-1].startswith("[SCN Pathways] Approved: "), person
    assert addresses(mailoutbox).count(lead.email) == 1
    assert addresses(mailoutbox).count(second_lead.email) == 1
    assert "can now publish it" in mailoutbox[-1].body


def test_a_lead_who_wrote_the_version_gets_one_approved_email_not_two(
    woscan, cancer, lead, reviewer, second_reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    version = services.create_pathway(
        actor=lead, network=woscan, cancer_type=cancer, title="Ovarian cancer"
    )
    version = write(lead, version, body=BODY)
    version = services.submit(actor=lead, version=version, change_type="major")
    services.approve(actor=reviewer, version=version)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(actor=second_reviewer, version=version)
    assert addresses(mailoutbox) == [lead.email]


def test_the_approval_count_in_the_email_is_the_networks_own(
    in_review, reviewer, second_reviewer, woscan, mailoutbox, django_capture_on_commit_callbacks
):
    woscan.major_change_approvals = 3
    woscan.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(actor=reviewer, version=in_review)
        services.approve(actor=second_reviewer, version=in_review)
    assert subjects(mailoutbox) == [
        "[SCN Pathways] 1 of 3 approvals: Ovarian cancer",
        "[SCN Pathways] 2 of 3 approvals: Ovarian cancer",
    ]


def test_a_minor_change_is_approved_by_its_one_approval_and_the_email_says_so(
    published, author, reviewer, lead, mailoutbox, django_capture_on_commit_callbacks
):
    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = write(author, version, body=BODY + "\nWording.\n")
    version = services.submit(actor=author, version=version, change_type="minor")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(actor=reviewer, version=version)
    assert subjects(mailoutbox) == ["[SCN Pathways] Approved: Ovarian cancer is ready to publish"]
    assert addresses(mailoutbox) == sorted([author.email, lead.email])


def test_resubmitted_text_that_already_has_its_approvals_is_announced_approved_not_sent_for_review(
    approved, author, reviewer, lead, mailoutbox, django_capture_on_commit_callbacks
):
    version = services.recall(actor=author, version=approved)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(actor=author, version=version, change_type="major")
    assert subjects(mailoutbox) == ["[SCN Pathways] Approved: Ovarian cancer is ready to publish"]
    assert reviewer.email not in addresses(mailoutbox)


def test_no_approval_email_is_sent_when_the_transaction_does_not_commit(
    in_review, reviewer, second_reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.approve(actor=reviewer, version=in_review)
        services.approve(actor=second_reviewer, version=in_review)
    assert mailoutbox == [] and len(callbacks) >= 2


def test_withdrawal_is_emailed_to_the_leads_and_the_versions_authors_with_the_reason(
    published,
    author,
    reviewer,
    second_reviewer,
    lead,
    woscan,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    co_author = make_user("co-author")
    give_role(co_author, woscan, NetworkRole.Role.AUTHOR)
    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = write(co_author, version, body=BODY + "\nCo-author's addition.\n")
    version = services.submit(
        actor=author, version=version, change_type="major", change_note="Addition."
    )
    for person in (reviewer, second_reviewer):
        services.approve(actor=person, version=version)
    current = services.publish(actor=lead, version=version)
    assert current.number == "2.0"
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(actor=lead, pathway=current.pathway, reason="Replaced by SIGN 999.")
    assert subjects(mailoutbox) == ["[SCN Pathways] Withdrawn: Ovarian cancer"]
    assert addresses(mailoutbox) == sorted([author.email, co_author.email, lead.email])
    body = mailoutbox[0].body
    assert "Replaced by SIGN 999." in body and "version 2.0" in body
    assert f"{BASE}/pathways/ovarian-cancer/" in body


def test_a_refused_withdrawal_sends_nothing(
    published, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(services.TransitionError):
            services.withdraw(actor=lead, pathway=published.pathway, reason="  ")
    assert mailoutbox == []


def test_every_link_in_every_email_starts_with_the_configured_base_url(
    draft, author, reviewer, second_reviewer, lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = services.submit(actor=author, version=draft, change_type="major")
        services.request_changes(actor=reviewer, version=version, comment="Cite SIGN 135.")
        version = write(author, version, body=BODY + "\nSIGN 135.\n")
        version = services.submit(actor=author, version=version, change_type="major")
        services.approve(actor=reviewer, version=version)
        services.approve(actor=second_reviewer, version=version)
        version = services.publish(actor=lead, version=version)
        services.withdraw(actor=lead, pathway=version.pathway, reason="Replaced.")
    assert len(mailoutbox) == 7  # review x2, changes, 1 of 2, approved, published, withdrawn
    links = [link for message in mailoutbox for link in re.findall(r"\w+://\S+", message.body)]
    assert len(links) == len(mailoutbox)
    for link in links:
        assert link.startswith(BASE + "/") and not link.startswith(BASE + "//"), link
