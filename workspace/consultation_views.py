"""National consultation pages: a lead opens a draft for consultation; anyone signed in
comments on its sections while it is open, and so do people outside NHS Scotland whom a lead
invites by link (`invited`, the one page here that needs no sign-in); once it has closed the
authors respond to every comment.

Views read and render; every change is a service of `pathways.consultations`. A consultation
is fetched only through `_get_consultation`: while it takes comments anyone signed in may see
it; otherwise only those who see the pathway in the workspace (`policy.sees_in_workspace`: its
network, the programme team, its table) and the people who commented on it. Others get 404.
"""

from html.parser import HTMLParser

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from accounts.links import absolute_url
from pathways import consultations, policy
from pathways.models import Consultation, ConsultationComment, ConsultationLink
from pathways.policy import Action, PathwayAction
from pathways.services import TransitionError
from workspace.consultation_forms import (
    CommentForm,
    InvitedCommentForm,
    LinkForm,
    OpenConsultationForm,
    ResponseForm,
)
from workspace.views import _breadcrumbs, _get_version, _pathway_crumb

# The invitation page's address is its secret: no cache keeps it, no other site is told it
# (links in a draft also carry rel="noreferrer"), no search engine lists it. Not "no-referrer":
# with it, browsers send the page's own form posts with "Origin: null", which Django's CSRF
# check rightly refuses; "same-origin" (the site's policy, restated so that it stays so here)
# sends the address only back to the portal.
SECRET_PAGE_HEADERS = {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex, nofollow",
}


# --- Reading -------------------------------------------------------------------------------


def _get_consultation(user, pk):
    """The consultation and whether `user` sees it as a member (`policy.sees_in_workspace`), or
    404 for someone who may not see it at all."""
    consultation = get_object_or_404(
        Consultation.objects.select_related(
            "version__pathway__network", "version__pathway__cancer_type", "version__author"
        ),
        pk=pk,
    )
    member = policy.sees_in_workspace(user, consultation.version.pathway)
    if not (
        member
        or (user.is_active and consultations.taking_comments(consultation))
        or consultation.comments.filter(commenter=user).exists()
    ):
        raise Http404
    return consultation, member


class _TopLevelHeadings(HTMLParser):
    """Finds where each level 2 heading outside any other element starts (a heading inside a
    quotation does not start a section)."""

    VOID = {"br", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.starts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "h2" and self.depth == 0:
            self.starts.append((self.getpos(), dict(attrs).get("id")))
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth = max(self.depth - 1, 0)


def sections_of(version):
    """The draft's rendered text (already sanitised) cut at its `##` headings: the text before
    the first, and each section as a dict of `id` (the heading's anchor, None when it has none),
    `text` (the heading) and `html`."""
    html = version.body_html
    parser = _TopLevelHeadings()
    parser.feed(html)
    parser.close()
    line_starts = [0]
    for line in html.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    offsets = [(line_starts[line - 1] + column, anchor) for (line, column), anchor in parser.starts]
    headings = {item["id"]: item["text"] for item in version.contents}
    intro = html[: offsets[0][0]] if offsets else html
    sections = []
    for index, (start, anchor) in enumerate(offsets):
        end = offsets[index + 1][0] if index + 1 < len(offsets) else len(html)
        sections.append(
            {
                "id": anchor if anchor in headings else None,
                "text": headings.get(anchor, ""),
                "html": mark_safe(html[start:end]),  # a slice of sanitised HTML at a heading
            }
        )
    return mark_safe(intro), sections


def _in_document_order(comments, sections):
    """Comments grouped by section in the draft's order; comments on a heading the draft no
    longer has come last, under the heading they were made on."""
    order = {section["id"]: index for index, section in enumerate(sections) if section["id"]}
    return sorted(comments, key=lambda c: (order.get(c.section, len(order)), c.created_at, c.pk))


def _asks_workplace(user):
    profile = getattr(user, "profile", None)
    return profile is None or not profile.job_title or not profile.workplace


def _commenting_as(user):
    profile = user.profile
    return ", ".join(
        [user.get_full_name() or user.get_username(), profile.job_title, profile.workplace]
    )


def _link_status(link, consultation, today):
    if link.revoked_at:
        return "Withdrawn"
    if consultations.link_is_usable(link, consultation):
        return "Active"
    if today < consultation.opens_on and today <= link.expires_on:
        return "Not yet open"
    return "Expired"


def _consultation_page(request, consultation, member, *, bound=None, link_form=None,
                       new_link=None):  # fmt: skip
    """The consultation page; `bound` is the one comment form that was sent, with its errors."""
    user, version = request.user, consultation.version
    today = timezone.localdate()
    taking = consultations.taking_comments(consultation, today)
    intro, sections = sections_of(version)
    show_text = member or taking
    if not show_text:
        # Once it has closed, someone outside the network sees their own comments and the
        # responses under each heading, not the draft as it has changed since.
        intro = ""
        for section in sections:
            section["html"] = format_html("<h2>{}</h2>", section["text"] or "Introduction")
    comments = consultation.comments.select_related("board", "responded_by")
    visible = comments if member else comments.filter(commenter=user)
    visible = _in_document_order(visible, sections)
    ask = _asks_workplace(user)
    known = set()
    for section in sections:
        section["comments"] = [c for c in visible if c.section == section["id"]]
        known.add(section["id"])
        if taking and section["id"]:
            if bound is not None and bound.section["id"] == section["id"]:
                section["form"] = bound
            else:
                section["form"] = CommentForm(section=section, ask_workplace=ask)
    lead = policy.holds_role(user, Action.OPEN_CONSULTATION, version.pathway.network)
    links = []
    if lead:
        links = list(
            consultation.links.select_related("created_by").annotate(
                comment_count=Count("comments")
            )
        )
        for link in links:
            link.status = _link_status(link, consultation, today)
        if link_form is None and not consultation.has_closed():
            link_form = LinkForm(consultation=consultation)
    return render(
        request,
        "workspace/consultation/consultation.html",
        {
            "consultation": consultation,
            "version": version,
            "pathway": version.pathway,
            "member": member,
            "show_text": show_text,
            "taking_comments": taking,
            "not_yet_open": today < consultation.opens_on,
            "intro": intro,
            "sections": sections,
            "elsewhere": [c for c in visible if c.section not in known],
            "counts": comments.aggregate(
                total=Count("pk"), waiting=Count("pk", filter=Q(response=""))
            ),
            "own_count": len(visible) if not member else None,
            "commenting_as": None if ask else _commenting_as(user),
            "error_form": bound if bound is not None and bound.errors else link_form,
            "lead": lead,
            "links": links,
            "link_form": link_form if lead and not consultation.has_closed() else None,
            "new_link": new_link,
            "actions": policy.permitted_actions(user, version) if member else set(),
            "breadcrumbs": _breadcrumbs(
                *(
                    [
                        _pathway_crumb(version.pathway),
                        (version.title, reverse("workspace:version", args=[version.pk])),
                    ]
                    if member
                    else [("National consultations", reverse("workspace:consultations"))]
                )
            ),
        },
    )


@login_required
def consultation_list(request):
    """Drafts open for national consultation now, and those the person may see otherwise."""
    user = request.user
    today = timezone.localdate()
    counted = Consultation.objects.select_related("version__pathway__network").annotate(
        comment_count=Count("comments"),
        own_count=Count("comments", filter=Q(comments__commenter=user)),
    )
    open_now = consultations.all_taking_comments(today)
    networks = policy.networks_for(user, PathwayAction.VIEW)
    commented = ConsultationComment.objects.filter(consultation=OuterRef("pk"), commenter=user)
    others = counted.exclude(pk__in=open_now.values("pk")).filter(
        Q(version__pathway__network__in=networks) | Q(Exists(commented))
    )
    open_now = counted.filter(pk__in=open_now.values("pk"))
    return render(
        request,
        "workspace/consultation/list.html",
        {
            "open_now": open_now.order_by("closes_on", "version__title"),
            "others": others.order_by("-closes_on", "version__title"),
            "breadcrumbs": _breadcrumbs(),
        },
    )


# --- Opening, commenting -------------------------------------------------------------------


@login_required
def open_consultation(request, pk):
    version = _get_version(request.user, pk)
    policy.require_role(request.user, Action.OPEN_CONSULTATION, version.pathway.network)
    form = OpenConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = consultations.open_consultation(
                actor=request.user, version=version, **form.cleaned_data
            )
        except TransitionError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                f"The draft is open for national consultation from {opened.opens_on:%d %B %Y} "
                f"to {opened.closes_on:%d %B %Y}. Its developing group and the reviewers at "
                "its table have been told by e-mail.",
            )
            return redirect("workspace:consultation", pk=opened.pk)
    existing = Consultation.objects.filter(version=version).first()
    if existing:
        # Opened already, perhaps by another lead a moment ago: show it rather than a refusal.
        messages.info(
            request,
            f"This draft is already out for national consultation, from "
            f"{existing.opens_on:%d %B %Y} to {existing.closes_on:%d %B %Y}.",
        )
        return redirect("workspace:consultation", pk=existing.pk)
    if request.method == "GET" and not policy.permits(
        request.user, Action.OPEN_CONSULTATION, version
    ):
        messages.info(request, "Only a draft goes to national consultation.")
        return redirect("workspace:version", pk=version.pk)
    return render(
        request,
        "workspace/consultation/open.html",
        {
            "version": version,
            "pathway": version.pathway,
            "form": form,
            "breadcrumbs": _breadcrumbs(
                _pathway_crumb(version.pathway),
                (version.title, reverse("workspace:version", args=[version.pk])),
            ),
        },
    )


def _posted_section(request, sections):
    anchor = request.POST.get("section", "")
    return next((s for s in sections if s["id"] and s["id"] == anchor), None)


@login_required
def consultation(request, pk):
    consultation, member = _get_consultation(request.user, pk)
    if request.method != "POST":
        return _consultation_page(request, consultation, member)
    _, sections = sections_of(consultation.version)
    section = _posted_section(request, sections)
    if section is None:
        messages.error(request, "Choose a section of the pathway to comment on.")
        return redirect("workspace:consultation", pk=pk)
    form = CommentForm(request.POST, section=section, ask_workplace=_asks_workplace(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            consultations.comment(
                consultation=consultation,
                section=section["id"],
                text=data["text"],
                commenter=request.user,
                role=data.get("role", ""),
                board=data.get("board"),
                organisation=data.get("organisation", ""),
            )
        except TransitionError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                f"Thank you: your comment on {section['text']} is recorded. The authors respond "
                "to every comment once the consultation closes, and you will see their "
                "response on this page.",
            )
            return redirect(reverse("workspace:consultation", args=[pk]) + f"#{section['id']}")
    return _consultation_page(request, consultation, member, bound=form)


# --- Invitation links ----------------------------------------------------------------------


@login_required
@require_POST
def create_link(request, pk):
    consultation, member = _get_consultation(request.user, pk)
    policy.require_role(
        request.user, Action.OPEN_CONSULTATION, consultation.version.pathway.network
    )
    form = LinkForm(request.POST, consultation=consultation)
    new_link = None
    if form.is_valid():
        try:
            link, token = consultations.create_link(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except TransitionError as refusal:
            form.add_error(None, str(refusal))
        else:
            new_link = {
                "label": link.label,
                "url": absolute_url(reverse("workspace:invited", args=[token])),
            }
            form = LinkForm(consultation=consultation)
    response = _consultation_page(request, consultation, member, link_form=form, new_link=new_link)
    response["Cache-Control"] = "private, no-store"  # it may show a link's secret address
    return response


@login_required
@require_POST
def revoke_link(request, pk):
    link = get_object_or_404(ConsultationLink, pk=pk)
    consultation, _ = _get_consultation(request.user, link.consultation_id)
    link = consultations.revoke_link(actor=request.user, link=link)
    messages.success(request, f"The link for {link.label} is withdrawn: it opens nothing now.")
    return redirect(reverse("workspace:consultation", args=[consultation.pk]) + "#links")


def invited(request, token):
    """The page an invitation link opens, without signing in. An unknown, withdrawn or expired
    link, or a closed consultation, all get the same 404: the holder learns nothing more."""
    link = consultations.link_for(token)
    if link is None:
        response = render(request, "workspace/consultation/invitation_gone.html", status=404)
        return _secret(response)
    consultation = link.consultation
    version = consultation.version
    intro, sections = sections_of(version)
    bound = None
    if request.method == "POST":
        section = _posted_section(request, sections)
        if section is None:
            return _secret(redirect("workspace:invited", token=token))
        bound = InvitedCommentForm(request.POST, section=section)
        if bound.is_valid():
            data = bound.cleaned_data
            try:
                consultations.comment(
                    consultation=consultation,
                    section=section["id"],
                    text=data["text"],
                    link=link,
                    name=data["name"],
                    role=data["role"],
                    organisation=data["organisation"],
                )
            except TransitionError as refusal:
                bound.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    f"Thank you: your comment on {section['text']} is recorded. The authors "
                    "respond to every comment once the consultation closes.",
                )
                url = reverse("workspace:invited", args=[token]) + f"#{section['id']}"
                return _secret(redirect(url))
    for section in sections:
        if section["id"]:
            section["form"] = (
                bound
                if bound is not None and bound.section["id"] == section["id"]
                else InvitedCommentForm(section=section)
            )
    response = render(
        request,
        "workspace/consultation/invited.html",
        {
            "consultation": consultation,
            "version": version,
            "pathway": version.pathway,
            "intro": intro,
            "sections": sections,
            "taking_comments": True,
            "error_form": bound,
            "invited_as": link.label,
        },
    )
    return _secret(response)


def _secret(response):
    for header, value in SECRET_PAGE_HEADERS.items():
        response[header] = value
    return response


# --- Responses -----------------------------------------------------------------------------


@login_required
def responses(request, pk):
    """Every comment on the version's consultation, each still waiting with a response form."""
    version = _get_version(request.user, pk)
    policy.require_role(request.user, Action.RESPOND_TO_COMMENTS, version.pathway.network)
    consultation = get_object_or_404(Consultation, version=version)
    consultation.version = version
    _, sections = sections_of(version)
    comments = _in_document_order(
        consultation.comments.select_related("board", "responded_by", "link"), sections
    )
    bound = None
    if request.method == "POST":
        posted = request.POST.get("comment", "")
        comment = next((c for c in comments if str(c.pk) == posted), None)
        if comment is None:
            messages.error(request, "That comment is not on this version.")
            return redirect("workspace:consultation_responses", pk=pk)
        bound = ResponseForm(request.POST, comment=comment)
        if bound.is_valid():
            data = bound.cleaned_data
            try:
                consultations.respond(
                    actor=request.user,
                    comment=comment,
                    response=data["response"],
                    reason=data["reason"],
                )
            except TransitionError as refusal:
                if ConsultationComment.objects.filter(pk=comment.pk).exclude(response="").exists():
                    # Answered meanwhile (a second press, or a co-author): show the answer.
                    messages.error(request, str(refusal))
                    return redirect("workspace:consultation_responses", pk=pk)
                bound.add_error(None, str(refusal))
            else:
                label = ConsultationComment.Response(data["response"]).label.lower()
                messages.success(
                    request,
                    f"Response recorded: {comment.name}'s comment on {comment.section_heading} "
                    f"is {label}.",
                )
                return redirect("workspace:consultation_responses", pk=pk)
    for comment in comments:
        if not comment.response:
            comment.form = (
                bound
                if bound is not None and bound.comment.pk == comment.pk
                else ResponseForm(comment=comment)
            )
    waiting = sum(1 for comment in comments if not comment.response)
    return render(
        request,
        "workspace/consultation/responses.html",
        {
            "version": version,
            "pathway": version.pathway,
            "consultation": consultation,
            "comments": comments,
            "waiting": waiting,
            "has_closed": consultation.has_closed(),
            "error_form": bound,
            "breadcrumbs": _breadcrumbs(
                _pathway_crumb(version.pathway),
                (version.title, reverse("workspace:version", args=[version.pk])),
            ),
        },
    )
