export function contactPath(id: string): string {
  return `/contacts/${encodeURIComponent(id)}`;
}

export function listPath(id: string): string {
  return `/contacts/lists/${encodeURIComponent(id)}`;
}
