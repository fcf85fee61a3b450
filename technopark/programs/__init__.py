"""Programs, calls, applications, reviews, enrollments and accompaniment plans."""
