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

from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from technopark.accounts.permissions import can, principal
from technopark.billing.models import CreditNote
from technopark.billing.permissions import visible_invoices
from technopark.community.models import Event
from technopark.community.permissions import visible_events
from technopark.hosting.permissions import visible_leases
from technopark.network.models import Space
from technopark.network.permissions import visible_spaces
from technopark.programs.models import Application
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


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


@dataclass
class TextIndex:
    """Folded texts of one kind's rows, kept by this process (not read and folded at each
    search), with the texts each pair of letters (bigram) is in.

    A search takes the texts sharing enough of the query's bigrams (`candidates`), runs
    rapidfuzz's C loop over those alone, and scores in Python only what it kept. Why
    enough: a text within `score`'s typo tolerance (rapidfuzz's partial ratio ≥ 84 over the
    query's length L) is at most 0.32·L insertions or deletions away from it, and each one
    breaks at most two of the query's bigrams; a text that holds the query holds all of
    them. So every row `score` would find is kept: the same result as scoring every row
    (tests/test_index.py checks it)."""

    stamp: tuple
    made: float
    keys: list = field(default_factory=list)  # the row's key (its pk)
    texts: list[tuple[str, ...]] = field(default_factory=list)  # folded names
    exact: list[tuple[str, ...]] = field(default_factory=list)  # substring only (e-mails)
    entry_row: list[int] = field(default_factory=list)  # each text's row
    entry_text: list[str] = field(default_factory=list)
    grams: dict[str, set[int]] = field(default_factory=dict)  # bigram → texts
    by_code: dict[str, list] = field(default_factory=dict)  # compacted codes (spaces)

    def add(self, key, texts: tuple[str, ...], exact: tuple[str, ...] = ()) -> None:
        row = len(self.keys)
        self.keys.append(key)
        self.texts.append(texts)
        self.exact.append(exact)
        for text in (*texts, *exact):
            if not text:
                continue
            entry = len(self.entry_text)
            self.entry_row.append(row)
            self.entry_text.append(text)
            for gram in _bigrams(text):
                self.grams.setdefault(gram, set()).add(entry)

    def candidates(self, q: str) -> set[int]:
        """The texts that may match `q` (a superset of those `score` finds)."""
        wanted = _bigrams(q)
        if not wanted:
            return set()
        # Edits within the typo tolerance (none below FUZZY_MIN letters) break at most
        # two bigrams each, one more for a text a letter shorter than the query (which
        # `score` lets through): a match keeps at least `need` of the query's bigrams.
        edits = int(0.32 * len(q)) if len(q) >= FUZZY_MIN else 0
        need = max(1, len(wanted) - 2 * edits - (1 if edits else 0))
        postings = sorted((self.grams.get(g, set()) for g in wanted), key=len)
        if need == len(postings):
            return set.intersection(*postings)
        # A text with `need` of them is in one of the len - need + 1 rarest.
        spread = len(postings) - need + 1
        base = set().union(*postings[:spread])
        if need == 1:
            return base
        return {e for e in base if sum(e in p for p in postings) >= need}

    def matches(self, q: str) -> dict:
        """{key: score} of the rows matching `q` (the best score of a key's rows)."""
        entries = self.candidates(q)
        if len(q) >= FUZZY_MIN:  # rapidfuzz's C loop: what `score` may keep
            texts = {e: self.entry_text[e] for e in entries}
            kept = process.extract(
                q, texts, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_CUTOFF, limit=None
            )
            entries = [e for _text, _ratio, e in kept]
        else:  # no typo below FUZZY_MIN letters: the texts holding the query
            entries = [e for e in entries if q in self.entry_text[e]]
        found: dict = {}
        for row in {self.entry_row[e] for e in entries}:
            s = score(q, *self.texts[row], exact_only=self.exact[row])
            key = self.keys[row]
            if s and s > found.get(key, 0):
                found[key] = s
        return found


@dataclass
class NameIndex(TextIndex):
    """The startups' folded names (a `TextIndex`), with their references, ICEs and cities."""

    by_ref: dict[str, int] = field(default_factory=dict)
    by_ice: dict[str, int] = field(default_factory=dict)
    by_city: dict[str, list[int]] = field(default_factory=dict)


_INDEX: dict[str, TextIndex] = {}
INDEX_TTL = 60.0  # seconds: a rename that no `updated_at` shows is seen within a minute


def _kept(kind: str, stamp: tuple) -> TextIndex | None:
    index = _INDEX.get(kind)
    if index is not None and index.stamp == stamp and monotonic() - index.made < INDEX_TTL:
        return index
    return None


def _stamp(model, last: str | None = "updated_at") -> tuple:
    """What moves when rows are added or (with `last`) changed, read on indexes: the last
    id, the last `updated_at` (indexed where the table grows with the network), each its
    own `MAX` (SQLite answers a lone `MAX` from the index, two in one SELECT by a scan);
    not a count of every row. A row removed stays in the index until it is made again (a
    minute at most): harmless, each kind's candidates are read back through its
    `visible_*` queryset, which no longer holds it."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [model._meta.pk.column, *([model._meta.get_field(last).column] if last else [])]
    maxes = ", ".join(
        f"(SELECT MAX({connection.ops.quote_name(c)}) FROM {table})"  # noqa: S608 (models' names)
        for c in columns
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {maxes}")
        return (model._meta.label, *cursor.fetchone())


def startup_index() -> NameIndex:
    """The startups' names, folded once per process and change (not per search): checked
    by one aggregate query (count and last update), rebuilt when it moved."""
    stamp = _stamp(Startup)
    index = _kept("startups", stamp)
    if index is not None:
        return index
    index = NameIndex(stamp, monotonic())
    rows = Startup.objects.order_by().values_list("pk", "name", "ref", "ice", "city")
    for pk, name, ref, ice, city in rows.iterator(chunk_size=5000):
        index.add(pk, (fold(name),))
        index.by_ref[compact(ref)] = pk
        if ice:
            index.by_ice[ice] = pk
        if city:
            index.by_city.setdefault(city, []).append(pk)
    _INDEX["startups"] = index
    return index


def _rows_index(
    kind: str, model, rows, last: str | None = "updated_at", extra: tuple = ()
) -> TextIndex:
    """A kind's `TextIndex` from `rows()`: (key, names, substring-only texts[, code]) per
    row, all the network's (who may see which is asked of the candidates only)."""
    stamp = (*_stamp(model, last), *extra)
    index = _kept(kind, stamp)
    if index is not None:
        return index
    index = TextIndex(stamp, monotonic())
    for key, texts, exact, *code in rows():
        index.add(key, tuple(fold(t) for t in texts), tuple(fold(t) for t in exact))
        if code and code[0]:
            index.by_code.setdefault(compact(code[0]), []).append(key)
    _INDEX[kind] = index
    return index


def _name_matches(q: str, index: NameIndex) -> dict[int, int]:
    """{startup pk: score} of the names matching `q`, and of the startups of a city named
    by it (`Fes`: Fès's)."""
    found = index.matches(q)
    if len(q) >= 3:
        for city, pks in index.by_city.items():  # a few cities for thousands of startups
            in_city = score(q, fold(city))
            in_city = in_city - 25 if in_city >= 90 else 0
            if in_city:
                for pk in pks:
                    if found.get(pk, 0) < in_city:
                        found[pk] = in_city
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


def _startups(user, q: str, qc: str, members: list, index, by_name) -> list[Hit]:
    found: dict[int, tuple[int, bool]] = {}
    if qc.isdigit() and len(qc) == 15 and qc in index.by_ice:
        found[index.by_ice[qc]] = (100, True)
    if qc in index.by_ref:
        found[index.by_ref[qc]] = (100, True)
    for pk, s in by_name.items():
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


def _member_rows():
    rows = Membership.objects.order_by().values_list("pk", "user__full_name", "user__email")
    for pk, full_name, email in rows.iterator(chunk_size=5000):
        yield pk, (full_name,), (email,)


def _members(user, q: str) -> list[tuple]:
    """The members matching `q` by name or e-mail, among the startups whose team one sees:
    (user id, startup id, score, name, e-mail, startup's name, its reference)."""
    if len(q) < 3:
        return []
    from django.contrib.auth import get_user_model

    # A new member, or a new person: the index is made again (a rename within a minute).
    people = _stamp(get_user_model(), None)
    index = _rows_index("people", Membership, _member_rows, None, extra=people)
    scores = index.matches(q)
    if not scores:
        return []
    rows = Membership.objects.filter(startup__in=private_startups(user))
    if len(scores) <= 500:
        rows = rows.filter(pk__in=list(scores))
    rows = rows.values_list(
        "pk",
        "user_id",
        "startup_id",
        "user__full_name",
        "user__email",
        "startup__name",
        "startup__ref",
    ).order_by("user_id", "startup__name")
    found = []
    for pk, user_id, startup_id, full_name, email, startup_name, ref in rows:
        s = scores.get(pk)
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


def _application_rows():
    rows = Application.objects.order_by().values_list("pk", "project_name")
    for pk, name in rows.iterator(chunk_size=5000):
        yield pk, (name,), ()


def _event_rows():
    rows = Event.objects.order_by().values_list("pk", "title", "title_ar", "title_en")
    for pk, *titles in rows.iterator(chunk_size=5000):
        yield pk, tuple(titles), ()


def _space_rows():
    rows = Space.objects.order_by().values_list("pk", "code", "name", "name_ar", "name_en")
    for pk, code, *names in rows.iterator(chunk_size=5000):
        yield pk, (code, *names), (), code


def _visible_scores(queryset, scores: dict) -> dict:
    """`scores` of the rows the person may see (the app's `visible_*` queryset)."""
    if not scores:
        return {}
    visible = _visible_among(queryset, scores)
    return {pk: s for pk, s in scores.items() if pk in visible}


def _applications(user, q: str) -> list[Hit]:
    index = _rows_index("applications", Application, _application_rows)
    scores = _visible_scores(visible_applications(user), index.matches(q))
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
    index = _rows_index("events", Event, _event_rows)
    scores = _visible_scores(visible_events(user), index.matches(q))
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
    index = _rows_index("spaces", Space, _space_rows)
    scores = index.matches(q)
    for pk in index.by_code.get(qc, ()) if qc else ():
        scores[pk] = 100  # its code, in any spelling (`a-101`, `A 101`)
    scores = _visible_scores(visible_spaces(user), scores)
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


def _contracts(user, q: str, qc: str, by_name: dict[int, int]) -> list[Hit]:
    if not principal(user).is_authenticated:
        return []
    best_startups = sorted(by_name, key=lambda pk: -by_name[pk])[:500]
    # A space's code in any spelling, from the spaces' index: both sides on an index.
    spaces = _rows_index("spaces", Space, _space_rows).by_code.get(qc, []) if qc else []
    if not best_startups and not spaces:
        return []
    match = Q(startup_id__in=best_startups) | Q(space_id__in=spaces)
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
    index = startup_index()
    by_name = _name_matches(q, index)  # the startups', and the contracts' by their startup
    found = {
        "startups": _startups(user, q, qc, members, index, by_name),
        "people": _people(members),
        "invoices": _invoices(user, raw),
        "applications": _applications(user, q),
        "events": _events(user, q),
        "spaces": _spaces(user, q, qc),
        "contracts": _contracts(user, q, qc, by_name),
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
