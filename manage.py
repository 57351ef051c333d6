#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    # Django's command runner swallows a settings error and fails later with an unrelated
    # message (AppRegistryNotReady): say what is missing instead.
    try:
        settings.INSTALLED_APPS  # noqa: B018 (loads the settings)
    except ImproperlyConfigured as galat:
        sys.exit(
            f"{galat} Outside development every setting comes from the environment "
            "(README.md, Configuration); for development, run with DEBUG=1 (`make run` does)."
        )
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
