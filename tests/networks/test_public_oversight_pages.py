"""The public network pages show a network's life, terms, pathways, steering group, work plan
and accepted annual reports; an accepted report has its own permanent page."""

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from networks.models import AnnualReport, CancerType, HealthBoard, Network, Objective
from pathways import services
from tests.factories import make_network
from tests.lifecycle import BODY, publish_change, publish_pathway, write

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def accepted_report(network, year, **sections):
    """A report the programme accepted (made as it ends up: accepted reports are frozen)."""
    return make_report(network, year, status=AnnualReport.Status.ACCEPTED, **sections)


def make_report(network, year, *, status, **sections):
    now = timezone.now()
    return AnnualReport.objects.create(
        network=network,
        year=year,
        due_on=date(year + 1, 3, 31),
        status=status,
        submitted_at=None if status == AnnualReport.Status.DRAFT else now,
        accepted_at=now if status == AnnualReport.Status.ACCEPTED else None,
        **sections,
    )


def add_objective(network, year, title, status=Objective.Status.ON_TRACK, **extra):
    return network.objectives.create(
        year=year,
        title=title,
        owner=extra.pop("owner", "Lead nurse"),
        due_on=extra.pop("due_on", date(year, 12, 31)),
        status=status,
        **extra,
    )


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


class TestTheDirectory:
    def test_lists_active_networks_by_kind_and_the_others_apart(self, client, woscan):
        make_network("NEW", name="Proposed Network", status=Network.Status.PROPOSED)
        make_network("OLD", name="Disbanded Network", status=Network.Status.RETIRED)
        html = html_of(client, reverse("networks:list"))
        regional = html.index("Regional cancer networks")
        proposed = html.index("Proposed networks")
        ended = html.index("Merged and retired networks")
        assert regional < html.index("West of Scotland Cancer Network") < proposed
        assert proposed < html.index("Proposed Network (NEW)") < ended
        assert ended < html.index("Disbanded Network (OLD)")

    def test_a_network_under_review_is_listed_among_the_active_with_a_tag(self, client, woscan):
        woscan.status = Network.Status.UNDER_REVIEW
        woscan.save()
        html = html_of(client, reverse("networks:list"))
        card = html[html.index("West of Scotland Cancer Network (WoSCAN)") :]
        assert card.index(">Under review</strong>") < card.index("Member boards")

    def test_a_proposed_network_shows_when_it_was_approved(self, client, woscan):
        make_network(
            "NEW",
            name="Proposed Network",
            status=Network.Status.PROPOSED,
            status_since=date(2025, 6, 2),
        )
        html = html_of(client, reverse("networks:list"))
        assert "approved 2 June 2025" in html

    def test_a_merged_network_names_and_links_the_network_it_joined(self, client, woscan):
        make_network(
            "OLD",
            name="Old Network",
            status=Network.Status.MERGED,
            status_since=date(2024, 4, 1),
            merged_into=woscan,
        )
        make_network(
            "GONE",
            name="Gone Network",
            status=Network.Status.RETIRED,
            status_since=date(2025, 3, 31),
        )
        html = html_of(client, reverse("networks:list"))
        assert (
            'merged into <a href="/networks/woscan/">West of Scotland Cancer Network</a>'
            " on 1 April 2024"
        ) in html
        assert "retired on 31 March 2025" in html
        # The latest ending first.
        assert html.index("Gone Network") < html.index("Old Network")

    def test_has_no_proposed_or_ended_sections_when_there_are_none(self, client, woscan):
        html = html_of(client, reverse("networks:list"))
        assert "Proposed networks" not in html
        assert "Merged and retired networks" not in html


class TestANetworkThatIsNotActive:
    def test_a_retired_network_page_says_so_at_the_top(self, client):
        network = make_network("OLD", status=Network.Status.RETIRED, status_since=date(2025, 3, 31))
        html = html_of(client, network.get_absolute_url())
        notice = html.index("This network was retired on 31 March 2025")
        assert html.index("<h1>") < notice < html.index("About this network")
        assert "nhsuk-warning-callout" in html
        assert "Get emails when" not in html  # it publishes nothing any more

    def test_a_merged_network_page_links_the_network_it_joined(self, client, woscan):
        network = make_network(
            "OLD", status=Network.Status.MERGED, status_since=date(2024, 4, 1), merged_into=woscan
        )
        html = html_of(client, network.get_absolute_url())
        assert (
            'This network merged into <a href="/networks/woscan/">'
            "West of Scotland Cancer Network</a> on 1 April 2024"
        ) in html

    def test_a_proposed_network_page_says_it_is_being_set_up(self, client):
        network = make_network("NEW", status=Network.Status.PROPOSED, status_since=date(2025, 6, 2))
        html = html_of(client, network.get_absolute_url())
        assert "The programme approved this network on 2 June 2025" in html

    def test_a_retired_network_page_omits_the_work_it_no_longer_does(self, client):
        network = make_network("OLD", status=Network.Status.RETIRED)
        html = html_of(client, network.get_absolute_url())
        for heading in ["Work plan", "Steering group", "Annual reports"]:
            assert f"<h2>{heading}" not in html
        assert "This network has no current pathways." in html

    def test_an_active_network_page_has_no_warning(self, client, woscan):
        assert "nhsuk-warning-callout" not in html_of(client, woscan.get_absolute_url())


class TestANetworkPage:
    def test_shows_each_stage_of_its_life_with_its_date(self, client):
        network = make_network("NEW", status=Network.Status.PROPOSED, status_since=date(2019, 5, 1))
        network.status, network.status_since = Network.Status.ESTABLISHED, date(2020, 1, 6)
        network.save()
        network.status, network.status_since = Network.Status.UNDER_REVIEW, date(2025, 2, 3)
        network.save()
        html = html_of(client, network.get_absolute_url())
        history = html[html.index("<h2>History</h2>") :]
        assert history.index("Proposed") < history.index("1 May 2019")
        assert (
            history.index("1 May 2019")
            < history.index("Established")
            < history.index("6 January 2020")
        )
        assert history.index("Under review") < history.index("3 February 2025")
        assert "This network has been under review since 3 February 2025" in html
        assert "Under review since 3 February 2025</dd>" in html

    def test_shows_its_host_board_and_the_current_terms_with_their_start(self, client, woscan):
        woscan.host_board = HealthBoard.objects.get(slug="greater-glasgow-clyde")
        woscan.save()
        woscan.appointments.create(
            post="lead_clinician",
            name="Dr Former",
            starts_on=date(2015, 1, 1),
            ends_on=date(2019, 12, 31),
        )
        woscan.appointments.create(post="lead_clinician", name="Dr Now", starts_on=date(2020, 1, 1))
        woscan.appointments.create(post="manager", name="S Campbell", starts_on=date(2021, 8, 2))
        html = html_of(client, woscan.get_absolute_url())
        assert "NHS Greater Glasgow &amp; Clyde" in html
        assert "Dr Now, since 1 January 2020" in html
        assert "S Campbell, since 2 August 2021" in html
        assert "Dr Former" not in html

    def test_lists_current_pathways_with_version_and_review_date(self, client, published, team):
        change = publish_change(published, body=BODY + "\nClearer.\n", change_type="minor", **team)
        html = html_of(client, published.pathway.network.get_absolute_url())
        assert '<a href="/pathways/ovarian-cancer/">Ovarian cancer</a>' in html
        assert "</span>1.1</td>" in html
        assert f"{change.next_review_on:%-d %B %Y}" in html
        assert "</span>1.0</td>" not in html

    def test_never_shows_a_draft_or_a_scheduled_version(self, client, published, team, cancer):
        later = timezone.localdate() + timedelta(days=30)
        publish_change(published, body=BODY + "\nLater.\n", effective_on=later, **team)
        services.create_pathway(
            actor=team["author"],
            network=published.pathway.network,
            cancer_type=cancer,
            title="Cervical cancer",
        )
        first_later = _first_version_scheduled(team, published.pathway.network, later)
        html = html_of(client, published.pathway.network.get_absolute_url())
        assert "</span>1.0</td>" in html
        assert "</span>2.0</td>" not in html
        assert "Cervical cancer" not in html
        assert first_later.title not in html

    def test_says_so_when_it_has_no_current_pathways(self, client, woscan):
        assert "This network has no current pathways." in html_of(client, woscan.get_absolute_url())

    def test_shows_its_steering_group_as_a_table(self, client, woscan):
        woscan.steering_group.create(
            name="Dr A Chair", role="Chair", board=HealthBoard.objects.get(slug="lanarkshire")
        )
        woscan.steering_group.create(
            name="P Voice", role="Patient representative", organisation="Cancer charity", position=1
        )
        html = html_of(client, woscan.get_absolute_url())
        group = html[html.index("<h2>Steering group</h2>") :]
        assert group.index("Dr A Chair") < group.index("Chair") < group.index("NHS Lanarkshire")
        assert (
            group.index("NHS Lanarkshire") < group.index("P Voice") < group.index("Cancer charity")
        )

    def test_shows_the_latest_work_plan_up_to_this_year_with_status_tags(self, client, woscan):
        add_objective(woscan, THIS_YEAR - 1, "Last year's objective")
        add_objective(woscan, THIS_YEAR + 1, "Next year's objective")
        add_objective(
            woscan,
            THIS_YEAR,
            "Audit the pathway",
            Objective.Status.AT_RISK,
            note="Waiting for data.",
        )
        add_objective(woscan, THIS_YEAR, "Hold the annual meeting", Objective.Status.DONE)
        html = html_of(client, woscan.get_absolute_url())
        assert f"<h2>Work plan {THIS_YEAR}</h2>" in html
        assert "Audit the pathway" in html and "Waiting for data." in html
        assert 'nhsuk-tag--yellow">At risk</strong>' in html
        assert ">Done</strong>" in html
        assert "Last year's objective" not in html
        assert "Next year's objective" not in html

    def test_an_older_work_plan_stands_until_a_newer_one_is_made(self, client, woscan):
        add_objective(woscan, THIS_YEAR - 2, "Still the plan", Objective.Status.OFF_TRACK)
        html = html_of(client, woscan.get_absolute_url())
        assert f"<h2>Work plan {THIS_YEAR - 2}</h2>" in html
        assert ">Off track</strong>" in html

    def test_says_so_when_there_is_no_work_plan(self, client, woscan):
        assert "No work plan is published yet." in html_of(client, woscan.get_absolute_url())

    def test_links_accepted_reports_only_newest_first(self, client, woscan):
        accepted_report(woscan, 2022)
        accepted_report(woscan, 2023)
        make_report(woscan, 2024, status=AnnualReport.Status.SUBMITTED)
        make_report(woscan, 2025, status=AnnualReport.Status.DRAFT)
        html = html_of(client, woscan.get_absolute_url())
        newer = html.index('href="/networks/woscan/reports/2023/"')
        assert newer < html.index('href="/networks/woscan/reports/2022/"')
        assert "reports/2024/" not in html
        assert "reports/2025/" not in html

    def test_says_so_when_no_report_is_accepted(self, client, woscan):
        make_report(woscan, 2024, status=AnnualReport.Status.RETURNED)
        html = html_of(client, woscan.get_absolute_url())
        assert "No annual report has been accepted yet." in html


def summary_row(html, key):
    """The text of the summary list row `key` on a page, or None if it has no such row."""
    row = re.search(
        rf'<dt class="nhsuk-summary-list__key">{key}</dt>\s*'
        r'<dd class="nhsuk-summary-list__value">(.*?)</dd>',
        html,
        re.DOTALL,
    )
    return " ".join(row.group(1).split()) if row else None


class TestANationalPathwayGroup:
    """A national pathway group answers through the pathway it develops, not through a work
    plan and an annual report: its page must not read as though it were behind on them."""

    def test_leaves_out_the_annual_cycle_when_it_has_none(self, client):
        group = make_network("OV CMP", slug="ov-cmp", kind=Network.Kind.NATIONAL_GROUP)
        assert not group.in_annual_cycle
        html = html_of(client, group.get_absolute_url())
        for heading in ["Work plan", "Steering group", "Annual reports"]:
            assert f"<h2>{heading}" not in html
        assert "No work plan is published yet." not in html
        assert "The steering group is not recorded yet." not in html
        assert "No annual report has been accepted yet." not in html
        assert "This network has no current pathways." in html  # its pathway still counts

    def test_shows_a_steering_group_it_has(self, client):
        group = make_network("OV CMP", slug="ov-cmp", kind=Network.Kind.NATIONAL_GROUP)
        group.steering_group.create(name="Dr M Baird", role="Chair", organisation="A charity")
        html = html_of(client, group.get_absolute_url())
        assert "<h2>Steering group</h2>" in html and "Dr M Baird" in html

    @pytest.mark.parametrize("kind", [Network.Kind.NATIONAL_MCN, Network.Kind.OTHER_NATIONAL])
    def test_a_national_network_in_the_cycle_still_says_what_is_missing(self, client, kind):
        network = make_network("NAT", kind=kind)
        html = html_of(client, network.get_absolute_url())
        assert "No work plan is published yet." in html
        assert "The steering group is not recorded yet." in html
        assert "No annual report has been accepted yet." in html


class TestTheLeadAndManagerRows:
    def test_a_post_whose_term_ended_with_no_successor_is_vacant_since_the_next_day(
        self, client, woscan
    ):
        woscan.appointments.create(
            post="lead_clinician",
            name="Dr Early",
            starts_on=date(2010, 1, 1),
            ends_on=date(2015, 6, 30),
        )
        woscan.appointments.create(
            post="lead_clinician",
            name="Dr Gone",
            starts_on=date(2015, 7, 1),
            ends_on=date(2024, 3, 31),
        )
        html = html_of(client, woscan.get_absolute_url())
        assert summary_row(html, "Lead clinician") == "Vacant since 1 April 2024"
        assert summary_row(html, "Network manager") == "Not recorded"  # never recorded
        assert "Dr Gone" not in html and "Dr Early" not in html

    def test_a_term_ending_today_is_still_held_and_one_not_yet_begun_is_not(self, client, woscan):
        today = timezone.localdate()
        woscan.appointments.create(
            post="lead_clinician", name="Dr Today", starts_on=date(2020, 1, 1), ends_on=today
        )
        woscan.appointments.create(
            post="manager",
            name="S Before",
            starts_on=date(2020, 1, 1),
            ends_on=today - timedelta(days=1),
        )
        woscan.appointments.create(
            post="manager", name="S Next", starts_on=today + timedelta(days=7)
        )
        html = html_of(client, woscan.get_absolute_url())
        assert summary_row(html, "Lead clinician") == "Dr Today, since 1 January 2020"
        assert summary_row(html, "Network manager") == f"Vacant since {today:%-d %B %Y}"

    def test_a_successor_fills_the_post(self, client, woscan):
        woscan.appointments.create(
            post="manager",
            name="S Former",
            starts_on=date(2015, 1, 1),
            ends_on=date(2020, 12, 31),
        )
        woscan.appointments.create(post="manager", name="S Now", starts_on=date(2021, 1, 1))
        html = html_of(client, woscan.get_absolute_url())
        assert summary_row(html, "Network manager") == "S Now, since 1 January 2021"
        assert "Vacant" not in html

    @pytest.mark.parametrize("status", [Network.Status.RETIRED, Network.Status.MERGED])
    def test_a_network_that_has_ended_has_no_lead_or_manager_rows(self, client, woscan, status):
        network = make_network(
            "OLD",
            status=status,
            status_since=date(2020, 3, 31),
            merged_into=woscan if status == Network.Status.MERGED else None,
        )
        network.appointments.create(
            post="lead_clinician",
            name="Dr Last",
            starts_on=date(2008, 1, 1),
            ends_on=date(2020, 3, 31),
        )
        html = html_of(client, network.get_absolute_url())
        assert summary_row(html, "Lead clinician") is None
        assert summary_row(html, "Network manager") is None
        assert "Vacant" not in html

    def test_a_proposed_network_shows_only_the_posts_already_filled(self, client):
        network = make_network("NEW", status=Network.Status.PROPOSED, status_since=date(2025, 6, 2))
        network.appointments.create(
            post="lead_clinician", name="Dr First", starts_on=date(2025, 7, 1)
        )
        html = html_of(client, network.get_absolute_url())
        assert summary_row(html, "Lead clinician") == "Dr First, since 1 July 2025"
        assert summary_row(html, "Network manager") is None


class TestTheStatusRow:
    @pytest.mark.parametrize(
        "status, expected",
        [
            (Network.Status.ESTABLISHED, "Established on 1 January 2011"),
            (Network.Status.UNDER_REVIEW, "Under review since 1 January 2011"),
            (Network.Status.RETIRED, "Retired on 1 January 2011"),
            (Network.Status.PROPOSED, "Proposed since 1 January 2011"),
        ],
    )
    def test_says_on_for_an_event_and_since_for_a_state_that_runs_on(
        self, client, status, expected
    ):
        network = make_network("NET", status=status, status_since=date(2011, 1, 1))
        html = html_of(client, network.get_absolute_url())
        assert summary_row(html, "Status") == expected
        assert "Established since" not in html and "Retired since" not in html

    def test_a_merged_network_merged_on_its_day(self, client, woscan):
        network = make_network(
            "OLD", status=Network.Status.MERGED, status_since=date(2021, 4, 1), merged_into=woscan
        )
        html = html_of(client, network.get_absolute_url())
        assert summary_row(html, "Status") == "Merged on 1 April 2021"

    def test_an_established_network_with_no_date_says_only_so(self, client, woscan):
        assert summary_row(html_of(client, woscan.get_absolute_url()), "Status") == "Established"


class TestTheDemoNetworkPages:
    def test_tell_each_networks_life_its_vacancy_and_only_the_cycle_it_is_in(
        self, client, settings
    ):
        settings.DEBUG = True
        call_command("load_demo", stdout=open("/dev/null", "w"))

        retired = html_of(client, "/networks/cancer-genetics/")
        history = retired[retired.index("<h2>History</h2>") :]
        assert history.index("Established") < history.index("1 October 2008")
        assert history.index("1 October 2008") < history.index("Retired")
        assert history.index("Retired") < history.index("31 March 2020")

        merged = html_of(client, "/networks/teenage-young-adult/")
        history = merged[merged.index("<h2>History</h2>") :]
        assert (
            history.index("1 April 2012")
            < history.index("Merged")
            < history.index("1 April 2021: joined")
        )
        assert summary_row(merged, "Lead clinician") is None

        # The SMN's lead's term ended with no successor.
        smn = html_of(client, "/networks/mesothelioma/")
        assert summary_row(smn, "Lead clinician").startswith("Vacant since ")
        assert summary_row(smn, "Network manager") == "Stuart Watson, since 1 February 2018"

        group = html_of(client, "/networks/ovarian-cmp-group/")
        for missing in ["No work plan", "The steering group is not", "No annual report"]:
            assert missing not in group


def _first_version_scheduled(team, network, effective_on):
    """A new pathway whose first version takes effect later: not yet public."""
    version = services.create_pathway(
        actor=team["author"],
        network=network,
        title="Scheduled lung cancer",
        cancer_type=CancerType.objects.get(slug="lung"),
    )
    version = write(team["author"], version, body=BODY)
    version = services.submit(actor=team["author"], version=version, change_type="major")
    for reviewer in team["reviewers"]:
        version = services.approve(actor=reviewer, version=version)
    return services.publish(actor=team["lead"], version=version, effective_on=effective_on)


class TestAnAnnualReportPage:
    def test_shows_the_network_year_acceptance_and_six_sections(self, client, woscan):
        report = accepted_report(
            woscan, 2024, summary="A good year.", risks="Staffing.\n\nFunding."
        )
        html = html_of(client, reverse("networks:report", args=["woscan", 2024]))
        assert report.get_absolute_url() == "/networks/woscan/reports/2024/"
        assert "<h1>Annual report 2024</h1>" in html
        assert "West of Scotland Cancer Network (WoSCAN)" in html
        assert f"{timezone.localdate(report.accepted_at):%-d %B %Y}" in html
        for heading, _ in report.sections():
            assert f"<h2>{heading}</h2>" in html
        assert "<p>A good year.</p>" in html
        assert "<p>Staffing.</p>\n\n<p>Funding.</p>" in html
        assert 'href="/networks/woscan/"' in html  # breadcrumbs back to the network

    @pytest.mark.parametrize(
        "status",
        [AnnualReport.Status.DRAFT, AnnualReport.Status.SUBMITTED, AnnualReport.Status.RETURNED],
    )
    def test_a_report_not_accepted_is_not_found(self, client, woscan, status):
        make_report(woscan, 2024, status=status, summary="Not public yet.")
        assert client.get("/networks/woscan/reports/2024/").status_code == 404

    def test_an_unknown_year_or_another_networks_slug_is_not_found(
        self, client, woscan, other_network
    ):
        accepted_report(woscan, 2024)
        assert client.get("/networks/woscan/reports/2023/").status_code == 404
        assert client.get("/networks/woscan/reports/99999999999999999999/").status_code == 404
        assert client.get("/networks/sarcoma/reports/2024/").status_code == 404
        assert client.get("/networks/no-such-network/reports/2024/").status_code == 404

    def test_report_text_is_escaped(self, client, woscan):
        accepted_report(woscan, 2024, plans='<script>alert("x")</script>\n<b>bold</b>')
        html = html_of(client, "/networks/woscan/reports/2024/")
        assert "<script>alert" not in html and "<b>bold</b>" not in html
        assert (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;bold&lt;/b&gt;" in html
        )

    def test_accepted_reports_are_in_the_sitemap(self, client, woscan):
        accepted_report(woscan, 2024)
        make_report(woscan, 2025, status=AnnualReport.Status.SUBMITTED)
        xml = client.get("/sitemap.xml").content.decode()
        assert "/networks/woscan/reports/2024/" in xml
        assert "/networks/woscan/reports/2025/" not in xml

    def test_every_registered_network_is_in_the_sitemap(self, client, woscan):
        make_network("OLD", slug="old", status=Network.Status.RETIRED)
        xml = client.get("/sitemap.xml").content.decode()
        assert "/networks/woscan/</loc>" in xml and "/networks/old/</loc>" in xml


def _grow(network, team, size):
    """`size` more of everything a network's pages list."""
    for number in range(size):
        make_network(boards=["fife"], status=Network.Status.RETIRED)
        make_network(status=Network.Status.MERGED, merged_into=network)
        make_network(status=Network.Status.PROPOSED)
        network.appointments.create(
            post="lead_clinician", name=f"Lead {number}", starts_on=date(2020, 1, 1)
        )
        network.appointments.create(
            post="manager",
            name=f"Manager {number}",
            starts_on=date(2000, 1, 1),
            ends_on=date(2000, 1, 2 + number),
        )
        network.steering_group.create(
            name=f"Member {number}", role="Member", board=HealthBoard.objects.get(slug="fife")
        )
        add_objective(network, THIS_YEAR, f"Objective {number}")
        accepted_report(network, 2000 + len(network.annual_reports.all()))
        publish_pathway(team, network, f"Pathway {network.pathways.count()}")


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/networks/", 3),  # the networks (with their pathway count), boards, cancers
        # The network (with host board and successor), boards, cancers, current terms and
        # the last ended of each post, its history, current pathways, steering group, work
        # plan, accepted reports.
        ("/networks/woscan/", 9),
        ("/networks/woscan/reports/2000/", 1),  # the report with its network
    ],
)
def test_network_pages_cost_the_same_queries_at_small_and_large_sizes(
    client, published, team, django_assert_num_queries, url, expected
):
    woscan = published.pathway.network
    _grow(woscan, team, 1)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _grow(woscan, team, 12)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
