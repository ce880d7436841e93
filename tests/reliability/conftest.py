import os

import pytest
from django.db import connections

from scripts.devdb import Cluster, cluster_root


@pytest.fixture
def private_cluster():
    """The private PostgreSQL cluster `make test` runs on, which these tests stop and start.
    They need it: with DATABASE_URL pointing elsewhere there is no server of ours to restart."""
    cluster = Cluster(cluster_root())
    if not cluster.owns(os.environ["DATABASE_URL"]):
        pytest.fail(
            "These tests restart PostgreSQL: run them with the private cluster (unset DATABASE_URL)."
        )
    yield cluster
    cluster.start()
    connections.close_all()  # the test's own connections died with the server
