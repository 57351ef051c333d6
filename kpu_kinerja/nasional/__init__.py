"""The national dataset generator (`manage.py generate_national`), for load testing only.

See `kpu_kinerja.nasional.generator` for what it makes and why its signatures are placeholders.
"""

from kpu_kinerja.nasional.generator import HasilNasional, data_nasional_buat, rencana_wilayah

__all__ = ["HasilNasional", "data_nasional_buat", "rencana_wilayah"]
