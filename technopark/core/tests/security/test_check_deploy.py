"""`technopark check --deploy` is clean with the production settings of .env.example."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ENV_EXAMPLE = settings.PROJECT_DIR / ".env.example"


def _env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _sep, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def _check_deploy(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TECHNOPARK_", "DJANGO_", "PYTEST", "DATABASE_URL"))
    }
    env.update(_env_example())
    env.update(overrides)
    env["TECHNOPARK_VAR_DIR"] = str(tmp_path)
    env["MEDIA_ROOT"] = str(tmp_path / "uploads")
    env["STATIC_ROOT"] = str(tmp_path / "static")
    return subprocess.run(
        [sys.executable, "-m", "technopark", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.PROJECT_DIR,
    )


def test_env_example_lists_what_production_needs():
    keys = set(_env_example())
    needed = {
        "DATABASE_URL", "REDIS_URL", "TASKS_BACKEND", "EMAIL_HOST", "EMAIL_BACKEND",
        "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_HTTPS", "CSRF_TRUSTED_ORIGINS", "SITE_URL",
        "CNDP_DECLARATION",
    }  # fmt: skip
    assert needed <= keys, needed - keys


def test_check_deploy_is_clean_with_env_example(tmp_path):
    result = _check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_check_deploy_fails_without_https_or_with_the_demo_key(tmp_path):
    result = _check_deploy(tmp_path, SECURE_HTTPS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # HSTS
    result = _check_deploy(
        tmp_path, SECRET_KEY="insecure-demo-key-change-me-in-production-0123456789abcdef"
    )
    assert result.returncode != 0
    assert "technopark.W001" in result.stderr + result.stdout
