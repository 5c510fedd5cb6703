/** apt-get arguments for scripts that install system packages. */

/** How long apt-get waits for another apt/dpkg process to release its locks (seconds). */
export const APT_LOCK_TIMEOUT_SECONDS = 300;

/**
 * `args` with the lock timeouts set: apt-get otherwise fails at once with "Could not get lock"
 * while another apt or dpkg process holds the dpkg frontend lock (install) or the lists lock
 * (update). `DPkg::Lock::Timeout` covers both in apt ≥ 1.9.11; older apt ignores it.
 */
export function aptGetArgs(args: readonly string[], timeoutSeconds = APT_LOCK_TIMEOUT_SECONDS): string[] {
  return ["-o", `DPkg::Lock::Timeout=${timeoutSeconds}`, ...args];
}
