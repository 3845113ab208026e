# syntax=docker/dockerfile:1
# Miniatures Progress Tracker: the sync server serving the built PWA and the API.

# 1. Build the PWA with every dependency (vite and friends).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY pwa/package.json pwa/
COPY sync-server/package.json sync-server/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY shared shared
COPY pwa pwa
RUN npm run build -w pwa

# 2. Production dependencies only (the server runs its TypeScript through tsx).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY pwa/package.json pwa/
COPY sync-server/package.json sync-server/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The runtime image: no compilers, no dev tools, a non-root user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    STATIC_DIR=/app/pwa/dist
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY package.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY shared/src shared/src
COPY sync-server/package.json sync-server/tsconfig.json sync-server/
COPY sync-server/src sync-server/src
COPY sync-server/scripts sync-server/scripts
COPY --from=build /app/pwa/dist pwa/dist
# /data holds the embedded PGlite database when DATABASE_URL is not set.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "sync-server/scripts/healthcheck.mjs"]
CMD ["node", "--import", "tsx", "sync-server/src/server.ts"]
