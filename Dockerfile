# The API image for docker-compose.yml (production path). Neo4j runs in its own official image.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY graph graph
COPY ingest ingest
COPY queries queries
COPY api api
RUN pip install --no-cache-dir . && useradd --system --uid 10001 expertgraph
USER expertgraph
EXPOSE 8000
CMD ["python", "-m", "api", "serve"]
