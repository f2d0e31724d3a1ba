"""The token page: make (shown once), list, revoke; organisation tokens for coordinators."""

from koers.api.models import ApiToken
from koers.api.tokens import token_hash


def _make(client, world, **fields):
    data = {"name": "BI", "organisation": world.a.pk, "kind": "personal", "scope": "read"}
    data.update(fields)
    return client.post("/api-tokens/", data)


def test_a_member_makes_a_personal_token_shown_once(client, world):
    client.force_login(world.member)
    page = client.get("/api-tokens/")
    assert page.status_code == 200
    assert 'value="organisation"' not in page.content.decode()  # coordinators only
    response = _make(client, world, days="30")
    html = response.content.decode()
    token = ApiToken.objects.get(user=world.member)
    start = html.index('id="new-token">') + len('id="new-token">')
    secret = html[start : html.index("</code>", start)]
    assert token.key_hash == token_hash(secret) and token.expires_at is not None
    again = client.get("/api-tokens/").content.decode()
    assert secret not in again and token.prefix in again


def test_a_member_cannot_make_an_organisation_token(client, world):
    client.force_login(world.member)
    response = _make(client, world, kind="organisation")
    assert response.status_code == 200
    assert not ApiToken.objects.exists()


def test_a_coordinator_makes_and_revokes_an_organisation_token(client, world):
    client.force_login(world.coordinator)
    _make(client, world, kind="organisation", scope="write", days="")
    token = ApiToken.objects.get()
    assert token.user is None and token.acts_as is not None and token.expires_at is None
    response = client.post(f"/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_others_cannot_revoke(client, world):
    client.force_login(world.coordinator)
    _make(client, world, kind="organisation")
    token = ApiToken.objects.get()
    client.force_login(world.member)
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 404
    client.force_login(world.b_coordinator)
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 404
