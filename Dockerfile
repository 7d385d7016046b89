# Parley, built for docker-compose.yml. It runs the TypeScript directly through tsx (a
# runtime dependency), so there is no build step; better-sqlite3 builds or downloads its
# native module during `npm ci` (the full node image has the compilers it may need).
FROM node:20-bookworm
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --chown=node:node . .
# /app is root's and `data` is left out of the image (.dockerignore), yet Parley keeps its
# generated API token in ./data when PARLEY_API_TOKEN is unset: the directory must exist
# and be the runtime user's. docker-compose.yml mounts a volume here, so the token survives.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# The store comes from PARLEY_STORE (docker-compose.yml points it at EventStoreDB).
CMD ["npm", "start"]
