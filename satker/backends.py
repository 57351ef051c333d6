"""Authentication backend: the signed-in user comes with their profile and satker."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class BackendPengguna(ModelBackend):
    """ModelBackend whose per-request user read joins `profil` and its `satker`.

    Every page asks the access rule (satker/akses.py) for both; read with the user, they cost
    one query per request instead of three.
    """

    def get_user(self, user_id):
        UserModel = get_user_model()
        try:
            user = UserModel._default_manager.select_related("profil__satker").get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
