/** Row types of the platform tables (migrations/0001_platform.sql). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, T | string, T | string>;

export interface AccountsTable {
  id: Generated<number>;
  email: string;
  email_verified_at: Date | null;
  password_hash: string | null;
  name: string;
  locale: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  suspended_until: Date | null;
  deleted_at: Date | null;
}

export interface AccountRolesTable {
  account_id: number;
  role: string;
  scope: Generated<string>;
  granted_at: Timestamp;
  granted_by: number | null;
}

export interface SessionsTable {
  id: string;
  account_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
}

export interface EmailTokensTable {
  id: string;
  account_id: number;
  purpose: "verify" | "magic" | "reset";
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string | null;
  failed_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: Json;
  ip: string | null;
  created_at: Timestamp;
}

export interface JobsTable {
  id: Generated<number>;
  queue: string;
  payload: Json;
  dedupe_key: string | null;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  state: Generated<"queued" | "done" | "failed">;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  account_id: number | null;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Json<Record<string, string>>;
  status: Generated<"queued" | "sent" | "captured" | "failed">;
  attempts: Generated<number>;
  last_error: string | null;
  message_id: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  account_id: number;
  type: string;
  params: Json;
  url: string | null;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface NotificationSettingsTable {
  account_id: number;
  type: string;
  in_app: boolean;
  email: boolean;
}

export interface SiteSettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
  updated_by: number | null;
}

declare module "./index.ts" {
  interface Tables {
    accounts: AccountsTable;
    account_roles: AccountRolesTable;
    sessions: SessionsTable;
    email_tokens: EmailTokensTable;
    api_tokens: ApiTokensTable;
    login_failures: LoginFailuresTable;
    audit_log: AuditLogTable;
    jobs: JobsTable;
    mail_outbox: MailOutboxTable;
    notifications: NotificationsTable;
    notification_settings: NotificationSettingsTable;
    site_settings: SiteSettingsTable;
  }
}
