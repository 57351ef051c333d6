"""Signals the TW report workflow sends once a step has committed (see dokumen.sinyal)."""

from django.dispatch import Signal

# kwargs: laporan_pk, aksi (AksiLaporan), oleh (the user), catatan
langkah_laporan = Signal()
