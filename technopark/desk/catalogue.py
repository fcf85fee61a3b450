"""The usual partner desks of a technopark and their services, in French, Arabic, English.

Used to set up a site's guichet unique (and by the demo). Prices are the public fees in
MAD (0 when the partner does not charge); delays are the partner's usual ones.
"""

from __future__ import annotations

# The partner desks every site of the network offers at its guichet unique.
STANDARD_KINDS = ("ompic", "anapec", "cnss", "cimr")

# kind, partner, name (fr, ar, en), location
DESKS = [
    (
        "ompic",
        "OMPIC",
        (
            "Office marocain de la propriété industrielle et commerciale",
            "المكتب المغربي للملكية الصناعية والتجارية",
            "Moroccan Office of Industrial and Commercial Property",
        ),
        "Rez-de-chaussée, guichet 1",
    ),
    (
        "anapec",
        "ANAPEC",
        (
            "Agence nationale de promotion de l'emploi et des compétences",
            "الوكالة الوطنية لإنعاش التشغيل والكفاءات",
            "National Agency for Employment and Skills",
        ),
        "Rez-de-chaussée, guichet 2",
    ),
    (
        "cnss",
        "CNSS",
        (
            "Caisse nationale de sécurité sociale",
            "الصندوق الوطني للضمان الاجتماعي",
            "National Social Security Fund",
        ),
        "Rez-de-chaussée, guichet 3",
    ),
    (
        "cimr",
        "CIMR",
        (
            "Caisse interprofessionnelle marocaine de retraite",
            "الصندوق المهني المغربي للتقاعد",
            "Moroccan Interprofessional Pension Fund",
        ),
        "1er étage, bureau 104",
    ),
    (
        "legalisation",
        "Légalisation",
        (
            "Légalisation des signatures et copies conformes",
            "تصحيح الإمضاءات ومطابقة النسخ",
            "Certified signatures and copies",
        ),
        "Rez-de-chaussée, guichet 4",
    ),
    (
        "insurance",
        "Assurance",
        (
            "Conseil en assurance des entreprises",
            "استشارة في تأمين المقاولات",
            "Business insurance advice",
        ),
        "1er étage, bureau 106",
    ),
    (
        "accountant",
        "Expert-comptable",
        (
            "Permanence de l'expert-comptable",
            "مداومة الخبير المحاسب",
            "Chartered accountant's office hours",
        ),
        "1er étage, bureau 108",
    ),
    (
        "bank",
        "Banque",
        (
            "Conseiller bancaire entreprises",
            "مستشار بنكي للمقاولات",
            "Business banking adviser",
        ),
        "Hall d'entrée, agence",
    ),
]

_ID = (
    "Copie de la CIN du gérant",
    "نسخة من البطاقة الوطنية للمسير",
    "Copy of the manager's ID card",
)
_STATUTS = ("Statuts signés", "النظام الأساسي موقع", "Signed articles of association")
_CN = ("Certificat négatif", "الشهادة السلبية", "Negative certificate")
_RC = (
    "Modèle J du registre de commerce",
    "النموذج ج من السجل التجاري",
    "Trade register extract (model J)",
)
_IF = ("Attestation d'identifiant fiscal", "شهادة التعريف الضريبي", "Tax identifier certificate")
_CONTRACT = ("Contrat de travail signé", "عقد الشغل موقع", "Signed employment contract")
_DIPLOMA = (
    "Copie du diplôme du candidat",
    "نسخة من شهادة المرشح",
    "Copy of the candidate's diploma",
)
_AFFIL = (
    "Numéro d'affiliation CNSS",
    "رقم الانخراط في الضمان الاجتماعي",
    "CNSS affiliation number",
)
_ORIGINAL = ("Document original", "الوثيقة الأصلية", "The original document")
_BILAN = ("Derniers états financiers", "آخر القوائم المالية", "Latest financial statements")

# kind -> [(code, (name fr, ar, en), [documents], price MAD, (delay fr, ar, en))]
SERVICES = {
    "ompic": [
        (
            "certificat-negatif",
            (
                "Certificat négatif (dénomination)",
                "الشهادة السلبية (التسمية)",
                "Negative certificate (company name)",
            ),
            [
                _ID,
                (
                    "Trois noms proposés par ordre de préférence",
                    "ثلاثة أسماء مقترحة حسب الأفضلية",
                    "Three proposed names in order of preference",
                ),
            ],
            230,
            ("24 heures", "24 ساعة", "24 hours"),
        ),
        (
            "depot-marque",
            ("Dépôt de marque", "إيداع علامة تجارية", "Trademark filing"),
            [
                _ID,
                _RC,
                (
                    "Représentation de la marque (logo)",
                    "صورة العلامة (الشعار)",
                    "The mark's representation (logo)",
                ),
                (
                    "Liste des produits et services (classes de Nice)",
                    "لائحة المنتجات والخدمات (تصنيف نيس)",
                    "List of goods and services (Nice classes)",
                ),
            ],
            1700,
            ("6 mois jusqu'à l'enregistrement", "6 أشهر حتى التسجيل", "6 months to registration"),
        ),
        (
            "depot-brevet",
            ("Dépôt de brevet d'invention", "إيداع براءة اختراع", "Patent filing"),
            [
                _ID,
                (
                    "Description de l'invention et revendications",
                    "وصف الاختراع والمطالب",
                    "Description of the invention and claims",
                ),
                ("Dessins techniques", "الرسوم التقنية", "Technical drawings"),
            ],
            2200,
            ("18 mois jusqu'à la publication", "18 شهرا حتى النشر", "18 months to publication"),
        ),
        (
            "registre-commerce",
            (
                "Immatriculation au registre de commerce",
                "التسجيل في السجل التجاري",
                "Trade register registration",
            ),
            [_CN, _STATUTS, _IF, _ID],
            350,
            ("3 à 5 jours", "3 إلى 5 أيام", "3 to 5 days"),
        ),
    ],
    "anapec": [
        (
            "idmaj",
            ("Contrat d'insertion Idmaj", "عقد الإدماج «إدماج»", "Idmaj insertion contract"),
            [_RC, _AFFIL, _DIPLOMA, ("Fiche de poste", "بطاقة المنصب", "Job description")],
            0,
            ("1 semaine", "أسبوع واحد", "1 week"),
        ),
        (
            "tahfiz",
            (
                "Programme Tahfiz (premiers recrutements)",
                "برنامج «تحفيز» (التشغيلات الأولى)",
                "Tahfiz programme (first hires)",
            ),
            [
                _RC,
                _AFFIL,
                _CONTRACT,
                (
                    "Date de création de l'entreprise (moins de 5 ans)",
                    "تاريخ إحداث المقاولة (أقل من 5 سنوات)",
                    "Company creation date (under 5 years)",
                ),
            ],
            0,
            ("2 semaines", "أسبوعان", "2 weeks"),
        ),
        (
            "taehil",
            ("Formation Taehil", "تكوين «تأهيل»", "Taehil training"),
            [_RC, ("Plan de formation", "مخطط التكوين", "Training plan"), _DIPLOMA],
            0,
            ("2 à 3 semaines", "أسبوعان إلى 3 أسابيع", "2 to 3 weeks"),
        ),
    ],
    "cnss": [
        (
            "affiliation-employeur",
            ("Affiliation de l'employeur", "انخراط المشغل", "Employer affiliation"),
            [
                _RC,
                _IF,
                _STATUTS,
                _ID,
                (
                    "Attestation de RIB de l'entreprise",
                    "شهادة التعريف البنكي للمقاولة",
                    "Company bank account certificate",
                ),
            ],
            0,
            ("48 heures", "48 ساعة", "48 hours"),
        ),
        (
            "immatriculation-salarie",
            ("Immatriculation d'un salarié", "تسجيل أجير", "Employee registration"),
            [
                _AFFIL,
                (
                    "Copie de la CIN du salarié",
                    "نسخة من البطاقة الوطنية للأجير",
                    "Copy of the employee's ID card",
                ),
                _CONTRACT,
            ],
            0,
            ("Immédiat (Damancom)", "فوري (ضمانكم)", "Immediate (Damancom)"),
        ),
    ],
    "cimr": [
        (
            "adhesion",
            (
                "Adhésion au régime complémentaire",
                "الانخراط في نظام التقاعد التكميلي",
                "Joining the complementary pension scheme",
            ),
            [
                _RC,
                _AFFIL,
                (
                    "Liste des salariés et salaires",
                    "لائحة الأجراء والأجور",
                    "List of employees and salaries",
                ),
            ],
            0,
            ("1 semaine", "أسبوع واحد", "1 week"),
        ),
    ],
    "legalisation": [
        (
            "legalisation-signature",
            ("Légalisation de signature", "تصحيح الإمضاء", "Certified signature"),
            [
                (
                    "CIN du signataire, présent en personne",
                    "البطاقة الوطنية للموقع وحضوره شخصيا",
                    "Signatory's ID card, in person",
                ),
                _ORIGINAL,
            ],
            2,
            ("Immédiat", "فوري", "Immediate"),
        ),
        (
            "copie-conforme",
            ("Copie conforme", "مطابقة النسخة للأصل", "Certified copy"),
            [
                _ORIGINAL,
                ("Photocopies à certifier", "النسخ المراد مطابقتها", "Photocopies to certify"),
            ],
            2,
            ("Immédiat", "فوري", "Immediate"),
        ),
    ],
    "insurance": [
        (
            "multirisque",
            ("Multirisque bureaux", "تأمين متعدد المخاطر للمكاتب", "Office multi-risk cover"),
            [
                _RC,
                (
                    "Bail ou contrat d'hébergement",
                    "عقد الكراء أو الإيواء",
                    "Lease or hosting contract",
                ),
            ],
            0,
            ("48 heures", "48 ساعة", "48 hours"),
        ),
        (
            "accident-travail",
            ("Assurance accidents du travail", "تأمين حوادث الشغل", "Workplace accident insurance"),
            [_RC, ("Masse salariale annuelle", "الكتلة الأجرية السنوية", "Annual payroll")],
            0,
            ("48 heures", "48 ساعة", "48 hours"),
        ),
    ],
    "accountant": [
        (
            "creation",
            (
                "Conseil à la création (forme juridique, fiscalité)",
                "استشارة عند الإحداث (الشكل القانوني، الجبائية)",
                "Set-up advice (legal form, taxation)",
            ),
            [("Votre projet en une page", "مشروعك في صفحة واحدة", "Your project on one page")],
            0,
            ("Sur place", "في عين المكان", "On the spot"),
        ),
        (
            "declarations",
            (
                "Déclarations fiscales (TVA, IS)",
                "التصريحات الجبائية (الضريبة على القيمة المضافة، الضريبة على الشركات)",
                "Tax returns (VAT, corporate tax)",
            ),
            [_IF, _BILAN, ("Factures du trimestre", "فواتير الفصل", "The quarter's invoices")],
            500,
            ("1 semaine", "أسبوع واحد", "1 week"),
        ),
    ],
    "bank": [
        (
            "compte-entreprise",
            ("Ouverture de compte entreprise", "فتح حساب المقاولة", "Business account opening"),
            [_CN, _STATUTS, _RC, _IF, _ID],
            0,
            ("48 heures", "48 ساعة", "48 hours"),
        ),
        (
            "financement",
            (
                "Financement (Intelaka, Innov Invest)",
                "التمويل (انطلاقة، إنوف إنفست)",
                "Financing (Intelaka, Innov Invest)",
            ),
            [_BILAN, ("Plan d'affaires", "مخطط الأعمال", "Business plan"), _RC],
            0,
            ("2 à 4 semaines", "أسبوعان إلى 4 أسابيع", "2 to 4 weeks"),
        ),
    ],
}
