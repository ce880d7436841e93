from django.urls import path

from public_site import network_views as views

app_name = "networks"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    path("<slug:slug>/", views.NetworkDetailView.as_view(), name="detail"),
    path("<slug:slug>/reports/<int:year>/", views.AnnualReportView.as_view(), name="report"),
]
