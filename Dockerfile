# Build stage: the console (React, Vite: development dependencies) is built into console/dist.
FROM node:20-bookworm-slim AS console
WORKDIR /app
COPY package.json package-lock.json ./
COPY console ./console
COPY client ./client
RUN npm ci --no-audit --no-fund && node --import tsx console/build.ts

# Runtime: production dependencies only, the built console copied in.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY console/build.ts ./console/build.ts
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=console /app/console/dist ./console/dist
COPY config ./config
COPY migrations ./migrations
COPY src ./src
COPY bin ./bin
EXPOSE 8080
USER node
CMD ["node", "--import", "tsx", "src/main.ts"]
