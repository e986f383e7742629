# Production image: the same app under gunicorn. PostgreSQL and Redis are separate services;
# set DATABASE_URL, OBSERVATORY_PSEUDONYM_KEY, CACHE_TYPE=RedisCache and CACHE_REDIS_URL.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    OBSERVATORY_LOAD_DEMO=0 OBSERVATORY_INSTANCE_DIR=/var/lib/observatory
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --system --home /var/lib/observatory observatory \
    && mkdir -p /var/lib/observatory && chown observatory /var/lib/observatory
USER observatory
EXPOSE 8050
# Migrate first (idempotent), then serve; three workers suit a 2-core host.
CMD ["sh", "-c", "python -m etl migrate && exec gunicorn --workers 3 --timeout 120 --bind 0.0.0.0:8050 app:server"]
