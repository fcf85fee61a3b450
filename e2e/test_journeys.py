"""The main journeys, each on its own, in a real browser.

A failing journey is named in the pytest line and leaves test-results/<journey>.png.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect


def _next_weekday(days_ahead: int) -> dt.date:
    day = dt.date.today() + dt.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def test_founder_applies_to_a_call(as_user):
    page = as_user("founder")
    page.goto("/programs/calls/")
    calls = page.locator("main a[href^='/programs/calls/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href')).filter(h => /calls\\/\\d+\\/$/.test(h))"
    )
    assert calls, "no open call"
    page.goto(calls[0])
    apply = page.locator("main a[href$='/apply/']")
    if apply.count():
        apply.first.click()
        page.locator("main form button[type=submit]").first.click()  # start the draft
    else:  # a draft started earlier: continue it
        page.locator("main a[href^='/programs/applications/']").first.click()
    expect(page).to_have_url(re.compile(r"/programs/applications/\d+/"))
    page.fill("#id_project_name", "Argan Connect")
    page.fill("#id_summary", "Une place de marché pour les coopératives d'argan du Souss.")
    page.fill("#id_sector", "Agritech")
    page.fill("#id_city", "Casablanca")
    page.select_option("#id_region", label="Casablanca-Settat")
    form = page.locator("main form").first
    for field in form.locator("textarea[name^=q_]").all():
        field.fill("Les coopératives vendent sans intermédiaire.")
    for field in form.locator("input[type=text][name^=q_]").all():
        field.fill("120000")
    for select in form.locator("select[name^=q_]").all():
        options = [o for o in select.locator("option").all() if o.get_attribute("value")]
        select.select_option(options[0].get_attribute("value"))
    pdf = {"name": "pitch.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    files = form.locator("input[type=file]").all()
    if files:
        files[0].set_input_files(pdf)
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert re.search(r"Submitted|Soumis|soumise", body, re.I), body[:800]


def test_site_manager_signs_a_contract(as_user):
    page = as_user("site_manager")
    page.goto("/hosting/CASA/contracts/new/")
    # The startup is a search (its suggestions from the site's lookup), not a list of all.
    for letters in ("an", "ar", "en", "in", "on", "ma", "te", "ch", "al"):
        found = page.request.get(f"/hosting/CASA/contracts/startups/?q={letters}").json()
        found = found["results"]
        if found:
            break
    assert found, "the lookup suggests no startup"
    page.fill("#id_startup", found[0]["label"])
    spaces = page.locator("#id_space option[value]:not([value=''])")
    assert spaces.count() > 0, "no free space to lease at CASA"
    start = _next_weekday(90)
    page.fill("#id_starts_on", start.isoformat())
    page.fill("#id_planned_end", (start + dt.timedelta(days=365)).isoformat())
    page.fill("#id_monthly_rent_mad", "4500")
    for index in range(spaces.count()):
        page.select_option("#id_space", spaces.nth(index).get_attribute("value"))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        if re.search(r"/hosting/CASA/contracts/\d+/$", page.url):
            break
    expect(page).to_have_url(re.compile(r"/hosting/CASA/contracts/\d+/$"))
    page.locator("form[action$='/sign/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert re.search(r"signed|signé|active|actif", body, re.I), body[:800]


def test_startup_member_books_a_room(as_user):
    page = as_user("founder")
    page.goto("/booking/")  # a resident of one site lands on its calendar
    day = _next_weekday(3)
    # The calendar of a coming weekday: today's may have no free time left after closing.
    page.goto(f"{page.url.split('?')[0]}?date={day.isoformat()}")
    links = page.locator("main a[href*='/book/']").evaluate_all(
        "links => [...new Set(links.map(a => a.getAttribute('href').split('?')[0]))]"
    )
    booked = False
    for room in links:  # the first room this member may book (some are for staff only)
        for hour in range(9, 17):
            page.goto(f"{room}?date={day.isoformat()}&start={hour:02d}:00")
            if not page.locator("#id_title").count():
                break
            page.fill("#id_title", "Point d'équipe hebdomadaire")
            page.fill("#id_end", f"{hour + 1:02d}:00")
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()
            if "/book/" not in page.url:
                booked = True
                break
        if booked:
            break
    assert booked, f"the founder could book none of the rooms offered on /booking/: {links}"
    expect(page.locator(".tp-messages .alert-success")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Point d'équipe hebdomadaire")


def test_startup_member_registers_to_an_event(as_user):
    page = as_user("founder")
    page.goto("/community/events/")
    events = page.locator("main a[href^='/community/events/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href')).filter(h => /\\/events\\/\\d+\\/$/.test(h))"
    )
    for href in events:
        page.goto(href)
        button = page.locator("form[action$='/register/'] button[type=submit]")
        if button.count():
            button.first.click()
            page.wait_for_load_state()
            break
    else:
        raise AssertionError("no event open for registration")
    expect(page.locator("form[action$='/unregister/']")).to_have_count(1)


def test_agent_marks_an_appointment_done(as_user):
    page = as_user("agent")
    page.goto("/desk/mine/")
    form = page.locator("form[action$='/handle/']").first
    action = form.get_attribute("action")
    for field in form.locator("textarea, input:not([type]), input[type=text]").all():
        field.fill("Certificat négatif délivré, dossier complet.")
    form.locator("button[value=done]").click()
    page.wait_for_load_state()
    expect(page.locator(f"form[action='{action}'] button[value=done]")).to_have_count(0)


def test_director_reads_the_bilan_in_arabic(as_user):
    page = as_user("director")
    page.goto("/bilan/")
    page.locator("#tp-lang-toggle").click()  # the compact language menu
    page.locator("form.tp-lang button[value=ar]").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert "/bilan/" in page.url
    text = page.locator("main").inner_text()
    assert re.search(r"[\u0600-\u06FF]{3,}", text), "no Arabic text on the bilan"
    assert re.search(r"\d", text), "no figure on the bilan"
    assert page.locator("link[href*='bootstrap.rtl']").count() == 1


@pytest.mark.inject_axe
def test_director_follows_a_webhook_and_resumes_it(as_user):
    """The demo's subscription: paused after 10 refused attempts; the page lists each
    attempt, and resuming tries again at once (the name still does not resolve)."""
    from pathlib import Path

    page = as_user("director")
    page.goto("/webhooks/")
    page.locator("main table a[href^='/webhooks/']").first.click()
    page.wait_for_load_state()
    expect(page.locator("[data-paused]")).to_have_count(1)
    # The demo's deliveries (the actions it heard while seeding: three or more).
    expect(page.locator("tr[data-delivery]").first).to_be_visible()
    assert page.locator("tr[data-delivery]").count() >= 3
    before = page.locator("li[data-status-code]").count()
    assert before >= 10
    page.locator("form[action$='/resume/'] button").click()
    page.wait_for_load_state()
    assert page.locator("li[data-status-code]").count() > before  # tried again at once
    axe = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
    page.add_script_tag(content=axe)
    serious = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)"""
    )
    assert serious == []


def test_site_manager_finds_an_invoice_by_its_number_and_opens_its_receipt(as_user):
    page = as_user("site_manager")
    page.goto("/billing/CASA/invoices/")
    paid = None
    for row in page.locator("main table tbody tr").all():
        cells = row.locator("td")
        n = cells.count()  # (a box to select it,) number, client, dates, total, paid
        if n >= 6 and cells.nth(n - 2).inner_text() == cells.nth(n - 1).inner_text():
            paid = row.locator("a[href^='/billing/invoices/']").first.inner_text().strip()
            break
    assert paid, "no paid invoice at CASA this month"
    page.goto("/billing/CASA/invoices/?month=2001-01")  # a month with none: the number finds it
    page.fill("main input[name=q]", paid.lower())
    page.locator("main input[name=q]").press("Enter")
    page.wait_for_load_state()
    links = page.locator("main table tbody a[href^='/billing/invoices/']")
    expect(links).to_have_count(1)
    expect(links.first).to_have_text(paid)
    links.first.click()
    page.wait_for_load_state()
    receipt = page.locator("main a[href*='/receipt/?lang=fr']")
    expect(receipt).to_be_visible()
    response = page.request.get(receipt.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_site_manager_closes_a_period_from_the_journal_page(as_user):
    page = as_user("site_manager")
    page.goto("/billing/CASA/journal/")
    day = dt.date.today() - dt.timedelta(days=1)
    page.fill("#id_closed_until", day.isoformat())
    page.locator("form[action$='/journal/close/'] button[type=submit]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/billing/CASA/journal/$"))
    expect(page.locator("#tp-closes ~ ul li").first).to_contain_text(day.strftime("%d/%m/%Y"))
