"""The words people use in their own spreadsheets, declared once per table, column and value.

A park's workbook names its sheets and columns in French, Arabic or English, in each
person's own wording ("Nom de la startup", "Date de création", "الجهة"), and writes values
as words ("Diplômée", "En activité", "Rabat-Salé-Kénitra"). This module declares the
wordings understood for each table, column and value of the interchange format
(`tables.py`); `guess.py` matches a workbook against them (with `rapidfuzz`), and
`tools/write_docs.py` writes the list of `docs/interchange.md` from them.

Region names come from `network/regions.py` (French, Arabic, English, and their first
part: "Rabat", "Casablanca"); country names from the CLDR data of `babel` (French,
Arabic, English): no hand-kept list of countries.

Every wording is compared after `norm()`: accents, case, punctuation and the usual
variants of Arabic letters do not matter.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from technopark.interchange.tables import SHEET_TABLES, Column, Table
from technopark.network.regions import REGIONS


def _w(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split("|") if w.strip())


# --- Tables (sheets) ------------------------------------------------------------------------

TABLE_WORDS: dict[str, tuple[str, ...]] = {
    "sites": _w("sites|site|technoparks|technopark|sites du réseau|implantations|المواقع|الموقع"),
    "spaces": _w("espaces|locaux|bureaux|spaces|rooms|الفضاءات|المكاتب"),
    "startups": _w(
        "startups|startup|start-ups|start-up|entreprises|jeunes pousses|portefeuille|"
        "liste des startups|الشركات الناشئة|المقاولات الناشئة"
    ),
    "programs": _w("programmes|programs|programmes d'accompagnement|البرامج"),
    "enrollments": _w(
        "inscriptions|accompagnement|accompagnements|cohortes|promotions|enrollments|"
        "التسجيلات|المواكبة"
    ),
    "leases": _w("baux|contrats de bail|hébergement|locations|leases|عقود الكراء|الإيواء"),
    "followups": _w("suivi|suivis|suivi post-incubation|statuts|followups|follow-ups|التتبع"),
    "headcounts": _w("effectifs|emplois|headcounts|jobs|مناصب الشغل|المستخدمون"),
    "exports": _w("exportations|exports|export|الصادرات"),
    "patents": _w("brevets|propriété industrielle|patents|براءات الاختراع"),
    "groupings": _w("groupements|gie|fusions|groupings|التجمعات"),
    "satisfaction": _w("satisfaction|enquête de satisfaction|avis|الرضا"),
    "budgets": _w("budgets|budget|budget d'accompagnement|الميزانيات"),
    "fundings": _w("financements|levées de fonds|fundings|funding|التمويلات|التمويل"),
    "people": _w(
        "fondateurs|équipe|équipes|membres|personnes|contacts|porteurs de projet|founders|"
        "team|people|المؤسسون|الفريق|الأعضاء"
    ),
    "historical_invoices": _w(
        "factures|factures antérieures|anciennes factures|historique des factures|"
        "historique de facturation|invoices|historical invoices|الفواتير|الفواتير السابقة"
    ),
    "past_events": _w(
        "événements|evenements|événements passés|historique des événements|animations|"
        "activités|agenda|events|past events|الفعاليات|الأنشطة"
    ),
    "event_attendance": _w(
        "participants|participations|présences|liste de présence|feuille de présence|"
        "émargements|attendance|attendees|الحضور|لائحة الحضور|المشاركون"
    ),
    "past_applications": _w(
        "candidatures|candidatures antérieures|historique des candidatures|sélections|"
        "décisions du comité|appels à candidatures|applications|الترشيحات|طلبات الترشيح"
    ),
    "desk_visits": _w(
        "guichet|guichet unique|visites|visites au guichet|rendez-vous|rdv|rendez-vous partenaires|"
        "desk visits|visits|الشباك الوحيد|الزيارات|المواعيد"
    ),
}

# --- Columns --------------------------------------------------------------------------------
# The wordings of a column name wherever it appears; `FIELD_WORDS` adds or replaces per table.

COMMON_WORDS: dict[str, tuple[str, ...]] = {
    "code": _w("code|code interne|identifiant|الرمز"),
    "name": _w("nom|name|intitulé|libellé|désignation|الاسم|التسمية"),
    "city": _w("ville|city|localité|المدينة"),
    "region": _w("région|region|الجهة"),
    "operator": _w("opérateur|gestionnaire|operator|partenaire|المشغل|الشريك"),
    "site": _w("site|technopark|code site|implantation|الموقع"),
    "startup": _w(
        "startup|start-up|référence startup|réf startup|id startup|entreprise|"
        "الشركة الناشئة|مرجع الشركة"
    ),
    "program": _w("programme|program|code programme|البرنامج"),
    "kind": _w("type|nature|catégorie|kind|النوع"),
    "year": _w("année|annee|exercice|year|السنة"),
    "amount_mad": _w(
        "montant|montant mad|montant (mad)|montant dh|montant en dh|amount|amount mad|المبلغ"
    ),
    "email": _w("e-mail|email|courriel|adresse e-mail|adresse mail|mail|البريد الإلكتروني"),
}

FIELD_WORDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("sites", "name"): _w("nom du site|nom|name|اسم الموقع"),
    ("sites", "opened_on"): _w("date d'ouverture|ouverture|ouvert le|opened on|تاريخ الافتتاح"),
    ("sites", "planned_opening"): _w(
        "ouverture prévue|date prévue d'ouverture|planned opening|الافتتاح المرتقب"
    ),
    ("sites", "closed_on"): _w("date de fermeture|fermé le|closed on|تاريخ الإغلاق"),
    ("spaces", "code"): _w("code|code espace|numéro|n° bureau|local|رقم المكتب"),
    ("spaces", "kind"): _w("type|type d'espace|nature|kind|نوع الفضاء"),
    ("spaces", "area_m2"): _w("surface|superficie|surface m2|surface (m²)|area|المساحة"),
    ("spaces", "seats"): _w("places|postes|nombre de places|capacité|seats|المقاعد"),
    ("spaces", "leasable"): _w("louable|à louer|leasable|قابل للكراء"),
    ("startups", "id"): _w(
        "référence|ref|réf|id|identifiant|code startup|n° startup|المرجع|الرقم المرجعي"
    ),
    ("startups", "name"): _w(
        "nom de la startup|nom|raison sociale|dénomination|startup|name|startup name|"
        "اسم الشركة|الاسم"
    ),
    ("startups", "legal_form"): _w(
        "forme juridique|statut juridique|forme|legal form|الشكل القانوني"
    ),
    ("startups", "ice"): _w(
        "ice|n° ice|numéro ice|identifiant commun de l'entreprise|التعريف الموحد للمقاولة"
    ),  # fmt: skip
    ("startups", "founded_on"): _w(
        "date de création|création|créée le|date création|founded on|founded|"
        "date of creation|تاريخ الإنشاء|تاريخ التأسيس"
    ),
    ("startups", "sector"): _w("secteur|secteur d'activité|domaine|sector|industry|القطاع"),
    ("startups", "website"): _w("site web|site internet|web|website|الموقع الإلكتروني"),
    ("startups", "public"): _w(
        "public|publique|visible|affichée|dans la vitrine|shown publicly|عمومي"
    ),
    ("programs", "code"): _w("code|code programme|رمز البرنامج"),
    ("programs", "name"): _w("nom du programme|nom|intitulé|name|اسم البرنامج"),
    ("programs", "kind"): _w("type|type de programme|kind|نوع البرنامج"),
    ("programs", "direct"): _w(
        "direct|géré par le réseau|accompagnement direct|direct program|مباشر"
    ),
    ("enrollments", "started_on"): _w(
        "date d'entrée|début|date de début|entrée|started on|start|تاريخ الدخول|تاريخ البداية"
    ),
    ("enrollments", "ended_on"): _w(
        "date de sortie|fin|date de fin|sortie|ended on|end|تاريخ الخروج|تاريخ النهاية"
    ),
    ("enrollments", "outcome"): _w("issue|résultat|statut de sortie|outcome|النتيجة"),
    ("leases", "space"): _w("espace|bureau|local|space|office|المكتب|الفضاء"),
    ("leases", "starts_on"): _w("début du bail|date de début|début|starts on|بداية الكراء"),
    ("leases", "ends_on"): _w("fin du bail|date de fin|fin|ends on|نهاية الكراء"),
    ("leases", "planned_end"): _w("fin prévue|échéance|planned end|النهاية المرتقبة"),
    ("leases", "monthly_rent_mad"): _w(
        "loyer|loyer mensuel|loyer (mad)|loyer mensuel dh|monthly rent|الكراء الشهري"
    ),
    ("followups", "observed_on"): _w(
        "date|date du suivi|date d'observation|observed on|تاريخ التتبع"
    ),
    ("followups", "status"): _w("statut|situation|état|status|الوضعية|الحالة"),
    ("headcounts", "as_of"): _w("date|au|à la date du|as of|بتاريخ"),
    ("headcounts", "direct_jobs"): _w(
        "emplois directs|effectif|effectif direct|salariés|direct jobs|مناصب الشغل المباشرة"
    ),
    ("headcounts", "indirect_jobs"): _w(
        "emplois indirects|effectif indirect|indirect jobs|مناصب الشغل غير المباشرة"
    ),
    ("exports", "country"): _w("pays|pays de destination|destination|country|البلد"),
    ("patents", "filed_on"): _w("date de dépôt|dépôt|déposé le|filed on|تاريخ الإيداع"),
    ("patents", "office"): _w("office|organisme|office de dépôt|office|المكتب"),
    ("patents", "title"): _w("titre|intitulé|titre du brevet|title|العنوان"),
    ("patents", "reference"): _w(
        "numéro|référence|n° de dépôt|numéro de brevet|reference|رقم البراءة"
    ),
    ("groupings", "formed_on"): _w("date de constitution|constitué le|formed on|تاريخ التأسيس"),
    ("groupings", "members"): _w("membres|startups membres|members|الأعضاء"),
    ("satisfaction", "answered_on"): _w("date|date de réponse|answered on|تاريخ الجواب"),
    ("satisfaction", "score"): _w("note|score|note /5|satisfaction|التقييم"),
    ("satisfaction", "comment"): _w("commentaire|remarque|comment|تعليق|ملاحظة"),
    ("budgets", "amount_mad"): _w("budget|montant|budget (mad)|amount|الميزانية|المبلغ"),
    ("fundings", "obtained_on"): _w("date|date d'obtention|obtenu le|obtained on|تاريخ الحصول"),
    ("fundings", "source"): _w("source|bailleur|financeur|organisme|source|الممول|المصدر"),
    ("fundings", "kind"): _w("type|type de financement|nature|kind|نوع التمويل"),
    ("people", "name"): _w(
        "nom|nom et prénom|prénom et nom|nom complet|full name|name|الاسم الكامل|الاسم"
    ),
    ("people", "phone"): _w("téléphone|tél|tel|gsm|mobile|portable|phone|الهاتف"),
    ("people", "role"): _w("rôle|fonction|poste|qualité|role|title|الصفة|الدور|المنصب"),
    ("people", "language"): _w("langue|language|اللغة"),
    ("historical_invoices", "number"): _w(
        "n° facture|numéro de facture|numéro|n°|facture|invoice number|invoice|رقم الفاتورة"
    ),
    ("historical_invoices", "issued_on"): _w(
        "date de facture|date facture|date d'émission|émise le|date|issued on|invoice date|"
        "تاريخ الفاتورة|تاريخ الإصدار"
    ),
    ("historical_invoices", "due_on"): _w(
        "échéance|date d'échéance|date limite de paiement|due on|due date|تاريخ الاستحقاق"
    ),
    ("historical_invoices", "total_mad"): _w(
        "montant ttc|total ttc|montant|total|montant (mad)|total mad|amount|المبلغ الإجمالي|المبلغ"
    ),
    ("historical_invoices", "paid_mad"): _w(
        "montant payé|montant réglé|payé|réglé|encaissé|paid|amount paid|المبلغ المؤدى"
    ),
    ("historical_invoices", "paid_on"): _w(
        "date de paiement|date de règlement|payé le|réglé le|paid on|تاريخ الأداء"
    ),
    ("historical_invoices", "status"): _w(
        "statut|état|situation|statut du paiement|status|الحالة|الوضعية"
    ),
    ("past_events", "title"): _w(
        "titre|intitulé|événement|nom de l'événement|activité|thème|title|event|العنوان|"
        "الفعالية|النشاط"
    ),
    ("past_events", "starts_on"): _w(
        "date|date de début|début|date de l'événement|le|starts on|start date|التاريخ|تاريخ البداية"
    ),
    ("past_events", "ends_on"): _w("date de fin|fin|jusqu'au|ends on|end date|تاريخ النهاية"),
    ("past_events", "kind"): _w(
        "type|type d'événement|catégorie|format|nature|kind|النوع|نوع الفعالية"
    ),
    ("past_events", "capacity"): _w(
        "capacité|places|nombre de places|jauge|capacity|seats|الطاقة الاستيعابية|المقاعد"
    ),
    ("past_events", "location"): _w("lieu|salle|endroit|location|place|venue|المكان|القاعة"),
    ("event_attendance", "event"): _w(
        "événement|intitulé de l'événement|titre|intitulé|activité|atelier|event|event title|"
        "الفعالية|النشاط"
    ),
    ("event_attendance", "event_on"): _w(
        "date|date de l'événement|le|event date|date of the event|التاريخ|تاريخ الفعالية"
    ),
    ("event_attendance", "name"): _w(
        "nom|nom et prénom|prénom et nom|nom complet|participant|participante|full name|name|"
        "الاسم الكامل|الاسم|المشارك"
    ),
    ("event_attendance", "startup"): _w(
        "startup|start-up|entreprise|structure|société|organisation|company|الشركة الناشئة|الشركة"
    ),
    ("event_attendance", "attendance"): _w(
        "présence|présent|statut|participation|émargement|attendance|status|checked in|"
        "الحضور|الحالة"
    ),
    ("event_attendance", "kind"): _w("type|type d'événement|format|kind|النوع|نوع الفعالية"),
    ("past_applications", "call"): _w(
        "appel|appel à candidatures|session|édition|promotion|cohorte|année|annee|year|call|"
        "الدعوة|طلب الترشيحات|السنة|الدورة"
    ),
    ("past_applications", "decision"): _w(
        "décision|décision du comité|avis du comité|résultat|statut|decision|outcome|القرار|النتيجة"
    ),
    ("past_applications", "submitted_on"): _w(
        "date de candidature|date de dépôt|déposée le|soumise le|date de soumission|"
        "submitted on|submitted|تاريخ الترشيح|تاريخ الإيداع"
    ),
    ("past_applications", "decided_on"): _w(
        "date de décision|date du comité|comité du|décidée le|decided on|decision date|تاريخ القرار"
    ),
    ("past_applications", "reasons"): _w(
        "motifs|motif|raisons|justification|observations|commentaire|reasons|comment|"
        "الأسباب|المبررات|ملاحظات"
    ),
    ("past_applications", "email"): _w(
        "e-mail du candidat|email du porteur|e-mail du porteur|e-mail|email|courriel|mail|"
        "applicant e-mail|البريد الإلكتروني"
    ),
    ("desk_visits", "desk"): _w(
        "guichet|partenaire|organisme|administration|guichet partenaire|desk|partner|الشباك|"
        "الشريك|الإدارة"
    ),
    ("desk_visits", "visited_on"): _w(
        "date|date de visite|date du rendez-vous|visite le|rendez-vous|visited on|"
        "date of visit|تاريخ الزيارة|التاريخ"
    ),
    ("desk_visits", "visitor"): _w("visiteur|nom du visiteur|personne reçue|reçu|visitor|الزائر"),
    ("desk_visits", "subject"): _w(
        "objet|motif|sujet|demande|prestation|objet de la visite|subject|purpose|الموضوع|الغرض"
    ),
    ("desk_visits", "outcome"): _w(
        "résultat|suite donnée|suite|issue|réponse|observations|outcome|result|النتيجة"
    ),
}

# A person's role in the team: a founder when it says so (the rest is kept as their title).
FOUNDER_WORDS = _w(
    "fondateur|fondatrice|cofondateur|cofondatrice|co-fondateur|co-fondatrice|founder|"
    "co-founder|cofounder|fondateur et gérant|مؤسس|مؤسسة|مؤسس مشارك"
)

# --- Values ---------------------------------------------------------------------------------

YES_NO = {
    True: _w("oui|yes|vrai|true|1|x|o|y|نعم"),
    False: _w("non|no|faux|false|0|n|لا"),
}

CHOICE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    # kinds of space
    "office": _w("bureau|bureaux|office|bureau privatif|مكتب"),
    "coworking": _w("coworking|espace de coworking|open space|plateau partagé|فضاء العمل المشترك"),
    "meeting_room": _w("salle de réunion|salle de reunion|meeting room|قاعة الاجتماعات"),
    "event_hall": _w(
        "salle d'événements|salle de conférence|auditorium|amphithéâtre|event hall|"
        "قاعة الفعاليات|قاعة المؤتمرات"
    ),
    "lab": _w("laboratoire|labo|lab|fablab|مختبر"),
    # legal forms
    "SARL": _w("sarl|s.a.r.l.|société à responsabilité limitée|شركة ذات مسؤولية محدودة"),
    "SARL_AU": _w(
        "sarl au|sarlau|sarl a.u.|sarl à associé unique|"
        "société à responsabilité limitée à associé unique|"
        "شركة ذات مسؤولية محدودة ذات الشريك الوحيد"
    ),
    "SA": _w("sa|s.a.|société anonyme|شركة مساهمة"),
    "SAS": _w("sas|s.a.s.|société par actions simplifiée|شركة المساهمة المبسطة"),
    "SNC": _w("snc|société en nom collectif|شركة التضامن"),
    "AUTO_ENTREPRENEUR": _w("auto-entrepreneur|auto entrepreneur|autoentrepreneur|المقاول الذاتي"),
    "COOPERATIVE": _w("coopérative|cooperative|تعاونية"),
    # kinds of program
    "pre_incubation": _w("pré-incubation|préincubation|pre-incubation|ما قبل الاحتضان"),
    "incubation": _w("incubation|الاحتضان"),
    "acceleration": _w("accélération|acceleration|التسريع"),
    # outcomes of an enrollment
    "graduated": _w("diplômée|diplômé|graduée|sortie diplômée|lauréate|graduated|تخرجت|متخرجة"),
    "discontinued": _w(
        "abandon|abandonnée|arrêtée|interrompue|sortie anticipée|exclue|discontinued|"
        "dropped out|انسحبت|توقفت"
    ),
    # follow-up statuses
    "active": _w("en activité|active|actif|en activite|toujours active|في نشاط|نشطة"),
    "closed": _w("fermée|cessée|cessation d'activité|radiée|liquidée|closed|مغلقة"),
    "acquired": _w("rachetée|acquise|acquired|تم الاستحواذ عليها"),
    "merged": _w("fusionnée|merged|مندمجة"),
    # patent offices
    "OMPIC": _w(
        "ompic|office marocain de la propriété industrielle et commerciale|"
        "المكتب المغربي للملكية الصناعية والتجارية"
    ),
    "EPO": _w(
        "oeb|office européen des brevets|epo|european patent office|المكتب الأوروبي للبراءات"
    ),
    "WIPO": _w(
        "ompi|organisation mondiale de la propriété intellectuelle|wipo|pct|"
        "المنظمة العالمية للملكية الفكرية"
    ),
    "USPTO": _w(
        "uspto|office américain des brevets|united states patent and trademark office|"
        "المكتب الأمريكي للبراءات"
    ),
    # groupings
    "gie": _w("gie|g.i.e.|groupement d'intérêt économique|مجموعة ذات نفع اقتصادي"),
    "merger": _w("fusion|merger|اندماج"),
    # kinds of funding
    "grant": _w("subvention|don|grant|منحة"),
    "loan": _w("prêt|prêt d'honneur|pret d'honneur|loan|قرض"),
    "equity": _w(
        "capital|fonds propres|levée de fonds|prise de participation|equity|مساهمة في رأس المال"
    ),
    "prize": _w("prix|concours|prize|award|جائزة"),
    # what became of an invoice issued before the platform
    "paid": _w("payée|réglée|soldée|acquittée|paid|مؤداة|مدفوعة"),
    "partly_paid": _w(
        "partiellement payée|payée en partie|partiellement réglée|acompte|partly paid|مدفوعة جزئيا"
    ),
    "unpaid": _w("impayée|non payée|non réglée|en attente|unpaid|غير مؤداة|غير مدفوعة"),
    "cancelled": _w("annulée|annulé|désinscrit|désinscrite|cancelled|canceled|ملغاة|ملغى"),
    # kinds of event
    "workshop": _w("atelier|workshop|ورشة|ورشة عمل"),
    "training": _w("formation|session de formation|training|تكوين|تدريب"),
    "sport": _w("sport|activité sportive|tournoi|رياضة"),
    "culture": _w("culture|activité culturelle|exposition|concert|ثقافة"),
    "creative": _w("activité créative|atelier créatif|créatif|creative|إبداع"),
    "demo_day": _w("demo day|démo day|journée de démonstration|pitch day|يوم العرض"),
    "networking": _w(
        "networking|réseautage|rencontre|conférence|table ronde|afterwork|meetup|لقاء|تواصل"
    ),
    # who came to an event before the platform
    "attended": _w(
        "présent|présente|présents|a participé|participé|venu|venue|pointé|émargé|oui|x|"
        "attended|present|checked in|yes|حاضر|حاضرة|حضر"
    ),
    "registered": _w(
        "inscrit|inscrite|absent|absente|non présent|excusé|non|registered|no show|absent|"
        "مسجل|غائب|غائبة"
    ),
    # the committee's decision on an application before the platform
    "admitted": _w(
        "retenue|retenu|acceptée|accepté|admise|admis|sélectionnée|sélectionné|accepted|"
        "admitted|selected|مقبولة|مقبول"
    ),
    "declined": _w(
        "refusée|refusé|non retenue|non retenu|rejetée|rejeté|non sélectionnée|declined|"
        "rejected|refused|مرفوضة|مرفوض"
    ),
    "waitlisted": _w(
        "liste d'attente|en liste d'attente|en attente|réserve|liste complémentaire|"
        "waitlisted|waiting list|قائمة الانتظار"
    ),
    "withdrawn": _w("retirée|retiré|désistée|désistement|withdrawn|withdrew|منسحبة|سحب"),
    # languages of a person
    "fr": _w("français|francais|french|fr|الفرنسية"),
    "ar": _w("arabe|arabic|ar|العربية"),
    "en": _w("anglais|english|en|الإنجليزية"),
    # every list
    "other": _w("autre|autres|other|أخرى"),
    "OTHER": _w("autre|autres|other|أخرى"),
}


# --- Comparing words ------------------------------------------------------------------------

_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
_PUNCT = re.compile(r"[\s\-_'’`.,;:/()\[\]«»\"*°#+]+")


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """A wording as compared: without accents, case, punctuation or Arabic variants."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(_ARABIC).casefold()
    return _PUNCT.sub(" ", plain).strip()


def table_words(table: str) -> tuple[str, ...]:
    return (table, *TABLE_WORDS.get(table, ()))


def column_words(table: Table, column: Column) -> tuple[str, ...]:
    words = FIELD_WORDS.get((table.name, column.name)) or COMMON_WORDS.get(column.name, ())
    return (column.name, column.name.replace("_", " "), *words)


def value_words(table: Table, column: Column) -> dict[str, str]:
    """Every wording of the values of a column that takes words → the value's code."""
    words: dict[str, str] = {}
    if column.kind == "choice":
        for code in column.choices:
            for word in (code, code.replace("_", " "), *CHOICE_WORDS.get(code, ())):
                words.setdefault(norm(word), code)
    elif column.kind == "region":
        words = region_words()
    elif column.kind == "country":
        words = country_words()
    elif column.kind == "bool":
        words = {norm(w): "true" if flag else "false" for flag, ws in YES_NO.items() for w in ws}
    return words


@functools.cache
def region_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for code, *names in REGIONS:
        words[norm(code)] = code
        for name in names:
            words.setdefault(norm(name), code)
        for name in (names[0], names[2]):
            # The first part of the name, as people shorten it: "Rabat", "Casablanca".
            words.setdefault(norm(name.replace("L'", "").split("-")[0]), code)
    for number in range(1, 13):  # "MA-4", "4"
        words.setdefault(norm(f"MA-{number}"), f"MA-{number:02d}")
    return words


@functools.cache
def country_words() -> dict[str, str]:
    """Country names in French, Arabic and English (CLDR, through babel) → ISO code."""
    from babel import Locale

    from technopark.interchange.countries import ISO_ALPHA2

    words: dict[str, str] = {}
    for code in ISO_ALPHA2:
        words[norm(code)] = code
    for language in ("fr", "ar", "en"):
        for code, name in Locale(language).territories.items():
            if code in ISO_ALPHA2:
                words.setdefault(norm(name), code)
    for alias, code in (("usa", "US"), ("uk", "GB"), ("emirats", "AE"), ("eau", "AE")):
        words.setdefault(alias, code)
    return words


def words_understood() -> list[tuple[str, str, tuple[str, ...]]]:
    """(table, column or "", wordings) for the documentation, in the format's order."""
    rows: list[tuple[str, str, tuple[str, ...]]] = []
    for table in SHEET_TABLES:
        rows.append((table.name, "", TABLE_WORDS.get(table.name, ())))
        for column in table.columns:
            rows.append((table.name, column.name, column_words(table, column)[2:]))
    return rows


def is_founder(role: str | None) -> bool:
    from rapidfuzz import fuzz, process

    if not role:
        return False
    words = [norm(w) for w in FOUNDER_WORDS]
    text = norm(role)
    if text in words or any(w in text.split() for w in words):
        return True
    found = process.extractOne(text, words, scorer=fuzz.ratio)
    return bool(found and found[1] >= 85)
