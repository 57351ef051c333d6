"""The Celery app: `celery -A kpu_kinerja worker` runs the background batch export (ekspor/).

Configured from the Django settings whose names start with CELERY_ (the "Batch export" block
of settings.py). Not imported by `kpu_kinerja/__init__.py`: the web process loads it only when
it hands a job to a broker, so Celery matters only where CELERY_BROKER_URL is set.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")

app = Celery("kpu_kinerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
