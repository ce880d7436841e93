from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Sign-in"

    def ready(self):
        # Sign-in events exist only as Django's signals: record them as security events.
        from django.contrib.auth import signals

        from accounts import security_log

        signals.user_logged_in.connect(security_log.logged_in, dispatch_uid="security-login")
        signals.user_logged_out.connect(security_log.logged_out, dispatch_uid="security-logout")
        signals.user_login_failed.connect(security_log.login_failed, dispatch_uid="security-failed")
