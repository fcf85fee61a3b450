"""The document types every vault knows, seeded by the first migration and, when a test's
flush has emptied the table, by `services.document_types_ensure`."""

# The types every vault knows: (code, French, Arabic, English, usual validity in months).
TYPES = [
    ("statuts", "Statuts", "النظام الأساسي", "Statutes", 0),
    ("rc_modele_j", "RC — modèle J", "السجل التجاري — النموذج ج", "Trade register (model J)", 3),
    ("attestation_fiscale", "Attestation fiscale", "شهادة جبائية", "Tax certificate", 6),
    (
        "attestation_cnss",
        "Attestation CNSS",
        "شهادة الصندوق الوطني للضمان الاجتماعي",
        "CNSS certificate",
        3,
    ),
    ("ice", "Certificat ICE", "شهادة التعريف الموحد للمقاولة", "ICE certificate", 0),
    ("pitch_deck", "Pitch deck", "العرض التقديمي", "Pitch deck", 0),
    ("business_plan", "Business plan", "مخطط الأعمال", "Business plan", 0),
    ("other", "Autre document", "وثيقة أخرى", "Other document", 0),
]
