"""``brygga schedule now`` and ``brygga worker`` on PostgreSQL from the command line: the job id and that a worker
must run; a server that cannot be reached is said in Swedish with what to do, never a traceback."""

from __future__ import annotations

from brygga.config import Settings
from tests.cli.support import brygga
from tests.jobs.conftest import NEEDS_POSTGRES, job_states

pytestmark = NEEDS_POSTGRES


def _env(settings: Settings) -> dict[str, str]:
    key = settings.secret_key.get_secret_value() if settings.secret_key else ""
    return {"BRYGGA_DB": str(settings.db), "BRYGGA_DB_OWNER": str(settings.db_owner), "BRYGGA_SECRET_KEY": key}


def test_w_cli_schedule_now_on_postgresql_queues_and_names_the_job(queue_settings: Settings) -> None:
    done = brygga("schedule", "now", "invoices,customers", data_dir=queue_settings.data_dir, **_env(queue_settings))
    assert done.returncode == 0, done.stderr
    [(job, task, status)] = job_states(queue_settings)
    said = " ".join(done.stdout.split())
    assert f"som jobb {job}" in said and "brygga worker måste köra" in said, said
    assert (task, status) == ("brygga.run_company", "todo")


def test_w_cli_worker_with_the_server_unreachable_says_so_without_traceback(queue_settings: Settings) -> None:
    gone = "postgresql+psycopg://brygga_app:secret@127.0.0.1:1/brygga"
    failed = brygga("worker", data_dir=queue_settings.data_dir, BRYGGA_DB=gone, BRYGGA_DB_OWNER="")
    said = " ".join(failed.stderr.split())
    assert failed.returncode == 2 and "kunde inte öppnas" in said and "databasservern är igång" in said, said
    assert "Traceback" not in failed.stderr and "secret" not in failed.stderr + failed.stdout
