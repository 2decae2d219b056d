# graphlb in a container: `graphlb <command>` (engine, proxy, monitor, ...). Used by
# docker-compose.yml for every graphlb service.

# Build: the whole dev toolchain, `npm ci` compiles dist/ through the prepare script.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY engine ./engine
COPY proxy ./proxy
COPY monitor ./monitor
COPY cypher ./cypher
COPY protocol ./protocol
COPY cli ./cli
COPY test ./test
COPY bench ./bench
COPY dashboards ./dashboards
RUN npm ci && npm prune --omit=dev

# Run: compiled code and production dependencies only, as the unprivileged user node.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# /data is where the compose files put each engine's store; a named volume mounted there
# takes this directory's owner, so the engine can write it as node.
RUN chmod +x dist/cli/main.js \
  && ln -s /app/dist/cli/main.js /usr/local/bin/graphlb \
  && mkdir /data \
  && chown node:node /data
USER node
ENTRYPOINT ["graphlb"]
CMD ["--help"]
