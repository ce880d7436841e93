from django.urls import path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("new/", views.new, name="new"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/remove/", views.remove, name="remove"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
