"""Typed readers for settings taken from environment variables.

Each reader fails loudly, naming the variable, when a value cannot be understood: a typo in
production configuration must stop the portal at start-up, not change its behaviour quietly.
Every variable read through these helpers is listed with its default in `.env.example`.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_UNSET = object()


def _raw(name, default):
    value = os.environ.get(name)
    if value is None:
        if default is _UNSET:
            raise ImproperlyConfigured(f"Environment variable {name} must be set.")
        return None
    return value.strip()


def env_str(name, default=_UNSET):
    value = _raw(name, default)
    return default if value is None else value


def env_bool(name, default=False):
    value = _raw(name, default)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name, default=_UNSET, *, minimum=None):
    value = _raw(name, default)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name, default=()):
    """A comma-separated list; blank items are dropped."""
    value = _raw(name, ",".join(default))
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
