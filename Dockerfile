# syntax=docker/dockerfile:1
# The one image every Roundhouse process runs in a cluster (deploy/kubernetes): the web app, workers,
# `roundhouse serve` replicas and the migration Job, chosen by the first argument
# (deploy/docker/entrypoint.sh). It builds what `pnpm start` runs: the web app and the worker.
FROM node:20-bookworm-slim AS build
ENV CI=true npm_config_nodedir=/usr/local NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm i -g pnpm@12.4.2
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm exec turbo run build --filter=@roundhouse/web --filter=@roundhouse/worker

FROM node:20-bookworm-slim
# Python with XGBoost and scikit-learn for teams' workflows (PyTorch is left out: add python3-torch
# in an image of your own for torch workflows; it is about 1 GB).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-xgboost python3-sklearn tini \
 && rm -rf /var/lib/apt/lists/* \
 && npm i -g pnpm@12.4.2
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 ROUNDHOUSE_HOME=/var/lib/roundhouse
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /var/lib/roundhouse && chown node:node /var/lib/roundhouse
WORKDIR /app
USER node
ENTRYPOINT ["tini", "--", "/app/deploy/docker/entrypoint.sh"]
CMD ["web"]
