from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.register, name="register"),
    path("sent/", views.register_sent, name="register_sent"),
    path("confirm/<str:token>/", views.register_confirm, name="register_confirm"),
    path("welcome/", views.register_welcome, name="register_welcome"),
]
