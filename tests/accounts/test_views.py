"""Login, the staff landing page and the roles page, through the real stack."""

import re

import pytest
from django.core import mail

from samrad.accounts.models import ConsultationRole
from samrad.audit.models import AuditEvent
from tests.ops.people import PASSWORD, other_consultation, user, with_role

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD):
    return client.post("/konto/logga-in/", {"username": username, "password": password})


def test_login_page_is_swedish_and_login_is_audited(client):
    page = client.get("/konto/logga-in/").content.decode()
    assert "Logga in" in page and 'lang="sv"' in page
    user("kerstin")
    response = login(client, "kerstin")
    assert response.status_code == 302 and response["Location"] == "/personal/"
    assert AuditEvent.objects.filter(action="auth.login", actor_label="kerstin").count() == 1


def test_failed_login_keeps_the_name_and_is_audited_without_password(client):
    user("kerstin")
    response = login(client, "kerstin", "fel-losenord-123")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="kerstin"' in page
    assert "användarnamnet eller lösenordet är fel" in page.lower()
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.data == {"username": "kerstin"}
    assert "fel-losenord" not in str(event.data)


def test_too_many_failures_lock_the_user_name(client, settings):
    settings.SAMRAD_LOGIN_ATTEMPTS = 3
    user("kerstin")
    for _ in range(3):
        login(client, "kerstin", "fel")
    response = login(client, "kerstin")  # even the right password is refused for now
    assert response.status_code == 200
    assert "för många misslyckade försök" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session
    # Another user name is not affected.
    user("olle")
    assert login(client, "olle").status_code == 302


def test_logout_is_a_post_and_audited(client):
    user("kerstin")
    login(client, "kerstin")
    assert client.post("/konto/logga-ut/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.logout").count() == 1
    assert client.get("/personal/").status_code == 302


def test_staff_pages_need_login(client, example_plan):
    for path in ["/personal/", "/personal/orebro-2022/roller/", "/personal/orebro-2022/logg/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/?next=")


def test_my_consultations_lists_only_mine_with_my_tools(client, example_plan):
    other_consultation()
    with_role("ledare", example_plan, "facilitator")
    client.force_login(ConsultationRole.objects.get().user)
    page = client.get("/personal/").content.decode()
    assert example_plan.name in page and "Ett annat samråd" not in page
    assert "Samtalsledare" in page
    assert "/orebro-2022/" in page  # the public page
    assert "/personal/orebro-2022/roller/" not in page  # not an administrator's tool
    assert "/personal/orebro-2022/logg/" not in page


def test_administrator_sees_the_admin_tools_and_superuser_sees_everything(client, example_plan):
    other_consultation()
    admin = with_role("admin", example_plan, "administrator")
    client.force_login(admin)
    page = client.get("/personal/").content.decode()
    assert "/personal/orebro-2022/roller/" in page and "/personal/orebro-2022/logg/" in page
    assert "/personal/orebro-2022/personuppgifter/" in page
    client.force_login(user("chef", superuser=True))
    page = client.get("/personal/").content.decode()
    assert "Ett annat samråd" in page and "/personal/annat-samrad/roller/" in page


def test_staff_links_are_extensible(client, example_plan):
    from samrad.core import staff_links

    staff_links.register("test-tool", "Testverktyg", lambda c: f"/verktyg/{c.slug}/", "samrad.review", order=50)
    try:
        client.force_login(with_role("analytiker", example_plan, "analyst"))
        assert 'href="/verktyg/orebro-2022/"' in client.get("/personal/").content.decode()
        client.force_login(with_role("ledare", example_plan, "facilitator"))
        assert "/verktyg/" not in client.get("/personal/").content.decode()
    finally:
        del staff_links.LINKS["test-tool"]


def test_administrator_grants_a_role_by_email_and_it_is_audited(client, example_plan):
    client.force_login(with_role("admin", example_plan, "administrator"))
    colleague = user("britt", email="Britt.Ek@example.org")
    response = client.post(
        "/personal/orebro-2022/roller/", {"who": "britt.ek@example.org", "role": "analyst"}, follow=True
    )
    assert "britt är nu analytiker" in response.content.decode()
    assert ConsultationRole.objects.filter(user=colleague, consultation=example_plan, role="analyst").exists()
    event = AuditEvent.objects.get(action="role.granted")
    assert event.consultation == example_plan and event.data == {"user": "britt", "role": "analyst"}
    assert event.actor_label == "admin"


def test_unknown_person_keeps_what_was_typed_and_says_what_to_do(client, example_plan):
    client.force_login(with_role("admin", example_plan, "administrator"))
    response = client.post("/personal/orebro-2022/roller/", {"who": "ny.person@example.org", "role": "facilitator"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="ny.person@example.org"' in page
    assert "Det finns inget konto" in page
    assert not ConsultationRole.objects.filter(role="facilitator").exists()


def test_new_account_gets_a_set_password_link(client, example_plan):
    client.force_login(with_role("admin", example_plan, "administrator"))
    client.post(
        "/personal/orebro-2022/roller/", {"who": "ny.person@example.org", "role": "facilitator", "create": "on"}
    )
    role = ConsultationRole.objects.get(role="facilitator")
    assert role.user.username == "ny.person@example.org" and not role.user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ny.person@example.org"]
    link = re.search(r"http://testserver(/konto/losenord/\S+/)", mail.outbox[0].body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    assert "Välj lösenord" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "ett-bra-losenord-77", "new_password2": "ett-bra-losenord-77"},
    )
    assert done.status_code == 302
    assert login(client, "ny.person@example.org", "ett-bra-losenord-77").status_code == 302
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {"user.created", "role.granted", "auth.login"}


def test_roles_page_is_for_administrators_of_that_consultation_only(client, example_plan):
    other = other_consultation()
    client.force_login(with_role("analytiker", example_plan, "analyst"))
    assert client.get("/personal/orebro-2022/roller/").status_code == 403
    client.force_login(with_role("admin-b", other, "administrator"))
    assert client.get("/personal/orebro-2022/roller/").status_code == 403
    assert client.post("/personal/orebro-2022/roller/", {"who": "admin-b", "role": "administrator"}).status_code == 403
    assert not ConsultationRole.objects.filter(consultation=example_plan, user__username="admin-b").exists()


def test_revoke_is_audited_and_the_last_administrator_stays(client, example_plan):
    admin = with_role("admin", example_plan, "administrator")
    analyst = with_role("analytiker", example_plan, "analyst")
    client.force_login(admin)
    role = ConsultationRole.objects.get(user=analyst)
    client.post(f"/personal/orebro-2022/roller/{role.pk}/ta-bort/")
    assert not ConsultationRole.objects.filter(user=analyst).exists()
    assert AuditEvent.objects.get(action="role.revoked").data == {"user": "analytiker", "role": "analyst"}
    own = ConsultationRole.objects.get(user=admin)
    response = client.post(f"/personal/orebro-2022/roller/{own.pk}/ta-bort/", follow=True)
    assert "enda administratör" in response.content.decode()
    assert ConsultationRole.objects.filter(user=admin).exists()
    assert client.get(f"/personal/orebro-2022/roller/{own.pk}/ta-bort/").status_code == 405
