# SCN Pathways Portal: production image. Build: docker build -t scn-portal .
# Run: docker compose up (see docker-compose.yml and README, "Deploying").

# 1. Front-end assets: NHS.UK frontend compiled and copied by the same Makefile target as locally.
FROM node:20-bookworm AS assets
WORKDIR /src
COPY package.json package-lock.json Makefile ./
COPY static/ static/
RUN DATABASE_URL=unused make assets

# 2. Python dependencies, installed into a virtualenv that the runtime stage copies.
FROM python:3.11-slim-bookworm AS python-deps
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
COPY pyproject.toml README.md ./
COPY scn_portal/ scn_portal/
COPY accounts/ accounts/
COPY networks/ networks/
COPY pathways/ pathways/
COPY public_site/ public_site/
COPY workspace/ workspace/
COPY api/ api/
COPY subscriptions/ subscriptions/
RUN /venv/bin/pip install .

# 3. Runtime: no compilers, no node, a non-root user.
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=scn_portal.settings
RUN groupadd --system portal && useradd --system --gid portal --home-dir /app portal
WORKDIR /app
COPY --from=python-deps /venv /venv
COPY manage.py ./
COPY scn_portal/ scn_portal/
COPY accounts/ accounts/
COPY networks/ networks/
COPY pathways/ pathways/
COPY public_site/ public_site/
COPY workspace/ workspace/
COPY api/ api/
COPY subscriptions/ subscriptions/
COPY templates/ templates/
COPY --from=assets /src/static/ static/
# Settings need these to import; collectstatic touches neither the key nor the database.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=postgres://unused@localhost/unused \
    python manage.py collectstatic --noinput --verbosity 0
USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["gunicorn", "-c", "python:scn_portal.gunicorn_conf", "scn_portal.wsgi"]
