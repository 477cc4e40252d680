# Deepsheet's image: Node 24 on Debian slim, production dependencies only, a non-root user.
# No Docker engine runs where Deepsheet is developed, so every step here is a script that
# test/process/container-steps.test.ts runs outside a container: deploy/assemble-app.sh (the
# production install), deploy/docker-entrypoint.sh (the start) and deploy/healthcheck.mjs.

FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && sh deploy/assemble-app.sh /src /app

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
# The embedded database, the generated secret and the mail outbox live here; with PostgreSQL
# (DATABASE_URL) it holds only the lock and the control socket.
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 CMD ["node", "deploy/healthcheck.mjs"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/deploy/docker-entrypoint.sh"]
CMD ["serve"]
