"""job_events: notify listeners whenever a job row changes

Revision ID: 0002
Revises: 0001
Create Date: 2024-03-18 15:40:02

The SSE endpoint and the /ws/jobs websocket LISTEN on the "job_events"
channel, so every INSERT or UPDATE of a job reaches the browser without
polling. See docs/adr/0002-job-progress-via-pg-notify.md.
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE OR REPLACE FUNCTION notify_job_events() RETURNS trigger AS $$
        BEGIN
            PERFORM pg_notify(
                'job_events',
                json_build_object(
                    'id', NEW.id,
                    'owner_id', NEW.owner_id,
                    'status', NEW.status,
                    'progress', NEW.progress
                )::text
            );
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;

        CREATE TRIGGER jobs_notify
            AFTER INSERT OR UPDATE ON jobs
            FOR EACH ROW EXECUTE FUNCTION notify_job_events();
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS jobs_notify ON jobs;")
    op.execute("DROP FUNCTION IF EXISTS notify_job_events();")
