/** The allowed origins typed one per line: trimmed, blank lines dropped. */
export function parseAllowedOrigins(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function formatAllowedOrigins(origins: readonly string[]): string {
  return origins.join('\n');
}
