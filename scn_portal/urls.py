from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from networks.forms import AdminSignInForm, SignInForm
from pathways import feeds, public_views
from pathways.sitemaps import SITEMAPS

admin.site.site_header = "SCN Pathways: programme team"
admin.site.site_title = "SCN Pathways admin"
admin.site.index_title = "Administration"
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", public_views.home, name="home"),
    path("search/", public_views.search, name="search"),
    path("networks/", include("networks.urls")),
    path("pathways/", include("pathways.urls")),
    path("feeds/", feeds.PublicationsFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("workspace/", include("pathways.workspace_urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
