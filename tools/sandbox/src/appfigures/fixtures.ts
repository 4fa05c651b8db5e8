/**
 * The Appfigures sandbox's fixed world: accounts, users, API clients, personal access tokens, products,
 * reviews, ratings, linked store accounts and reference data. Sales are computed from the product, day and
 * country (a stable hash), so every date range has data. See tools/sandbox/README.md ("Appfigures").
 */

/** Every scope Appfigures documents. */
export const ALL_SCOPES = [
  "account:read",
  "account:write",
  "products:read",
  "products:write",
  "public:read",
  "public:write",
  "private:read",
  "private:write",
] as const;

/** An Appfigures account (a company). */
export interface Account {
  id: number;
  name: string;
  /** `locked`: unpaid balance (403 No API Access); `disabled`: API-terms violation (403 disabled). */
  state: "active" | "locked" | "disabled";
  plan: string;
}

/** A user of an account. */
export interface SandboxUser {
  id: number;
  accountId: number;
  name: string;
  email: string;
  password: string;
  role: "admin" | "viewer";
  isOwner: boolean;
}

/** An API client (client key and secret, from appfigures.com/developers/keys). */
export interface ApiClient {
  key: string;
  secret: string;
  accountId: number;
  scopes: readonly string[];
  redirectUris: readonly string[];
}

/** A personal access token. */
export interface PersonalToken {
  token: string;
  userId: number;
  scopes: readonly string[];
}

export const ACCOUNTS: readonly Account[] = [
  { id: 501, name: "Keyway Labs", state: "active", plan: "Performance" },
  { id: 502, name: "Other Studio", state: "active", plan: "Business" },
  { id: 503, name: "Locked Games", state: "locked", plan: "Business" },
  { id: 504, name: "Disabled Apps", state: "disabled", plan: "Business" },
];

/** The docs' Basic example user is "Aladdin" / "open sesame"; here the user name is the e-mail. */
export const USERS: readonly SandboxUser[] = [
  {
    id: 1001,
    accountId: 501,
    name: "Aladdin",
    email: "aladdin@example.com",
    password: "open sesame",
    role: "admin",
    isOwner: true,
  },
  {
    id: 1002,
    accountId: 501,
    name: "Jasmine",
    email: "jasmine@example.com",
    password: "magic carpet",
    role: "viewer",
    isOwner: false,
  },
  {
    id: 2001,
    accountId: 502,
    name: "Other Owner",
    email: "other@example.com",
    password: "hunter2",
    role: "admin",
    isOwner: true,
  },
  {
    id: 3001,
    accountId: 503,
    name: "Locked Owner",
    email: "locked@example.com",
    password: "open sesame",
    role: "admin",
    isOwner: true,
  },
  {
    id: 4001,
    accountId: 504,
    name: "Disabled Owner",
    email: "disabled@example.com",
    password: "open sesame",
    role: "admin",
    isOwner: true,
  },
];

/** The user every OAuth authorization page approves as (the sandbox's logged-in test user). */
export const TEST_USER_ID = 1001;

const REDIRECTS = ["https://app.example.com/appfigures/callback", "urn:ietf:wg:oauth:2.0:oob"];

export const CLIENTS: readonly ApiClient[] = [
  {
    key: "kw_demo_client",
    secret: "kw_demo_secret",
    accountId: 501,
    scopes: ALL_SCOPES,
    redirectUris: REDIRECTS,
  },
  {
    key: "kw_public_client",
    secret: "kw_public_secret",
    accountId: 501,
    scopes: ["public:read"],
    redirectUris: REDIRECTS,
  },
  {
    key: "other_client",
    secret: "other_secret",
    accountId: 502,
    scopes: ALL_SCOPES,
    redirectUris: REDIRECTS,
  },
  {
    key: "locked_client",
    secret: "locked_secret",
    accountId: 503,
    scopes: ALL_SCOPES,
    redirectUris: REDIRECTS,
  },
  {
    key: "disabled_client",
    secret: "disabled_secret",
    accountId: 504,
    scopes: ALL_SCOPES,
    redirectUris: REDIRECTS,
  },
];

export const PERSONAL_TOKENS: readonly PersonalToken[] = [
  { token: "pat_kw_demo_full", userId: 1001, scopes: ALL_SCOPES },
  { token: "pat_kw_demo_public", userId: 1001, scopes: ["public:read"] },
  { token: "pat_other_full", userId: 2001, scopes: ALL_SCOPES },
  { token: "pat_locked", userId: 3001, scopes: ALL_SCOPES },
  { token: "pat_disabled", userId: 4001, scopes: ALL_SCOPES },
];

/** A product as the API answers it (plus the owning account). */
export interface SandboxProduct {
  accountId: number;
  body: Record<string, unknown> & { id: number; store: string; type: string; children: number[] };
}

const product = (
  accountId: number,
  id: number,
  fields: Record<string, unknown> & { store: string; type: string },
  children: number[] = [],
): SandboxProduct => ({
  accountId,
  body: {
    id,
    developer: "Keyway Labs",
    icon: `https://example.com/icons/${id}.png`,
    release_date: "2024-03-01T00:00:00",
    added_date: "2024-03-02T00:00:00",
    updated_date: "2026-11-20T00:00:00",
    version: "3.2.1",
    active: true,
    parent_id: null,
    features: ["sales", "reviews", "ranks"],
    ...fields,
    children,
  },
});

export const PRODUCTS: readonly SandboxProduct[] = [
  product(
    501,
    40000812345,
    {
      name: "Keyway Notes",
      vendor_identifier: "KWNOTES1",
      ref_no: 1234567890,
      sku: "KWNOTES1",
      store_id: 2,
      store: "apple",
      type: "app",
      devices: ["iPhone", "iPad"],
      bundle_identifier: "dev.keyway.notes",
      price: { price: "0.00", currency: "USD" },
    },
    [40000812399],
  ),
  product(501, 40000812399, {
    name: "Keyway Notes Pro",
    vendor_identifier: "KWNOTESPRO",
    ref_no: 1234567999,
    sku: "KWNOTESPRO",
    store_id: 2,
    store: "apple",
    type: "inapp",
    devices: ["iPhone", "iPad"],
    parent_id: 40000812345,
    price: { price: "4.99", currency: "USD" },
  }),
  product(501, 40000954321, {
    name: "Keyway Notes for Android",
    vendor_identifier: "dev.keyway.notes",
    ref_no: null,
    sku: "dev.keyway.notes",
    store_id: 1,
    store: "google_play",
    type: "app",
    devices: ["Handheld", "Tablet"],
    package_name: "dev.keyway.notes",
    price: { price: "0.00", currency: "USD" },
  }),
  product(502, 40000777001, {
    name: "Other Puzzle",
    developer: "Other Studio",
    vendor_identifier: "OTHERPZ",
    ref_no: 987654321,
    sku: "OTHERPZ",
    store_id: 2,
    store: "apple",
    type: "app",
    devices: ["iPhone"],
  }),
];

/** Store metadata of `?meta=true`, per language. */
export const PRODUCT_META: Record<string, Record<string, unknown>> = {
  en: { description: "Notes that sync everywhere.", subtitle: "Fast notes", keywords: "notes,sync" },
  de: { description: "Notizen, die überall synchron sind.", subtitle: "Schnelle Notizen" },
};

export const COUNTRIES = [
  { iso: "US", name: "United States", apple_store_no: "143441" },
  { iso: "GB", name: "United Kingdom", apple_store_no: "143444" },
  { iso: "DE", name: "Germany", apple_store_no: "143443" },
  { iso: "JP", name: "Japan", apple_store_no: "143462" },
] as const;

export const STORES = {
  google_play: { id: 1, name: "google_play", title: "Google Play" },
  apple: { id: 2, name: "apple", title: "App Store" },
  amazon_appstore: { id: 3, name: "amazon_appstore", title: "Amazon Appstore" },
} as const;

export const LANGUAGES = [
  { code: "en", name: "English" },
  { code: "de", name: "German" },
  { code: "ja", name: "Japanese" },
  { code: "fr", name: "French" },
];

export const CATEGORIES = {
  "6000": { id: 6000, name: "Business", store: "apple", parent_id: null },
  "6007": { id: 6007, name: "Productivity", store: "apple", parent_id: null },
  "7001": { id: 7001, name: "Productivity", store: "google_play", parent_id: null },
};

export const CURRENCIES = [
  { code: "USD", symbol: "$", name: "US Dollar" },
  { code: "EUR", symbol: "€", name: "Euro" },
  { code: "GBP", symbol: "£", name: "British Pound" },
  { code: "JPY", symbol: "¥", name: "Japanese Yen" },
];

/** A review (the API's shape: `stars` is a decimal string). */
export interface SandboxReview {
  id: string;
  author: string;
  title: string;
  review: string;
  original_title: string | null;
  original_review: string | null;
  stars: string;
  iso: string;
  version: string | null;
  date: string;
  product: number;
  weight: number;
  language: string;
}

const review = (
  n: number,
  productId: number,
  stars: number,
  iso: string,
  language: string,
  date: string,
  author: string,
  title: string,
  text: string,
  version = "3.2.1",
): SandboxReview => ({
  id: `${productId}R${String(n).padStart(4, "0")}`,
  author,
  title,
  review: text,
  original_title: null,
  original_review: null,
  stars: `${stars}.00`,
  iso,
  version,
  date,
  product: productId,
  weight: 0,
  language,
});

export const REVIEWS: readonly SandboxReview[] = [
  review(
    1,
    40000812345,
    5,
    "US",
    "en",
    "2026-11-28T14:03:00",
    "Ada",
    "Does what it says",
    "Syncs fast, never lost a note.",
  ),
  review(
    2,
    40000812345,
    4,
    "GB",
    "en",
    "2026-11-25T09:40:00",
    "Grace",
    "Nearly perfect",
    "Wish it had folders, otherwise great.",
  ),
  review(
    3,
    40000812345,
    2,
    "DE",
    "de",
    "2026-11-21T18:12:00",
    "Jürgen",
    "Zu teuer",
    "Pro-Version ist zu teuer für das, was sie kann.",
    "3.2.0",
  ),
  review(
    4,
    40000812345,
    1,
    "US",
    "en",
    "2026-11-10T07:05:00",
    "Linus",
    "Crashes on launch",
    "Crashes every time since the update.",
    "3.2.0",
  ),
  review(5, 40000812345, 5, "JP", "ja", "2026-11-02T03:30:00", "Yuki", "最高", "毎日使っています。"),
  review(
    6,
    40000954321,
    5,
    "ZZ",
    "en",
    "2026-11-27T12:00:00",
    "Margaret",
    "Great on tablets",
    "Split view works really well.",
  ),
  review(
    7,
    40000954321,
    3,
    "ZZ",
    "fr",
    "2026-11-15T16:45:00",
    "Élodie",
    "Correct",
    "Bien, mais la synchro est lente.",
    "3.1.9",
  ),
  review(8, 40000777001, 4, "US", "en", "2026-11-20T10:00:00", "Alan", "Fun puzzles", "Hard but fair."),
];

/** Linked store accounts, per account. */
export const EXTERNAL_ACCOUNTS = [
  {
    id: 7001,
    account_id: 501,
    nickname: "App Store Connect",
    username: "finance@keyway.example",
    auto_import: true,
    store_id: 2,
    store: "apple",
    metadata: {},
  },
  {
    id: 7002,
    account_id: 501,
    nickname: "Play Console",
    username: "finance@keyway.example",
    auto_import: true,
    store_id: 1,
    store: "google_play",
    metadata: {},
  },
  {
    id: 7101,
    account_id: 502,
    nickname: "Other ASC",
    username: "ops@other.example",
    auto_import: false,
    store_id: 2,
    store: "apple",
    metadata: {},
  },
];

/** A stable 32-bit hash (FNV-1a) of a string: the sales generator's only source of "randomness". */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The sales of one product on one day in one country. */
export function dailySales(productId: number, day: string, iso: string, type: string) {
  const h = hash(`${productId}|${day}|${iso}`);
  const downloads = type === "inapp" ? h % 7 : 5 + (h % 60);
  const returns = h % 17 === 0 ? 1 : 0;
  const price = type === "inapp" ? 4.99 : 0;
  const updates = type === "inapp" ? 0 : (h >>> 8) % 90;
  return {
    downloads,
    re_downloads: (h >>> 4) % 9,
    updates,
    returns,
    net_downloads: downloads - returns,
    promos: (h >>> 12) % 3,
    revenue: Math.round((downloads - returns) * price * 0.7 * 100),
    edu_downloads: 0,
    gifts: (h >>> 16) % 2,
    gift_redemptions: 0,
  };
}
