from django.contrib.staticfiles.apps import StaticFilesConfig


class PortalStaticFilesConfig(StaticFilesConfig):
    # Sass sources are compiled by `make assets`; only their output is served.
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "scss", ".built"]
