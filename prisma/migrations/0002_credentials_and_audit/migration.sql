-- Credentials and the audit log (issue #9), as `prisma migrate diff` writes them for schema.prisma.
-- Secrets are stored only as hashes: argon2id for passwords, SHA-256 for random tokens.

-- CreateTable
CREATE TABLE "password_credentials" (
    "user_name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_credentials_pkey" PRIMARY KEY ("user_name")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_links" (
    "token_hash" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_links_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "dashboard_sessions" (
    "token_hash" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dashboard_sessions_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_name" TEXT NOT NULL,
    "groups" TEXT[],
    "verb" TEXT NOT NULL,
    "api_group" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "subresource" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "request_uri" TEXT NOT NULL,
    "code" INTEGER NOT NULL,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "user_agent" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_user_name_name_key" ON "api_tokens"("user_name", "name");

-- CreateIndex
CREATE INDEX "sign_in_links_user_name_idx" ON "sign_in_links"("user_name");

-- CreateIndex
CREATE INDEX "dashboard_sessions_user_name_idx" ON "dashboard_sessions"("user_name");

-- CreateIndex
CREATE INDEX "audit_events_time_idx" ON "audit_events"("time");
