"""gunicorn's entry point for `bench/pages.py`: the project's application, with the
floor's two pages (bench/floor.py) in front of its URLs."""

from django.conf import settings

from technopark.wsgi import application

settings.ROOT_URLCONF = "bench.floor"

__all__ = ["application"]
