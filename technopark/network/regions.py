"""The 12 regions of Morocco (decree 2-15-40 of 2015), with their ISO 3166-2 codes."""

REGIONS: list[tuple[str, str, str, str]] = [
    ("MA-01", "Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة", "Tanger-Tetouan-Al Hoceima"),
    ("MA-02", "L'Oriental", "الشرق", "Oriental"),
    ("MA-03", "Fès-Meknès", "فاس مكناس", "Fez-Meknes"),
    ("MA-04", "Rabat-Salé-Kénitra", "الرباط سلا القنيطرة", "Rabat-Sale-Kenitra"),
    ("MA-05", "Béni Mellal-Khénifra", "بني ملال خنيفرة", "Beni Mellal-Khenifra"),
    ("MA-06", "Casablanca-Settat", "الدار البيضاء سطات", "Casablanca-Settat"),
    ("MA-07", "Marrakech-Safi", "مراكش آسفي", "Marrakesh-Safi"),
    ("MA-08", "Drâa-Tafilalet", "درعة تافيلالت", "Draa-Tafilalet"),
    ("MA-09", "Souss-Massa", "سوس ماسة", "Souss-Massa"),
    ("MA-10", "Guelmim-Oued Noun", "كلميم واد نون", "Guelmim-Oued Noun"),
    ("MA-11", "Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء", "Laayoune-Sakia El Hamra"),
    ("MA-12", "Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab"),
]
REGION_CODES = frozenset(code for code, *_ in REGIONS)
