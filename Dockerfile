# CoP Bot: `docker build -t cop-bot .` then `docker run --env-file .env -p 3000:3000 cop-bot`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=3000 \
    DATABASE_URL=sqlite:////data/cop-bot.db

WORKDIR /app
COPY pyproject.toml README.md alembic.ini app.py manifest.yml ./
COPY bot bot
COPY models models
COPY migrations migrations
# Installed in place (-e): the migrations are found beside bot/, as when run from a clone.
RUN pip install --no-cache-dir -e ".[postgres]" \
    && useradd --system --uid 10001 --home-dir /app copbot \
    && mkdir /data && chown copbot /data

USER copbot
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"
CMD ["python", "app.py"]
