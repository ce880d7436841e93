from django.urls import path

from workspace import oversight, views

app_name = "workspace"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("oversight/", oversight.dashboard, name="oversight"),
    path("oversight/<slug:name>.csv", oversight.export, name="oversight_export"),
    path("activity/", oversight.activity, name="activity"),
    path("pathways/new/", views.create_pathway, name="create_pathway"),
    path("pathways/<slug:slug>/", views.pathway, name="pathway"),
    path("pathways/<slug:slug>/new-version/", views.new_version, name="new_version"),
    path("pathways/<slug:slug>/withdraw/", views.withdraw, name="withdraw"),
    path("versions/<int:pk>/", views.version, name="version"),
    path("versions/<int:pk>/edit/", views.edit, name="edit"),
    path("versions/<int:pk>/submit/", views.submit, name="submit"),
    path("versions/<int:pk>/recall/", views.recall, name="recall"),
    path("versions/<int:pk>/discard/", views.discard, name="discard"),
    path("versions/<int:pk>/review/", views.review, name="review"),
    path("versions/<int:pk>/publish/", views.publish, name="publish"),
]
