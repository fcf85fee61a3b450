"""The one search: what a person may see, found by name, reference or number.

Every kind reads its app's `visible_*` queryset (the one permission layer), so a search
never finds what the person could not open. How it matches (docs/search.md):

- identifiers are parsed and looked up exactly in the database: an invoice or credit note
  number in any spelling (`CASA-2026-00070`, `casa 2026 70`, `AV-CASA-2026-3`), an ICE
  typed with or without spaces (15 digits), a startup's reference;
- names are matched in Python on a folded form (accents and case dropped, `Fès` → `fes`)
  of one narrow query per kind (id and names only), as a substring or, from four letters
  on, within one typo (rapidfuzz's partial ratio), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from time import monotonic

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from technopark.accounts.permissions import can, principal
from technopark.billing.models import CreditNote
from technopark.billing.permissions import visible_invoices
from technopark.community.permissions import visible_events
from technopark.hosting.permissions import visible_leases
from technopark.network.permissions import visible_spaces
from technopark.programs.permissions import visible_applications
from technopark.startups.models import Membership, Startup
from technopark.startups.permissions import private_startups, visible_startups

PER_KIND = 8  # results shown per kind
FUZZY_MIN = 4  # letters before a typo is tolerated
FUZZY_CUTOFF = 84  # rapidfuzz partial ratio: one typo in a word of 6+ letters

KINDS = {
    "startups": _("Startups"),
    "people": _("People"),
    "invoices": _("Invoices and credit notes"),
    "applications": _("Applications"),
    "events": _("Events"),
    "spaces": _("Spaces"),
    "contracts": _("Contracts"),
}

_INVOICE = re.compile(r"^(av)?[\s\-/_.]*([a-z]{2,10})[\s\-/_.]*(\d{4})[\s\-/_.]*0*(\d{1,7})$")
_NON_WORD = re.compile(r"[^\w@.]+")
_NON_ALNUM = re.compile(r"[\W_]+")


def fold(text: str | None) -> str:
    """Lower case, no accents, punctuation as spaces: what names are compared in."""
    if not text:
        return ""
    if text.isascii():  # most names: no accent to drop
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain.casefold()).split())


def compact(text: str | None) -> str:
    """Letters and digits only: how references are compared (`s001 00042` = `S001-00042`)."""
    return _NON_ALNUM.sub("", text.lower() if text and text.isascii() else fold(text))


def score(query: str, *texts: str, exact_only: tuple[str, ...] = ()) -> int:
    """How well the folded query matches the best of the folded texts (0: not at all).

    `exact_only` texts (e-mail addresses) match as a substring, never within a typo: one
    address differs from another by a letter."""
    best = 0
    for text in exact_only:
        if text and query in text:
            best = max(best, 100 if text == query else 90)
    for text in texts:
        if not text:
            continue
        if text == query:
            return 100
        if text.startswith(query) or f" {query}" in text:
            best = max(best, 95)
        elif query in text:
            best = max(best, 90)
        elif len(query) >= FUZZY_MIN:
            ratio = fuzz.partial_ratio(query, text, score_cutoff=FUZZY_CUTOFF)
            if ratio and len(text) >= len(query) - 1:
                best = max(best, int(ratio) - 10)
    return best


@dataclass
class Hit:
    label: str
    url: str
    details: list[str] = field(default_factory=list)
    score: int = 0
    exact: bool = False  # found by an identifier typed in full


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit]
    total: int


@dataclass
class Results:
    query: str
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)

    @property
    def single_exact(self) -> Hit | None:
        """The record to open at once: an identifier typed in full, and nothing else found."""
        hits = [h for g in self.groups for h in g.hits]
        if self.total == 1 and hits and hits[0].exact:
            return hits[0]
        return None


def _ranked(hits: list[Hit]) -> list[Hit]:
    return sorted(hits, key=lambda h: (-h.score, h.label.casefold()))


# --- each kind -----------------------------------------------------------------------------


@dataclass
class NameIndex:
    """Every startup's folded name, reference and ICE, kept by this process."""

    stamp: tuple
    made: float
    pks: list[int]
    names: list[str]
    by_ref: dict[str, int]
    by_ice: dict[str, int]
    cities: dict[int, str]


_INDEX: dict[str, NameIndex] = {}
INDEX_TTL = 60.0  # seconds: a rename that no `updated_at` shows is seen within a minute


def startup_index() -> NameIndex:
    """The startups' names, folded once per process and change (not per search): checked
    by one aggregate query (count and last update), rebuilt when it moved."""
    agg = Startup.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    stamp = (agg["n"], agg["last"], agg["top"])
    index = _INDEX.get("startups")
    if index is not None and index.stamp == stamp and monotonic() - index.made < INDEX_TTL:
        return index
    index = NameIndex(stamp, monotonic(), [], [], {}, {}, {})
    rows = Startup.objects.order_by().values_list("pk", "name", "ref", "ice", "city")
    for pk, name, ref, ice, city in rows.iterator(chunk_size=5000):
        index.pks.append(pk)
        index.names.append(fold(name))
        index.by_ref[compact(ref)] = pk
        if ice:
            index.by_ice[ice] = pk
        if city:
            index.cities[pk] = city
    _INDEX["startups"] = index
    return index


def _name_matches(q: str, index: NameIndex) -> dict[int, int]:
    """{startup pk: score} of the names matching `q` (rapidfuzz's C loop, then `score`)."""
    found: dict[int, int] = {}
    if len(q) >= FUZZY_MIN:
        cutoff = FUZZY_CUTOFF
        matches = process.extract(
            q, index.names, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None
        )
        candidates = [i for _name, _ratio, i in matches]
    else:
        candidates = [i for i, name in enumerate(index.names) if q in name]
    for i in candidates:
        s = score(q, index.names[i])
        if s:
            found[index.pks[i]] = s
    if len(q) >= 3:
        cities: dict[str, int] = {}  # a few cities for thousands of startups: scored once
        for pk, city in index.cities.items():
            if city not in cities:
                in_city = score(q, fold(city))
                cities[city] = in_city - 25 if in_city >= 90 else 0  # "Fes": Fès's
            if cities[city] and found.get(pk, 0) < cities[city]:
                found[pk] = cities[city]
    return found


def _visible_among(queryset, pks) -> set[int]:
    """Which of `pks` the (visible) queryset holds: by the keys when few, else one scan."""
    pks = list(pks)
    if not pks:
        return set()
    if len(pks) <= 500:
        return set(queryset.filter(pk__in=pks).values_list("pk", flat=True))
    wanted = set(pks)
    return {pk for pk in queryset.values_list("pk", flat=True) if pk in wanted}


def _startups(user, q: str, qc: str, members: list) -> list[Hit]:
    index = startup_index()
    found: dict[int, tuple[int, bool]] = {}
    if qc.isdigit() and len(qc) == 15 and qc in index.by_ice:
        found[index.by_ice[qc]] = (100, True)
    if qc in index.by_ref:
        found[index.by_ref[qc]] = (100, True)
    for pk, s in _name_matches(q, index).items():
        found.setdefault(pk, (s, False))
    if found and not principal(user).is_network_admin:
        visible = _visible_among(visible_startups(user), found)
        found = {pk: v for pk, v in found.items() if pk in visible}
    # A member's name or e-mail finds their startup, among those whose team one sees.
    for _user_id, startup_id, s, _label, _email, _startup, _ref in members:
        if found.get(startup_id, (0, False))[0] < s - 5:
            found[startup_id] = (s - 5, False)
    if not found:
        return []
    best = sorted(found.items(), key=lambda kv: -kv[1][0])[: PER_KIND * 4]
    objs = visible_startups(user).filter(pk__in=[pk for pk, _ in best]).select_related("region")
    hits = []
    for obj in objs:
        s, exact = found[obj.pk]
        details = [obj.ref]
        if obj.city:
            details.append(obj.city)
        if obj.sector:
            details.append(obj.sector)
        hits.append(Hit(obj.name, obj.get_absolute_url(), details, s, exact))
    return hits


def _members(user, q: str) -> list[tuple]:
    """The members matching `q` by name or e-mail, among the startups whose team one sees:
    (user id, startup id, score, name, e-mail, startup's name, its reference)."""
    if len(q) < 3:
        return []
    rows = (
        Membership.objects.filter(startup__in=private_startups(user))
        .values_list(
            "user_id",
            "startup_id",
            "user__full_name",
            "user__email",
            "startup__name",
            "startup__ref",
        )
        .order_by("user_id", "startup__name")
    )
    found = []
    for user_id, startup_id, full_name, email, startup_name, ref in rows.iterator(chunk_size=5000):
        s = score(q, fold(full_name), exact_only=(fold(email),))
        if s:
            found.append((user_id, startup_id, s, full_name or email, email, startup_name, ref))
    return found


def _people(members: list) -> list[Hit]:
    hits: dict[int, Hit] = {}
    for user_id, _startup_id, s, label, email, startup_name, ref in members:
        hit = hits.get(user_id)
        if hit is None:
            url = reverse("startups:detail", args=[ref])
            hits[user_id] = Hit(label, url, [email, startup_name], s)
        else:
            hit.details.append(startup_name)
    return list(hits.values())


def _invoices(user, raw: str) -> list[Hit]:
    m = _INVOICE.match(fold(raw).replace(" ", "-")) or _INVOICE.match(fold(raw))
    if not m:
        return []
    credit, code, year, number = m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
    invoices = visible_invoices(user)
    if credit:
        notes = CreditNote.objects.filter(
            invoice__in=invoices, site__code__iexact=code, year=year, number=number
        ).select_related("site", "invoice")
        return [
            Hit(
                note.reference,
                reverse("billing:credit_note_detail", args=[note.pk]),
                [str(note.site.name), note.invoice.client_name, str(_("Credit note"))],
                100,
                True,
            )
            for note in notes
        ]
    found = invoices.filter(site__code__iexact=code, year=year, number=number)
    return [
        Hit(
            invoice.reference,
            reverse("billing:invoice_detail", args=[invoice.pk]),
            [str(invoice.site.name), invoice.client_name, invoice.get_kind_display()],
            100,
            True,
        )
        for invoice in found
    ]


def _applications(user, q: str) -> list[Hit]:
    rows = visible_applications(user).values_list("pk", "project_name")
    scores = {}
    for pk, name in rows.iterator(chunk_size=5000):
        s = score(q, fold(name))
        if s:
            scores[pk] = s
    if not scores:
        return []
    best = sorted(scores, key=lambda pk: -scores[pk])[: PER_KIND * 4]
    objs = visible_applications(user).filter(pk__in=best)
    return [
        Hit(
            a.project_name,
            reverse("programs:application", args=[a.pk]),
            [str(a.call.site.name), str(a.call.program.name), a.get_status_display()],
            scores[a.pk],
        )
        for a in objs
    ]


def _events(user, q: str) -> list[Hit]:
    rows = visible_events(user).values_list("pk", "title", "title_ar", "title_en")
    scores = {}
    for pk, *titles in rows.iterator(chunk_size=5000):
        s = score(q, *(fold(t) for t in titles))
        if s:
            scores[pk] = s
    if not scores:
        return []
    best = sorted(scores, key=lambda pk: -scores[pk])[: PER_KIND * 4]
    hits = []
    for event in visible_events(user).filter(pk__in=best):
        when = event.starts_at.date().strftime("%d/%m/%Y")
        details = [str(event.site.name) if event.site_id else "", when, event.get_status_display()]
        hits.append(
            Hit(
                event.title,
                reverse("community:event_detail", args=[event.pk]),
                [d for d in details if d],
                scores[event.pk],
            )
        )
    return hits


def _spaces(user, q: str, qc: str) -> list[Hit]:
    rows = visible_spaces(user).values_list("pk", "code", "name", "name_ar", "name_en")
    scores = {}
    for pk, code, *names in rows.iterator(chunk_size=5000):
        s = 100 if qc and compact(code) == qc else score(q, fold(code), *(fold(n) for n in names))
        if s:
            scores[pk] = s
    if not scores:
        return []
    best = sorted(scores, key=lambda pk: -scores[pk])[: PER_KIND * 4]
    hits = []
    for space in visible_spaces(user).filter(pk__in=best):
        if can(user, "hosting.view_site", space.site):
            url = reverse("hosting:site_spaces", args=[space.site.code])
        else:
            url = reverse("network:site_detail", args=[space.site.code])
        label = f"{space.code} · {space.name}" if space.name else space.code
        details = [str(space.site.name), space.get_kind_display()]
        hits.append(Hit(label, url, details, scores[space.pk]))
    return hits


def _contracts(user, q: str, qc: str) -> list[Hit]:
    if not principal(user).is_authenticated:
        return []
    by_name = _name_matches(q, startup_index())
    best_startups = sorted(by_name, key=lambda pk: -by_name[pk])[:500]
    match = Q(startup_id__in=best_startups)
    if qc:
        match |= Q(space__code__iexact=q.replace(" ", "-")) | Q(space__code__iexact=qc)
    rows = visible_leases(user).filter(match).values_list("pk", "startup_id", "space__code")
    scores = {}
    for pk, startup_id, space_code in rows:
        s = by_name.get(startup_id, 0)
        if qc and compact(space_code) == qc:
            s = max(s, 95)
        if s:
            scores[pk] = s
    if not scores:
        return []
    best = sorted(scores, key=lambda pk: -scores[pk])[: PER_KIND * 4]
    hits = []
    for lease in visible_leases(user).filter(pk__in=best):
        if can(user, "hosting.view_site", lease.site):
            url = reverse("hosting:contract_detail", args=[lease.site.code, lease.pk])
        else:
            url = reverse("hosting:contract_pdf", args=[lease.site.code, lease.pk])
        since = lease.starts_on.strftime("%d/%m/%Y")
        details = [str(lease.site.name), lease.space.code, since, lease.get_status_display()]
        hits.append(Hit(str(lease.startup.name), url, details, scores[lease.pk]))
    return hits


def search(user, raw: str) -> Results:
    """What `user` may see that matches `raw`, grouped by kind, best first."""
    raw = (raw or "").strip()[:200]
    q = fold(raw)
    if not principal(user).is_authenticated or len(q) < 2:
        return Results(raw, [])
    qc = compact(raw)
    members = _members(user, q)
    found = {
        "startups": _startups(user, q, qc, members),
        "people": _people(members),
        "invoices": _invoices(user, raw),
        "applications": _applications(user, q),
        "events": _events(user, q),
        "spaces": _spaces(user, q, qc),
        "contracts": _contracts(user, q, qc),
    }
    groups = []
    for kind, hits in found.items():
        if hits:
            ranked = _ranked(hits)
            groups.append(Group(kind, str(KINDS[kind]), ranked[:PER_KIND], len(ranked)))
    return Results(raw, groups)


def saved_views_for(user, path: str):
    """The person's views (own and their team's) of one page, for its "save this view"."""
    from technopark.search.permissions import visible_saved_views

    return visible_saved_views(user).filter(path=path)


__all__ = ["Results", "fold", "compact", "score", "search", "saved_views_for"]
