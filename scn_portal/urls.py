from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from scn_portal import views

admin.site.site_header = "SCN Pathways: programme team"
admin.site.site_title = "SCN Pathways admin"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("networks/", include("networks.urls")),
    path("pathways/", include("pathways.urls")),
    path("workspace/", include("pathways.workspace_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("admin/", admin.site.urls),
]
