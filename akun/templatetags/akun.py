"""The people pages' rule in templates: whether to offer the link to a satker's accounts."""

from django import template

from akun import akses

register = template.Library()


@register.filter
def boleh_kelola_akun(user, satker) -> bool:
    return akses.boleh_kelola_akun(user, satker)


@register.filter
def adalah_admin_ri(user) -> bool:
    return akses.adalah_admin_ri(user)
