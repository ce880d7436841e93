from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import views

app_name = "api"

urlpatterns = [
    path("v1/", views.Root.as_view(), name="root"),
    path("v1/networks/", views.NetworkList.as_view(), name="network-list"),
    path("v1/networks/<slug:slug>/", views.NetworkDetail.as_view(), name="network-detail"),
    path("v1/pathways/", views.PathwayList.as_view(), name="pathway-list"),
    path("v1/pathways/<slug:slug>/", views.PathwayDetail.as_view(), name="pathway-detail"),
    path("v1/pathways/<slug:slug>/versions/", views.VersionList.as_view(), name="version-list"),
    path(
        "v1/pathways/<slug:slug>/versions/<str:number>/",
        views.VersionDetail.as_view(),
        name="version-detail",
    ),
    path("v1/versions/", views.AllVersions.as_view(), name="all-versions"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI draws its icons as data: SVG images; scripts and styles stay 'self' only.
    path(
        "docs/",
        csp_update({"img-src": ["data:"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
]
