/**
 * Where `keyway login` keeps tokens: one JSON file, `credentials.json`, readable by its owner only (mode 0600,
 * in a 0700 directory) under `$KEYWAY_CONFIG_DIR`, else `$XDG_CONFIG_HOME/keyway`, else `~/.config/keyway`
 * (`%APPDATA%\keyway` on Windows). Entries are keyed by profile, e.g. `appfigures` or
 * `hyper:reseller@https://api.bursagb.com`.
 * @module
 */
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

/** The directory `keyway` keeps its files in, from the environment. */
export function configDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.KEYWAY_CONFIG_DIR) return env.KEYWAY_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, "keyway");
  if (process.platform === "win32" && env.APPDATA) return join(env.APPDATA, "keyway");
  return join(homedir(), ".config", "keyway");
}

/** One stored login: the provider's token fields plus when it was stored. */
export type StoredLogin = Readonly<Record<string, unknown>> & { readonly storedAt: string };

async function readAll(file: string): Promise<Record<string, StoredLogin>> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Record<string, StoredLogin>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw err;
  }
}

/**
 * Stores `entry` under `profile` in the credentials file (replacing an older one), written to a temporary file
 * with mode 0600 and renamed over the old one, so the file is never readable by others, even briefly.
 * @returns the file's path.
 */
export async function storeLogin(
  env: Readonly<Record<string, string | undefined>>,
  profile: string,
  entry: Readonly<Record<string, unknown>>,
): Promise<string> {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, "credentials.json");
  const all = await readAll(file);
  all[profile] = { ...entry, storedAt: new Date().toISOString() };
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
  return file;
}

/** Every stored login, by profile (none when the file does not exist). */
export function readLogins(
  env: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, StoredLogin>> {
  return readAll(join(configDir(env), "credentials.json"));
}
