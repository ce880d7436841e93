"""Pathways at each stage of their life, made through the services as people make them."""

import pytest

from networks.models import CancerType
from pathways import services

BODY = "## Referral\n\nRefer urgently.\n\n## Staging\n\nStage with CT.\n"


@pytest.fixture
def cancer(db):
    return CancerType.objects.get(slug="ovarian")


@pytest.fixture
def draft(author, woscan, cancer):
    version = services.create_pathway(
        actor=author, network=woscan, cancer_type=cancer, title="Ovarian cancer"
    )
    return write(author, version, body=BODY)


def write(actor, version, *, body, title=None, summary="For adults with ovarian cancer."):
    return services.save_draft(
        actor=actor,
        version=version,
        title=title or version.title,
        summary=summary,
        body=body,
        edit_count=version.edit_count,
    )


@pytest.fixture
def in_review(draft, author):
    return services.submit(actor=author, version=draft, change_type="major")


@pytest.fixture
def approved(in_review, reviewer, second_reviewer):
    services.approve(actor=reviewer, version=in_review)
    return services.approve(actor=second_reviewer, version=in_review)


@pytest.fixture
def published(approved, lead):
    return services.publish(actor=lead, version=approved)


@pytest.fixture
def team(author, reviewer, second_reviewer, lead):
    """The people who take a version through review, as publish_change() wants them."""
    return {"author": author, "reviewers": [reviewer, second_reviewer], "lead": lead}


def publish_change(
    version_source,
    *,
    author,
    reviewers,
    lead,
    body,
    change_type="major",
    note="Changed the staging advice.",
    effective_on=None,
    draft=None,
):
    """Take a published pathway through a whole new version (or the `draft` already started
    from it); returns the published version."""
    if draft:
        draft.refresh_from_db()
    version = draft or services.start_new_version(actor=author, pathway=version_source.pathway)
    version = write(author, version, body=body)
    version = services.submit(
        actor=author, version=version, change_type=change_type, change_note=note
    )
    for reviewer in reviewers:
        if version.status == "in_review":
            version = services.approve(actor=reviewer, version=version)
    return services.publish(actor=lead, version=version, effective_on=effective_on)


def publish_pathway(team, network, title, body=BODY, cancer="lung"):
    """A new pathway, taken to its first published version."""
    version = services.create_pathway(
        actor=team["author"],
        network=network,
        title=title,
        cancer_type=CancerType.objects.get(slug=cancer),
    )
    version = write(team["author"], version, body=body)
    version = services.submit(actor=team["author"], version=version, change_type="major")
    for reviewer in team["reviewers"]:
        version = services.approve(actor=reviewer, version=version)
    return services.publish(actor=team["lead"], version=version)
