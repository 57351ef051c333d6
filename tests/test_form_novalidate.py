"""The application's own Indonesian messages, not the browser's: every form of the site turns the
browser's validation off (`novalidate`), so a missing or too long value is answered by the
server's message next to the field, in Indonesian, whatever the browser's language."""

import re
from pathlib import Path

from django.conf import settings

FORM = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
# Django's admin templates are Django's; the admin speaks Indonesian through its translations.
BUKAN_SITUS = ("admin",)


def test_every_form_of_the_site_leaves_validation_to_the_server():
    templates = Path(settings.BASE_DIR) / "templates"
    tanpa = [
        f"{path.relative_to(templates)}: {tag}"
        for path in templates.rglob("*.html")
        if path.relative_to(templates).parts[0] not in BUKAN_SITUS
        for tag in FORM.findall(path.read_text())
        if 'method="post"' in tag and "novalidate" not in tag
    ]
    assert tanpa == []
