from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from networks.models import AnnualReport, Network
from pathways import queries
from pathways.models import PathwayVersion


class StaticPagesSitemap(Sitemap):
    def items(self):
        return ["home", "pathways:list", "networks:list", "search"]

    def location(self, name):
        return reverse(name)


class CurrentPathwaysSitemap(Sitemap):
    changefreq = "monthly"
    priority = 1.0

    def items(self):
        return queries.current_versions().order_by("pathway__slug")

    def location(self, version):
        return version.pathway.get_absolute_url()

    def lastmod(self, version):
        return version.effective_from


class VersionsSitemap(Sitemap):
    changefreq = "never"
    priority = 0.3

    def items(self):
        return (
            PathwayVersion.objects.in_effect()
            .select_related("pathway")
            .only("major", "minor", "effective_from", "pathway__slug")
            .order_by("pk")
        )

    def lastmod(self, version):
        return version.effective_from


class NetworksSitemap(Sitemap):
    """Every registered network has a page: a merged or retired one's is kept as a record."""

    def items(self):
        return Network.objects.order_by("slug")


class AnnualReportsSitemap(Sitemap):
    """Accepted reports: permanent pages, frozen once accepted."""

    changefreq = "never"
    priority = 0.3

    def items(self):
        return (
            AnnualReport.objects.accepted()
            .select_related("network")
            .only("year", "accepted_at", "network__slug")
            .order_by("network__slug", "year")
        )

    def lastmod(self, report):
        return report.accepted_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "pathways": CurrentPathwaysSitemap,
    "versions": VersionsSitemap,
    "networks": NetworksSitemap,
    "reports": AnnualReportsSitemap,
}
