from django.urls import path

from workspace import consultation_views as consultation
from workspace import content_views, network_views, oversight, review_views, views

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
    path("versions/<int:pk>/references/", content_views.content, name="content"),
    path("versions/<int:pk>/references/add/", content_views.cite, name="cite"),
    path("versions/<int:pk>/references/remove/", content_views.uncite, name="uncite"),
    path("versions/<int:pk>/regimens/add/", content_views.add_regimen, name="add_regimen"),
    path("versions/<int:pk>/regimens/remove/", content_views.remove_regimen, name="remove_regimen"),
    path("versions/<int:pk>/submit/", views.submit, name="submit"),
    path("versions/<int:pk>/recall/", views.recall, name="recall"),
    path("versions/<int:pk>/discard/", views.discard, name="discard"),
    path("versions/<int:pk>/review/", review_views.review, name="review"),
    path("versions/<int:pk>/reclassify/", review_views.reclassify, name="reclassify"),
    path("versions/<int:pk>/answer/", review_views.answer, name="answer"),
    path("versions/<int:pk>/publish/", views.publish, name="publish"),
    # National consultation (workspace/consultation_views.py).
    path(
        "versions/<int:pk>/consultation/open/",
        consultation.open_consultation,
        name="open_consultation",
    ),
    path(
        "versions/<int:pk>/consultation/responses/",
        consultation.responses,
        name="consultation_responses",
    ),
    path("consultations/", consultation.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", consultation.consultation, name="consultation"),
    path("consultations/<int:pk>/links/", consultation.create_link, name="create_link"),
    path("consultations/links/<int:pk>/revoke/", consultation.revoke_link, name="revoke_link"),
    # The networks' annual cycle and proposals (workspace/network_views.py).
    path("networks/", network_views.network_list, name="networks"),
    path("networks/reports/open/", network_views.open_reports, name="open_reports"),
    path("networks/<slug:slug>/", network_views.network, name="network"),
    path("networks/<slug:slug>/objectives/new/", network_views.add_objective, name="add_objective"),
    path("objectives/<int:pk>/", network_views.objective, name="objective"),
    path("reports/<int:pk>/", network_views.report, name="report"),
    path("reports/<int:pk>/review/", network_views.review_report, name="review_report"),
    path("proposals/", network_views.proposals, name="proposals"),
    path("proposals/new/", network_views.new_proposal, name="new_proposal"),
    path("proposals/<int:pk>/", network_views.proposal, name="proposal"),
    # No sign-in: the page an invitation link opens.
    path("invited/<str:token>/", consultation.invited, name="invited"),
]
