"""gunicorn's settings for production: `.venv/bin/gunicorn -c gunicorn.conf.py`.

Every setting can be changed from the environment (see the README). The app writes one log
line per request with its request id (trainer/request_log.py), so gunicorn's own access log
is off; everything is logged to standard error for the service manager to keep.
"""

import multiprocessing
import os

wsgi_app = "trainer:create_app()"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
#: a request that takes longer than this is stopped (the letters of a pay run are drawn in the
#: background, so no page should come near it)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
#: workers are replaced now and then, so nothing a worker holds grows for ever
max_requests = 2000
max_requests_jitter = 200
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        },
    },
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
        "heads_together": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
        "trainer": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
    },
}
