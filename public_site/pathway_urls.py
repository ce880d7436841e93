from django.urls import path, register_converter

from public_site import consensus_views, feeds, fhir_views
from public_site import views as public_views
from public_site.converters import VersionNumberConverter

register_converter(VersionNumberConverter, "version")

app_name = "pathways"

urlpatterns = [
    path("", public_views.pathway_list, name="list"),
    path("<slug:slug>/", public_views.pathway_detail, name="detail"),
    path("<slug:slug>/compare/", public_views.compare, name="compare"),
    path("<slug:slug>/feed/", feeds.PathwayFeed(), name="feed"),
    path("<slug:slug>/versions/", public_views.version_list, name="versions"),
    path("<slug:slug>/as-at/", public_views.as_at_form, name="as_at_form"),
    path("<slug:slug>/as-at/<str:day>/", public_views.as_at, name="as_at"),
    path("<slug:slug>/versions/<version:number>/", public_views.version_detail, name="version"),
    path("<slug:slug>/versions/<version:number>/fhir/", fhir_views.plan_definition, name="fhir"),
    path(
        "<slug:slug>/versions/<version:number>/consensus/",
        consensus_views.consensus,
        name="consensus",
    ),
]
