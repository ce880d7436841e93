"""gunicorn settings: `gunicorn -c python:scn_portal.gunicorn_conf scn_portal.wsgi`.

Sync workers are simple and robust but one slow client holds a worker, so production runs
them behind a buffering reverse proxy (nginx; see README, "Deploying"). Every value can be
overridden with gunicorn's own GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

# Each worker keeps its database connection between requests (settings.py reads this when the
# worker loads the portal); the portal's own default, 0, suits the development server.
os.environ.setdefault("DB_CONN_MAX_AGE", "60")

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Above the database statement timeout, so a slow query fails cleanly before a worker is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak can never take the service down; rarely, as a
# worker serves hundreds of pages a second and a new one starts with no pages kept in memory.
max_requests = 50_000
max_requests_jitter = 5_000
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
