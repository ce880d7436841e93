from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from accounts.forms import AdminSignInForm, SignInForm
from public_site import app_views, feeds, medicine_views
from public_site import views as public_views
from public_site.sitemaps import SITEMAPS

admin.site.site_header = "SCN Pathways: programme team"
admin.site.site_title = "SCN Pathways admin"
admin.site.index_title = "Administration"
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", public_views.home, name="home"),
    path("search/", public_views.search, name="search"),
    path("verify/", public_views.verify_form, name="verify_form"),
    path("verify/<str:fingerprint>/", public_views.verify, name="verify"),
    path("medicines/", medicine_views.medicine_list, name="medicines"),
    path("medicines/<str:name>/", medicine_views.medicine_detail, name="medicine"),
    path("networks/", include("public_site.network_urls")),
    path("pathways/", include("public_site.pathway_urls")),
    path("feeds/", feeds.PublicationsFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("manifest.webmanifest", app_views.manifest, name="manifest"),
    path("sw.js", app_views.service_worker, name="service_worker"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("api/", include("api.urls")),
    path("subscriptions/", include("subscriptions.urls")),
    path("workspace/", include("workspace.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/register/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
