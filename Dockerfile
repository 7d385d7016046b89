# Parley, built for docker-compose.yml. It runs the TypeScript directly through tsx (a
# runtime dependency), so there is no build step; better-sqlite3 builds or downloads its
# native module during `npm ci` (the full node image has the compilers it may need).
FROM node:20-bookworm
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --chown=node:node . .
USER node
# The store comes from PARLEY_STORE (docker-compose.yml points it at EventStoreDB).
CMD ["npm", "start"]
