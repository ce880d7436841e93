"""Public pages: what a clinician with no account reads. Each costs a fixed number of queries,
and the pathway and version pages answer conditional requests before rendering."""

import re
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from pathways import diff, queries, spelling
from pathways.models import Pathway, PathwayVersion, review_is_overdue
from pathways.structure import structure_of
from public_site import caching
from public_site.forms import PathwayFilterForm, SearchForm

VERSION_NUMBER = re.compile(r"^([1-9][0-9]{0,3})\.([0-9]{1,4})$")
PAGE_SIZE = 25
SEARCH_PAGE_SIZE = 10  # as NHS.UK's own search


def bad_request(request, message):
    return render(request, "400.html", {"message": message}, status=400)


def _get_public_pathway(slug):
    pathway = get_object_or_404(Pathway.objects.select_related("network", "cancer_type"), slug=slug)
    if not pathway.is_public:
        raise Http404  # drafts, and first versions scheduled for later, are not public
    return pathway


def _crumbs(pathway=None):
    trail = [("Home", reverse("home")), ("Pathways", reverse("pathways:list"))]
    if pathway:
        trail.append((pathway.title, pathway.get_absolute_url()))
    return trail


def _page(request, items):
    paginator = Paginator(items, PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except Exception:  # a page number that is not a number, or out of range
        raise Http404 from None


def home(request):
    return render(
        request,
        "home.html",
        {
            "recent": queries.recently_published(),
            "networks": queries.networks_with_pathway_counts(),
            "cancer_types": queries.cancer_types_with_pathway_counts(),
        },
    )


def pathway_list(request):
    form = PathwayFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return bad_request(request, "That filter or sort order is not one this list offers.")
    options = form.cleaned_data if form.is_bound else {}
    versions = queries.filtered(
        queries.current_versions(),
        network=options.get("network"),
        cancer_type=options.get("cancer"),
    ).order_by(*PathwayFilterForm.ORDERINGS[options.get("sort") or "title"])
    return render(
        request,
        "pathways/pathway_list.html",
        {
            "form": form,
            "page": _page(request, versions),
            "breadcrumbs": _crumbs()[:1],
        },
    )


def pathway_detail(request, slug):
    def render_page():
        current = (
            PathwayVersion.objects.current()
            .filter(pathway__slug=slug)
            .select_related("pathway__network", "pathway__cancer_type")
            .defer("search_vector", "heading_vector", "body_text")
            .first()
        )
        if current is None:  # withdrawn, or no such pathway, a draft, or not yet in effect
            pathway = _get_public_pathway(slug)
            context = {"pathway": pathway, "breadcrumbs": _crumbs()}
            return render(request, "pathways/pathway_detail.html", context)
        # The version before it, for "what changed"; numbers only grow, so it is fixed.
        previous = (
            PathwayVersion.objects.in_effect()
            .filter(pathway=current.pathway_id)
            .filter(Q(major__lt=current.major) | Q(major=current.major, minor__lt=current.minor))
            .only("major", "minor")
            .newest_first()
            .first()
        )
        context = {"pathway": current.pathway, "version": current, "previous": previous}
        context["structure"] = structure_of(current)
        overdue = review_is_overdue(current.next_review_on)
        context.update(is_current=True, overdue=overdue, breadcrumbs=_crumbs())
        return render(request, "pathways/pathway_detail.html", context)

    return caching.respond(request, render_page)


def version_list(request, slug):
    pathway = _get_public_pathway(slug)
    versions = (
        pathway.versions.in_effect()
        .newest_first()
        .defer("body", "body_html", "body_text", "contents")
    )
    page = _page(request, versions)
    current = None if pathway.is_withdrawn else versions.first()
    return render(
        request,
        "pathways/version_list.html",
        {
            "pathway": pathway,
            "page": page,
            "current": current,
            "breadcrumbs": _crumbs(pathway),
        },
    )


def version_detail(request, slug, number):
    def render_page():
        major, minor = number
        versions = queries.with_current_and_successor(PathwayVersion.objects.in_effect())
        version = get_object_or_404(
            versions.select_related("pathway__network", "pathway__cancer_type").defer(
                "search_vector", "heading_vector", "body_text"
            ),
            pathway__slug=slug,
            major=major,
            minor=minor,
        )
        is_current = version.current_number == version.number
        context = {"pathway": version.pathway, "version": version, "is_current": is_current}
        context["structure"] = structure_of(version)
        context.update(
            current_number=version.current_number,
            overdue=is_current and review_is_overdue(version.next_review_on),
            breadcrumbs=_crumbs(version.pathway),
        )
        return render(request, "pathways/version_detail.html", context)

    return caching.respond(request, render_page)


DATE_EXPECTED = "Give the date as year, month and day, as in 2025-03-12."


def _parse_day(value):
    try:
        return date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


def as_at_form(request, slug):
    """The versions list's "as at a date" form, sent as ?date=YYYY-MM-DD: to the permanent
    address of that date's page."""
    pathway = _get_public_pathway(slug)
    day = _parse_day(request.GET.get("date", ""))
    if day is None:
        return bad_request(request, DATE_EXPECTED)
    return redirect("pathways:as_at", slug=pathway.slug, day=day.isoformat())


def as_at(request, slug, day):
    """The version that was current at the end of `day` (scheduled versions and a withdrawal
    counted, as `PathwayVersion.objects.current(at)` counts them), bannered as such."""
    when = _parse_day(day)
    if when is None:
        return bad_request(request, DATE_EXPECTED)
    if when > timezone.localdate():
        return bad_request(
            request, "That date is still to come: the current version is the latest."
        )

    def render_page():
        pathway = _get_public_pathway(slug)
        # The last moment of the day: what takes effect at the next midnight is the next day's.
        next_day = timezone.make_aware(datetime.combine(when + timedelta(days=1), time.min))
        end_of_day = next_day - timedelta(microseconds=1)
        version = (
            queries.with_current_and_successor(PathwayVersion.objects.current(end_of_day))
            .filter(pathway=pathway)
            .select_related("pathway__network", "pathway__cancer_type")
            .defer("search_vector", "heading_vector", "body_text")
            .first()
        )
        context = {"pathway": pathway, "day": when, "version": version}
        if version is not None:
            version.pathway = pathway
            context.update(
                is_current=version.current_number == version.number,
                current_number=version.current_number,
                structure=structure_of(version),
            )
        context["breadcrumbs"] = _crumbs(pathway)
        return render(request, "pathways/as_at.html", context)

    return caching.respond(request, render_page)


def _parse_number(value):
    match = VERSION_NUMBER.match(value or "")
    return (int(match[1]), int(match[2])) if match else None


def compare(request, slug):
    pathway = _get_public_pathway(slug)
    numbers = [_parse_number(request.GET.get(key)) for key in ("from", "to")]
    if None in numbers:
        return bad_request(request, "Say which versions to compare, as in ?from=1.0&to=2.0.")
    if numbers[0] == numbers[1]:
        return bad_request(request, "Choose two different versions to compare.")
    found = {
        (version.major, version.minor): version
        for version in pathway.versions.in_effect().filter(
            major__in=[n[0] for n in numbers], minor__in=[n[1] for n in numbers]
        )
    }
    if not all(number in found for number in numbers):
        raise Http404("No such published version.")
    older, newer = sorted((found[number] for number in numbers), key=lambda v: (v.major, v.minor))
    return render(
        request,
        "pathways/compare.html",
        {
            "pathway": pathway,
            "older": older,
            "newer": newer,
            # The stored, sanitised HTML of each version, compared as a reader sees it.
            "changes": diff.compare_documents(older.body_html, newer.body_html),
            "title_changes": (
                diff.compare(older.title, newer.title) if older.title != newer.title else None
            ),
            "summary_changes": diff.compare(older.summary, newer.summary),
            "breadcrumbs": _crumbs(pathway),
        },
    )


def search(request):
    """Search current pathways, correcting misspelt words (`pathways.spelling`): when the query
    as typed finds nothing and the corrected one finds something, the corrected one's results,
    with a link to search exactly as typed (`exact`); when both find something, the typed
    one's, with a link to the corrected one."""
    form = SearchForm(request.GET or None)
    if request.GET and not form.is_valid():
        return bad_request(
            request,
            "That search could not be understood: "
            + " ".join(error for errors in form.errors.values() for error in errors),
        )
    options = form.cleaned_data if form.is_bound else {}
    text = options.get("q", "")
    filters = {"network": options.get("network"), "cancer_type": options.get("cancer")}
    page = options.get("page") or 1
    first = (page - 1) * SEARCH_PAGE_SIZE

    def search_for(words):
        return queries.search(words, offset=first, count=SEARCH_PAGE_SIZE, **filters)

    results, has_next = search_for(text) if text else ([], False)
    corrected = suggested = None
    if (
        text
        and not options.get("exact")
        and (not results or spelling.has_optional_or_excluded_words(text))
    ):
        correction = spelling.correct(text)
        if correction and not results:
            results, has_next = search_for(correction)
            corrected = correction if results else None
        elif correction and queries.finds_anything(correction, **filters):
            suggested = correction
    for result in results:
        result.snippet_html = queries.highlighted(result.snippet)
    medicine, naming = queries.naming(corrected or text) if text and page == 1 else ("", [])
    return render(
        request,
        "pathways/search.html",
        {
            "form": form,
            "query": text,
            "searched": corrected or text,
            "corrected": corrected,
            "as_typed_url": _search_url(request, text, exact=True),
            "suggested": suggested,
            "suggested_url": _search_url(request, suggested or ""),
            "medicine": medicine,
            "naming": naming,
            "results": results,
            "first": first + 1,
            "last": first + len(results),
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if has_next else None,
            "breadcrumbs": [("Home", reverse("home"))],
        },
    )


def _search_url(request, text, *, exact=False):
    """The search for `text` with the same filters; `exact`: as typed, never corrected."""
    params = request.GET.copy()
    for name in ("page", "exact"):
        params.pop(name, None)
    params["q"] = text
    if exact:
        params["exact"] = "1"
    return f"{reverse('search')}?{params.urlencode()}"


FINGERPRINT = re.compile(rf"^[0-9a-f]{{{PathwayVersion.FINGERPRINT_LENGTH}}}$")


def verify_form(request):
    """/verify/: a fingerprint typed in (?fingerprint=), sent on to its permanent address."""
    typed = re.sub(r"[\s-]", "", request.GET.get("fingerprint", "")).lower()
    if not typed:
        return render(request, "pathways/verify.html", {"breadcrumbs": _crumbs()[:1]})
    if not FINGERPRINT.match(typed):
        return bad_request(
            request,
            f"A fingerprint is {PathwayVersion.FINGERPRINT_LENGTH} letters and digits (0 to 9, "
            "a to f), as printed under Cite this version.",
        )
    return redirect("verify", fingerprint=typed)


def verify(request, fingerprint):
    """Which published version has this fingerprint, and whether it is current, superseded
    (by which version, since when) or withdrawn. An unknown fingerprint reveals nothing."""
    if not FINGERPRINT.match(fingerprint):
        return bad_request(request, "That is not a fingerprint: check the characters.")

    def render_page():
        versions = list(
            queries.with_current_and_successor(
                PathwayVersion.objects.in_effect().filter(content_hash__startswith=fingerprint)
            )
            .select_related("pathway")
            .only(
                "pathway__slug", "pathway__title", "pathway__withdrawn_at",
                "pathway__withdrawal_reason", "pathway__first_published_at",
                "major", "minor", "title", "effective_from", "superseded_at", "content_hash",
                "status",
            )
            .order_by("pathway__title", "major", "minor")
        )  # fmt: skip
        for version in versions:
            version.is_current = version.current_number == version.number
        return render(
            request,
            "pathways/verify.html",
            {"fingerprint": fingerprint, "versions": versions, "breadcrumbs": _crumbs()[:1]},
            status=200 if versions else 404,
        )

    return caching.respond(request, render_page)
