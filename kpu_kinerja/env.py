"""Typed readers for settings that come from the environment; bad values fail loudly."""

import os
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"Set the {name} environment variable.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def email_dari_url(url: str) -> dict[str, Any]:
    """Django's EMAIL_* settings from one EMAIL_URL.

    - ``smtp://user:pass@host:587?tls=1``: SMTP with STARTTLS (port 587 by default with tls,
      else 25); ``smtps://user:pass@host`` TLS from the first byte (port 465). User and
      password are percent-decoded (``%40`` for an "@"); ``?timeout=`` seconds, default 10.
    - ``console:`` prints each message (the default under DEBUG); ``locmem:`` keeps them in
      ``django.core.mail.outbox``; ``dummy:`` drops them.
    - empty: not configured (production; kpu_kinerja.checks warns, nothing is sent).
    """
    if not url:
        return {"EMAIL_BACKEND": "kpu_kinerja.surel.BackendBelumDiatur"}
    bagian = urlsplit(url)
    skema = bagian.scheme.lower()
    if skema in ("console", "locmem", "dummy"):
        return {"EMAIL_BACKEND": f"django.core.mail.backends.{skema}.EmailBackend"}
    if skema not in ("smtp", "smtps"):
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtps://, console:, locmem: or dummy:, got "
            f"{skema or url!r}."
        )
    pilihan = {k: v[-1].strip().lower() for k, v in parse_qs(bagian.query).items()}
    tls = pilihan.get("tls", "") in _TRUE
    ssl = skema == "smtps" or pilihan.get("ssl", "") in _TRUE
    if tls and ssl:
        raise ImproperlyConfigured("EMAIL_URL: choose STARTTLS (tls=1) or smtps://, not both.")
    try:
        port = bagian.port
        timeout = int(pilihan.get("timeout", "10"))
    except ValueError as error:
        raise ImproperlyConfigured(f"EMAIL_URL: {error}.") from None
    if not bagian.hostname:
        raise ImproperlyConfigured("EMAIL_URL has no host, e.g. smtp://mail.kpu.go.id:587?tls=1.")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": bagian.hostname,
        "EMAIL_PORT": port or (465 if ssl else 587 if tls else 25),
        "EMAIL_HOST_USER": unquote(bagian.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(bagian.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
        "EMAIL_TIMEOUT": timeout,
    }
