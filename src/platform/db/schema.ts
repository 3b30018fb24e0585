// Table types. Timestamps are UTC ISO strings, days are 'YYYY-MM-DD', booleans are booleans, JSON is text.
// Modules add their own tables by augmenting `Database` (declare module … { interface Database { … } }).
import type { Generated } from 'kysely';

export interface AgencyTable {
  id: Generated<number>;
  slug: string;
  hostname: string | null;
  name_th: string;
  name_en: string;
  type_th: string;
  type_en: string;
  district_th: string;
  province_th: string;
  province_en: string;
  address_th: string;
  address_en: string;
  postcode: string;
  phone: string;
  fax: string;
  email: string;
  office_hours_th: string;
  office_hours_en: string;
  map_url: string;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  agency_id: number;
  username: string;
  display_name: string;
  email: string;
  password_hash: string;
  is_disabled: Generated<boolean>;
  is_demo: Generated<boolean>;
  must_change_password: Generated<boolean>;
  totp_secret_enc: string | null;
  totp_pending_enc: string | null;
  totp_last_step: number | null;
  is_totp_enabled: Generated<boolean>;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  password_changed_at: string | null;
}

export interface UserRoleTable {
  agency_id: number;
  user_id: number;
  role: string;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
}

export interface SessionTable {
  id: string;
  agency_id: number;
  user_id: number;
  /** 'mfa' while the second factor is pending, then 'active' */
  state: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** wrong second-factor codes in this pending sign-in */
  mfa_failures: Generated<number>;
}

/** One counter per throttled key (an HMAC: no usernames or addresses are stored). */
export interface ThrottleTable {
  key_hash: string;
  failures: number;
  window_start: string;
  /** the earliest time the next attempt is allowed (growing delays) */
  next_at: string | null;
  updated_at: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  agency_id: number;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  summary: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  last_event_id: number;
  last_hash: string;
  /** 0: legacy unkeyed chain, 1: HMAC chain */
  key_version: Generated<number>;
  /** HMAC over the head itself, so that a shortened chain cannot be made to look whole */
  head_mac: Generated<string>;
}

export interface FileTable {
  id: Generated<number>;
  agency_id: number;
  public_id: string;
  storage_key: string;
  original_name: string;
  content_type: string;
  ext: string;
  size_bytes: number;
  sha256: string;
  /** the module that decides the file's visibility when it is served */
  owner: string | null;
  created_by: number | null;
  created_at: string;
}

export interface SearchDocTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  ref_id: string;
  lang: string;
  title: string;
  body: string;
  url: string;
  fiscal_year: number | null;
  published_at: string | null;
  search_text: string;
  updated_at: string;
}

export interface SettingTable {
  agency_id: number;
  key: string;
  value: string;
}

/** The tables the platform owns (modules declare theirs in defineModule). Any module may read agency, app_user and file. */
export const PLATFORM_TABLES = ['agency', 'app_user', 'user_role', 'recovery_code', 'session', 'throttle', 'audit_event', 'audit_head', 'file', 'search_doc', 'search_fts', 'setting', 'user_key', 'session_key', 'recovery_key'] as const;
/** Platform tables modules may read (to show who, which agency, which file), never write. */
export const SHARED_FOR_READING = ['agency', 'app_user', 'file'] as const;

export interface UserKeyTable {
  user_id: number;
  agency_id: number;
  /** base64 X25519 public key */
  public_key: string;
  /** HMAC of the public key under a key from SECRET_KEY (vault/index.ts) */
  key_mac: string;
  /** base64 nonce‖secretbox of the private key under a key derived from the password (Argon2id) */
  wrapped_private: string;
  kdf_salt: string;
  kdf_ops: number;
  kdf_mem: number;
  created_at: string;
  updated_at: string;
}

export interface SessionKeyTable {
  /** random id, also in the browser's key cookie */
  id: string;
  user_id: number;
  /** base64 nonce‖secretbox of the private key under the key that only the browser's cookie holds */
  wrapped_private: string;
  expires_at: string;
}

export interface RecoveryKeyTable {
  agency_id: number;
  public_key: string;
  key_mac: string;
  created_at: string;
}

export interface Database {
  agency: AgencyTable;
  app_user: UserTable;
  user_role: UserRoleTable;
  recovery_code: RecoveryCodeTable;
  session: SessionTable;
  throttle: ThrottleTable;
  audit_event: AuditEventTable;
  audit_head: AuditHeadTable;
  file: FileTable;
  search_doc: SearchDocTable;
  setting: SettingTable;
  user_key: UserKeyTable;
  session_key: SessionKeyTable;
  recovery_key: RecoveryKeyTable;
}
