"""Form fields the documents' forms share (a type's own fields live in its app's forms.py)."""

from django import forms

from dokumen.validasi import tolak_angka_non_ascii


class BilanganField(forms.IntegerField):
    """A whole number typed with 0–9 only (int() would also read "٢٠٢٤" as 2024)."""

    def to_python(self, value):
        if isinstance(value, str):
            tolak_angka_non_ascii(value)
        return super().to_python(value)
