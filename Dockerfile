# Production-like image: the app against an external PostgreSQL (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
USER node
# node as PID 1 (not npm) so SIGTERM reaches the app and it shuts down gracefully; the server
# compiled by npm run build (dist/server), not TypeScript compiled at each start.
CMD ["node", "dist/server/main.js"]
