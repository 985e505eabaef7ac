"""`uvicorn api.serve_app:app`: the app for process managers (several workers or replicas).

Each worker opens its own driver from the settings (`NEO4J_URI`); nothing else is shared between
workers but the graph itself, which is what lets several run behind a load balancer.
"""

from __future__ import annotations

from api.app import create_app

app = create_app()
