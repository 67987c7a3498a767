FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY config ./config
COPY migrations ./migrations
COPY src ./src
COPY bin ./bin
EXPOSE 8080
USER node
CMD ["node", "--import", "tsx", "src/main.ts"]
