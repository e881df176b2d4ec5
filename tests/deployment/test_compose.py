"""docker-compose.yml, read as Docker would (no Docker engine here): the release step runs once,
web containers share Redis, and nothing per-machine holds shared state."""

from pathlib import Path

import yaml

COMPOSE = yaml.safe_load((Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_migrate_is_a_one_off_release_step_that_web_waits_for():
    migrate = SERVICES["migrate"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--no-input"]
    assert migrate["restart"] == "no"
    web = SERVICES["web"]
    assert web["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert "migrate" not in " ".join(web["command"])  # never in each web start


def test_web_shares_redis():
    web = SERVICES["web"]
    assert web["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert web["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert SERVICES["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_a_worker_and_a_scheduler_run_the_background_work():
    for name in ("web", "worker", "scheduler"):
        assert SERVICES[name]["environment"]["TASKS_BACKEND"] == "database", name
    assert SERVICES["worker"]["command"] == ["python", "manage.py", "db_worker"]
    assert SERVICES["scheduler"]["command"] == ["python", "manage.py", "schedule_tasks"]
    # The worker reads uploaded files from the same object store as the web containers.
    assert SERVICES["worker"]["environment"] == SERVICES["web"]["environment"]


def test_uploads_live_in_the_object_store_not_in_any_portal_container():
    environment = SERVICES["web"]["environment"]
    assert environment["S3_BUCKET"] == "lmc-portal" and environment["S3_ENDPOINT_URL"] == "http://minio:9000"
    assert "mc mb --ignore-existing store/lmc-portal" in SERVICES["bucket"]["entrypoint"][-1]
    assert SERVICES["web"]["depends_on"]["bucket"] == {"condition": "service_completed_successfully"}
    for name in ("web", "worker", "scheduler", "migrate"):
        assert "volumes" not in SERVICES[name], f"{name} keeps nothing on its own disk"
