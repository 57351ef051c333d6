"""The authentication backend reads the user's profile and satker with the user."""

import pytest
from django.contrib.auth import get_user_model

from satker.akses import satker_sendiri, satker_terlihat
from satker.backends import BackendPengguna


@pytest.mark.django_db
def test_the_access_rule_needs_no_more_queries_after_the_user_is_read(
    operator_lebak, django_assert_num_queries
):
    with django_assert_num_queries(1):
        user = BackendPengguna().get_user(operator_lebak.pk)
        assert satker_sendiri(user).kode == "kab-lebak"
        assert satker_terlihat(user).query is not None  # built, not run


@pytest.mark.django_db
def test_a_user_without_a_profile_or_inactive_is_handled(admin_ri):
    tanpa_profil = get_user_model().objects.create_user("tanpa.profil", password="x")
    user = BackendPengguna().get_user(tanpa_profil.pk)
    assert user == tanpa_profil
    assert satker_sendiri(user) is None
    get_user_model().objects.filter(pk=tanpa_profil.pk).update(is_active=False)
    assert BackendPengguna().get_user(tanpa_profil.pk) is None
    assert BackendPengguna().get_user(10**9) is None
