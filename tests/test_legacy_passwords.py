"""Signing in with a password hash brought over from NukeViet 4, and replacing it at once."""

import base64
import hashlib

import pytest

from portal.content.accounts import require_password_change
from portal.content.passwords import NUKEVIET_SCHEMES, check_nukeviet_password, nukeviet_hash, nukeviet_scheme
from portal.extensions import db
from portal.models import Role
from tests.factories import make_user
from tests.test_auth import sign_in

OLD = "Mật khẩu cũ 2019"
# Followed by hand from Encryption::hash_password with the salt "a1b2" (4 hex characters, as
# NukeViet takes from sha1(microtime())): `(printf 'Mật khẩu cũ 2019a1b2' | openssl dgst -sha256
# -binary; printf a1b2) | base64`, and without the salt for {SHA} and {MD5}.
VECTORS = {
    "{SSHA}": "{SSHA}2owpsIZYiDfcO0J9rRaVtnmXGOZhMWIy",
    "{SSHA256}": "{SSHA256}41VHoR/hxFGvS5/uruSxDdwXpMCd75HJjNUhGzFnhs1hMWIy",
    "{SSHA512}": "{SSHA512}mWPOj37xozk692yH0IbaV/K/ABEFqlZWLfSSdDYg4R7Eo7Elrnw7J5l3Z38vZJfk3C60RruDRlYpJPcCruSVYWExYjI=",
    "{SHA}": "{SHA}OVBDW9NGzVfQEVwIFFWWuLBQI/k=",
    "{MD5}": "{MD5}eUp76E23/IHhXBVXlwFX6Q==",
}
# Long enough for the portal's policy, so the first sign-in asks for nothing more.
STRONG = "ngựa vằn thích ăn bánh xèo lúc nửa đêm ở Hội An"


def imported_user(password: str, scheme: str = "{SSHA}", **overrides):
    """An account as the import leaves it: the NukeViet hash stored as it was."""
    user = make_user(role=Role.EDITOR, **overrides)
    user.password_hash = nukeviet_hash(password, scheme, b"9f3c")
    db.session.commit()
    return user


@pytest.mark.parametrize("scheme", list(VECTORS))
def test_hand_made_vectors_match_nukeviets_php(scheme):
    assert nukeviet_hash(OLD, scheme, b"a1b2") == VECTORS[scheme]
    assert check_nukeviet_password(VECTORS[scheme], OLD)
    assert not check_nukeviet_password(VECTORS[scheme], OLD + " ")
    assert not check_nukeviet_password(VECTORS[scheme], "mật khẩu cũ 2019")


def test_the_salt_is_whatever_follows_the_digest():
    """validate_password takes any salt length: substr(base64_decode(...), digest length)."""
    salt = b"0123456789"
    stored = "{SSHA256}" + base64.b64encode(hashlib.sha256(b"abcdefghij" + salt).digest() + salt).decode()
    assert check_nukeviet_password(stored, "abcdefghij")
    assert nukeviet_hash("abcdefghij", "{SSHA256}", salt) == stored


@pytest.mark.parametrize(
    "stored",
    [
        "{SSHA}", "{SSHA}!!!!", "{SSHA}abc", "{SHA}", "{MD5}" + "A" * 22, "{CRYPT}$1$abc",
        "{SSHA512}" + VECTORS["{SSHA}"][6:],  # a {SSHA} digest under another prefix
        "scrypt:32768:8:1$salt$hash", "", "{SSHA}" + VECTORS["{SSHA}"][6:] + "\n", "{ssha}" + VECTORS["{SSHA}"][6:],
    ],
)  # fmt: skip
def test_malformed_or_foreign_hashes_never_match(stored):
    assert not check_nukeviet_password(stored, OLD)


def test_longer_prefixes_are_read_first():
    assert [nukeviet_scheme(VECTORS[s]) for s in VECTORS] == list(VECTORS)
    assert nukeviet_scheme("scrypt:32768:8:1$a$b") is None and nukeviet_scheme(None) is None
    assert set(NUKEVIET_SCHEMES) == set(VECTORS)


@pytest.mark.parametrize("scheme", list(NUKEVIET_SCHEMES))
def test_old_password_signs_in_once_and_the_hash_becomes_the_portals(app, client, scheme):
    user = imported_user(STRONG, scheme, username="bientap")
    assert sign_in(client, "bientap", STRONG).status_code == 302
    db.session.refresh(user)
    assert user.password_hash.startswith("scrypt:") and nukeviet_scheme(user.password_hash) is None
    assert user.check_password(STRONG) and not user.must_change_password
    client.post("/logout")
    assert sign_in(client, "bientap", STRONG).status_code == 302  # now through the portal's own hash


def test_the_hand_made_vector_signs_in_through_the_form(app, client):
    user = make_user(username="quantri")
    user.password_hash = VECTORS["{SSHA}"]
    db.session.commit()
    assert sign_in(client, "quantri", OLD).status_code == 302
    db.session.refresh(user)
    assert user.password_hash.startswith("scrypt:")


@pytest.mark.parametrize("scheme", list(NUKEVIET_SCHEMES))
def test_wrong_passwords_are_refused_and_the_old_hash_stays(app, client, scheme):
    user = imported_user(STRONG, scheme, username="bientap")
    stored = user.password_hash
    for wrong in (STRONG.upper(), STRONG[:-1], STRONG + " ", "' OR 1=1 --"):
        answer = sign_in(client, "bientap", wrong)
        assert answer.status_code == 200 and "Tên đăng nhập hoặc mật khẩu không đúng." in answer.get_data(as_text=True)
    db.session.refresh(user)
    assert user.password_hash == stored


def test_throttling_counts_failures_against_an_old_hash(app, client):
    user = imported_user(STRONG, username="bientap")
    stored = user.password_hash
    for _ in range(5):
        assert sign_in(client, "bientap", "sai-mat-khau-roi").status_code == 200
    assert sign_in(client, "bientap", STRONG).status_code == 429  # even the right password waits
    db.session.refresh(user)
    assert user.password_hash == stored


def test_an_old_password_the_policy_refuses_must_be_changed_right_away(app, client):
    user = imported_user("123456", "{MD5}", username="bientap")
    assert sign_in(client, "bientap", "123456").status_code == 302
    db.session.refresh(user)
    assert user.password_hash.startswith("scrypt:") and user.must_change_password
    assert client.get("/editor/").headers["Location"].endswith("/account")


def test_inactive_imported_accounts_cannot_sign_in(app, client):
    imported_user(STRONG, username="bientap", is_active=False)
    assert sign_in(client, "bientap", STRONG).status_code == 200


def test_require_password_change_flags_only_the_imported_accounts(app, client):
    imported_user(STRONG, username="cu")
    make_user(username="moi")
    assert require_password_change(imported_only=True) == ["cu"]
    db.session.commit()
    assert sign_in(client, "cu", STRONG).status_code == 302
    assert client.get("/editor/").headers["Location"].endswith("/account")


def test_the_command_needs_a_scope_and_reports_the_count(app, runner):
    imported_user(STRONG, username="cu")
    make_user(username="moi")
    db.session.commit()
    refused = runner.invoke(args=["require-password-change"])
    assert refused.exit_code != 0 and "--imported" in refused.output
    done = runner.invoke(args=["require-password-change", "--imported"])
    assert done.exit_code == 0 and done.output.startswith("1 ")
    assert runner.invoke(args=["require-password-change", "--all"]).output.startswith("1 ")  # "moi" only now
