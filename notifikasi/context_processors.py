"""The bell's unread count on every page (templates/base.html)."""

from django.utils.functional import SimpleLazyObject

from notifikasi.selectors import jumlah_belum_dibaca


def lonceng(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: a response that never renders the navbar reads nothing.
    return {"notifikasi_belum_dibaca": SimpleLazyObject(lambda: jumlah_belum_dibaca(user))}
